package io.statuskit.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusTracker;
import io.statuskit.page.PageSettings;
import io.statuskit.page.StatusSite;
import io.statuskit.testkit.NinerNetSample;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler answers documents in memory on Jetty's I/O threads and hands everything that may
 * wait to the pool: requests that block (a readiness check stuck on its store, admin requests
 * whose body trickles in) hold pool threads, never the I/O threads, so the page is still
 * answered from memory meanwhile, 304s included; a document not rendered yet is rendered on the
 * pool.
 */
class StatusPageServerThreadsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(DEADLINE).build();
  private StatusTracker tracker;
  private StatusSite site;

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(Clock.systemUTC());
    NinerNetSample.populate(tracker);
    site = StatusSite.builder().boards(tracker::board).settings(PageSettings.local("NinerNet", 8080)).build();
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  @Test
  void requestsThatWaitHoldPoolThreadsNotTheIoThreadsSoCachedPagesStillAnswer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger waiting = new AtomicInteger();
    StatusPageServer.Bound bound = StatusPageServer.bind(new InetSocketAddress("127.0.0.1", 0), ServerSettings.defaults());
    try (StatusPageServer server =
        bound.start(
            site,
            AdminApi.create(tracker, "secret-admin-token-0123"),
            () -> {
              waiting.incrementAndGet();
              try {
                return release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            })) {
      URI front = URI.create("http://127.0.0.1:" + server.port() + "/");
      HttpResponse<String> first = get(front, null);
      assertThat(first.statusCode()).isEqualTo(200);
      String etag = first.headers().firstValue("ETag").orElseThrow();

      // Eight readiness checks stuck on the store, and eight admin posts whose bodies never come.
      List<Socket> stuck = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          stuck.add(send(server.port(), "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n"));
          stuck.add(
              send(
                  server.port(),
                  "POST /api/admin/incidents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret-admin-token-0123\r\n"
                      + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\":"));
        }
        for (int i = 0; i < 100 && waiting.get() < 8; i++) {
          Thread.sleep(50);
        }
        assertThat(waiting.get()).as("readiness checks waiting on the store").isEqualTo(8);

        long start = System.nanoTime();
        HttpResponse<String> again = get(front, null);
        HttpResponse<String> notModified = get(front, etag);
        HttpResponse<String> feed = get(front.resolve("/history.atom"), null); // not rendered yet: on the pool
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).contains("<feed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
      } finally {
        release.countDown();
        for (Socket socket : stuck) {
          socket.close();
        }
      }
      assertThat(get(front.resolve("/readyz"), null).statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(URI uri, @Nullable String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(DEADLINE);
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens a connection and sends a request's first bytes, leaving it open. */
  private static Socket send(int port, String text) throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) DEADLINE.toMillis());
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream unused = socket.getInputStream();
    return socket;
  }
}
