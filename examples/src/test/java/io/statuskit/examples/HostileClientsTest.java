package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.examples.server.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

/**
 * Slow and hostile clients against {@code serve} on 127.0.0.1: the page keeps answering, limits
 * are answered with their status codes, and nothing reaches the store. Every loop is bounded.
 */
class HostileClientsTest {
  private static final int SLOW_CLIENTS = 2_000;
  private static final byte[] SLOW_REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path data;

  private StatusPageApp start(ServerSettings settings) throws Exception {
    return StatusPageApp.start(
        new ServeOptions(0, "127.0.0.1", null, data, null, "test-token-0123456789abcdef", false, Clock.systemUTC())
            .withServer(settings));
  }

  @Test
  void thePageAnswersWhileTwoThousandClientsSendOneByteEveryThreeSecondsAndTheyAreClosedAfterTheHeaderTimeout()
      throws Exception {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    assumeTrue(
        os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() >= 2 * SLOW_CLIENTS + 1_000,
        "this test needs about 5,000 file descriptors (client and server ends); raise ulimit -n");
    ServerSettings settings =
        ServerSettings.defaults().withHeaderTimeout(Duration.ofSeconds(5)).withMaxConnectionsPerAddress(SLOW_CLIENTS + 100);
    try (StatusPageApp app = start(settings)) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
      get(client, app.url(), Duration.ofSeconds(10)); // warm up: the first render of a fresh JVM is slow
      List<SocketChannel> slow = new ArrayList<>();
      try {
        long started = System.nanoTime();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
          SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", app.port()));
          channel.configureBlocking(false);
          slow.add(channel);
        }
        int sent = 0;
        List<Long> latencies = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          sendOneByte(slow, sent++);
          long before = System.nanoTime();
          HttpResponse<String> front = get(client, app.url(), Duration.ofSeconds(2));
          latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before));
          assertThat(front.statusCode()).isEqualTo(200);
          assertThat(front.body()).contains("Systems at a Glance");
          long next = started + TimeUnit.SECONDS.toNanos(3L * (round + 1));
          Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime())));
        }
        assertThat(open(slow)).as("slow connections still open at ~9 s, latencies %s ms", latencies).isZero();
        assertThat(app.server().headerTimeouts()).isGreaterThanOrEqualTo(SLOW_CLIENTS);
        assertThat(get(client, app.url(), Duration.ofSeconds(2)).statusCode()).isEqualTo(200);
      } finally {
        for (SocketChannel channel : slow) {
          channel.close();
        }
      }
    }
  }

  @Test
  void connectionsBeyondTheCapPerAddressAreClosedAndOthersStillServed() throws Exception {
    try (StatusPageApp app = start(ServerSettings.defaults().withMaxConnectionsPerAddress(10))) {
      List<Socket> kept = new ArrayList<>();
      List<Socket> extra = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          Socket socket = connect(app);
          socket.getOutputStream().write(ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
          byte[] answer = new byte[12];
          assertThat(socket.getInputStream().readNBytes(answer, 0, 12)).isEqualTo(12);
          assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
          kept.add(socket); // kept alive: ten connections open from 127.0.0.1
        }
        int closed = 0;
        for (int i = 0; i < 10; i++) {
          Socket socket = connect(app);
          extra.add(socket);
          try {
            closed += socket.getInputStream().read() < 0 ? 1 : 0;
          } catch (SocketTimeoutException e) {
            // still open: not counted
          } catch (IOException e) {
            closed++;
          }
        }
        assertThat(closed).isEqualTo(10);
        assertThat(app.server().refusedConnections()).isEqualTo(10);
        assertThat(exchange(app, SLOW_REQUEST, new InetSocketAddress("127.0.0.2", 0))).startsWith("HTTP/1.1 200 ");
      } finally {
        for (Socket socket : kept) {
          socket.close();
        }
        for (Socket socket : extra) {
          socket.close();
        }
      }
      String answer = "";
      for (int attempt = 0; attempt < 50 && !answer.startsWith("HTTP/1.1 200 "); attempt++) {
        Thread.sleep(100); // the server notices the closed connections
        answer = exchange(app, SLOW_REQUEST);
      }
      assertThat(answer).startsWith("HTTP/1.1 200 ");
    }
  }

  private static Socket connect(StatusPageApp app) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 2_000);
    socket.setSoTimeout(3_000);
    return socket;
  }

  @Test
  void hostileRequestsGetTheirStatusCodesTheServerStaysUpAndNothingReachesTheStore() throws Exception {
    try (StatusPageApp app = start(ServerSettings.defaults())) {
      long version = app.tracker().board().version();
      StringBuilder manyLines = new StringBuilder("POST /api/admin/notices HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      for (int i = 0; i < 1_000; i++) {
        manyLines.append("X-Filler-").append(i).append(": some value\r\n");
      }
      String hugeHeader = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: " + "a".repeat(1 << 20) + "\r\n\r\n";
      String longLine = "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      String longTarget = "GET /search?q=" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      String body = "{\"title\": \"x\", \"body\": \"" + "y".repeat(100_000) + "\"}";

      assertThat(exchange(app, ascii(manyLines + "\r\n"))).startsWith("HTTP/1.1 431 ");
      assertThat(exchange(app, ascii(hugeHeader))).startsWith("HTTP/1.1 431 ");
      assertThat(exchange(app, ascii(longLine))).startsWith("HTTP/1.1 414 ");
      assertThat(exchange(app, ascii(longTarget))).startsWith("HTTP/1.1 414 ");
      assertThat(exchange(app, ascii("GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"))).startsWith("HTTP/1.1 505 ");
      assertThat(exchange(app, ascii("POST /api/admin/notices HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"))).startsWith("HTTP/1.1 505 ");
      assertThat(exchange(app, new byte[] {1, 2, 3, 'x', '\r', '\n', '\r', '\n'})).startsWith("HTTP/1.1 400 ");
      assertThat(exchange(app, ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n"))).startsWith("HTTP/1.1 400 ");
      assertThat(
              exchange(
                  app,
                  ascii("POST /api/admin/notices HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-token-0123456789abcdef\r\n"
                      + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)))
          .startsWith("HTTP/1.1 413 ");

      assertThat(app.tracker().board().version()).isEqualTo(version);
      assertThat(exchange(app, ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))).startsWith("HTTP/1.1 200 ");
      assertThat(exchange(app, SLOW_REQUEST)).startsWith("HTTP/1.1 200 ").contains("Systems at a Glance");
    }
  }

  @Test
  void healthAndReadinessAnswer() throws Exception {
    try (StatusPageApp app = start(ServerSettings.defaults())) {
      assertThat(exchange(app, ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))).startsWith("HTTP/1.1 200 ").endsWith("ok\n");
      assertThat(exchange(app, ascii("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))).startsWith("HTTP/1.1 200 ");
      assertThat(exchange(app, ascii("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")))
          .startsWith("HTTP/1.1 200 ")
          .containsIgnoringCase("Content-Length: ")
          .doesNotContain("Systems at a Glance");
    }
  }

  @Test
  void closingFinishesTheRequestInFlight() throws Exception {
    StatusPageApp app = start(ServerSettings.defaults().withShutdownTimeout(Duration.ofSeconds(5)));
    Thread closer = new Thread(app::close, "closer");
    try (Socket socket = connect(app)) {
      String body = "{\"title\": \"Support hours\", \"body\": \"We now answer around the clock.\"}";
      OutputStream out = socket.getOutputStream();
      out.write(
          ascii("POST /api/admin/notices HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-token-0123456789abcdef\r\n"
              + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10)));
      out.flush();
      Thread.sleep(300); // the request is in flight: its handler waits for the rest of the body
      closer.start();
      Thread.sleep(500);
      assertThat(closer.isAlive()).as("close() waits for the request in flight").isTrue();
      out.write(ascii(body.substring(10)));
      out.flush();
      byte[] status = new byte[12];
      assertThat(socket.getInputStream().readNBytes(status, 0, 12)).isEqualTo(12);
      assertThat(new String(status, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 201");
    } finally {
      closer.join(10_000);
      app.close();
    }
    assertThat(closer.isAlive()).isFalse();
  }

  private static HttpResponse<String> get(HttpClient client, URI uri, Duration timeout) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void sendOneByte(List<SocketChannel> channels, int index) {
    ByteBuffer one = ByteBuffer.allocate(1);
    for (SocketChannel channel : channels) {
      one.clear();
      one.put(SLOW_REQUEST[index]).flip();
      try {
        channel.write(one);
      } catch (IOException e) {
        // closed by the server already
      }
    }
  }

  /** How many of the channels the server has not closed (a read gives neither EOF nor an error). */
  private static int open(List<SocketChannel> channels) {
    int open = 0;
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    for (SocketChannel channel : channels) {
      try {
        buffer.clear();
        if (channel.read(buffer) >= 0) {
          open++;
        }
      } catch (IOException e) {
        // reset by the server: closed
      }
    }
    return open;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String exchange(StatusPageApp app, byte[] request) throws Exception {
    return exchange(app, request, null);
  }

  /**
   * Sends raw bytes on a new connection (writing on another thread, so a server that answers
   * before reading everything is still heard) and returns what came back until the server closed
   * or 5 s passed.
   */
  private static String exchange(StatusPageApp app, byte[] request, @Nullable InetSocketAddress from) throws Exception {
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(from);
      }
      socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 2_000);
      socket.setSoTimeout(5_000);
      Thread writer =
          new Thread(
              () -> {
                try {
                  OutputStream out = socket.getOutputStream();
                  out.write(request);
                  out.flush();
                } catch (IOException e) {
                  // the server answered and closed before reading everything
                }
              });
      writer.setDaemon(true);
      writer.start();
      InputStream in = socket.getInputStream();
      boolean head = request.length > 4 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      try {
        while (System.nanoTime() < deadline) {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          if (answer.indexOf("\r\n\r\n") >= 0 && (head || complete(answer))) {
            break;
          }
        }
      } catch (IOException e) {
        // reset after the answer (or no answer at all: then the message tells why)
        if (answer.length() == 0) {
          answer.append(e);
        }
      }
      writer.join(5_000);
      return answer.toString();
    }
  }

  /** Whether a response with Content-Length has all its body (or is a HEAD-like header only). */
  private static boolean complete(StringBuilder answer) {
    int end = answer.indexOf("\r\n\r\n");
    String head = answer.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    int at = head.indexOf("content-length: ");
    if (at < 0) {
      return false;
    }
    int lineEnd = head.indexOf("\r\n", at);
    long length = Long.parseLong(head.substring(at + 16, lineEnd < 0 ? head.length() : lineEnd).strip());
    return answer.length() - end - 4 >= length;
  }
}
