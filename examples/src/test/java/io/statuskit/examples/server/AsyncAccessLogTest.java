package io.statuskit.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * The access log's writer: lines of real requests appear, stopping writes every queued line, and a
 * full queue drops lines (counted) instead of making the request thread wait.
 */
class AsyncAccessLogTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);

  @Test
  void theLinesOfRealRequestsAppearInTheCombinedFormat() throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    AsyncAccessLog writer = new AsyncAccessLog(100, lines::add, GENEROUS);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setRequestLog(new CustomRequestLog(writer, CustomRequestLog.EXTENDED_NCSA_FORMAT));
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    server.start();
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String path : List.of("/a", "/b", "/c")) {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
                    .header("User-Agent", "access-log-test")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
      }
      // written by the writer thread, while the server runs (no Referer: Jetty writes "")
      long deadline = System.nanoTime() + GENEROUS.toNanos();
      while (lines.size() < 3 && System.nanoTime() - deadline < 0) {
        Thread.sleep(20);
      }
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0))
          .matches("127\\.0\\.0\\.1 - - \\[[^]]+] \"GET /a HTTP/1\\.1\" 200 \\d+ \"\" \"access-log-test\"");
      assertThat(lines.get(2)).contains("\"GET /c HTTP/1.1\" 200");
    } finally {
      server.stop();
    }
    assertThat(writer.dropped()).isZero();
  }

  @Test
  void stoppingWritesEveryQueuedLineFirst() throws Exception {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    AsyncAccessLog writer =
        new AsyncAccessLog(
            1_000,
            line -> {
              sleep(1); // a slow sink: the lines are still queued when stop() is called
              lines.add(line);
            },
            GENEROUS);
    writer.start();
    List<String> written = IntStream.range(0, 300).mapToObj(i -> "line " + i).toList();
    written.forEach(writer::write);

    writer.stop();

    assertThat(lines).containsExactlyElementsOf(written);
    assertThat(writer.dropped()).isZero();
    writer.write("after stop"); // no writer thread any more: written at once
    assertThat(lines).endsWith("after stop");
  }

  @Test
  void aFullQueueDropsAndCountsLinesInsteadOfBlockingTheWriter() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    AsyncAccessLog writer =
        new AsyncAccessLog(
            10,
            line -> {
              entered.countDown();
              await(release); // the sink is stuck (a full disk, a blocked pipe)
              lines.add(line);
            },
            GENEROUS);
    writer.start();
    try {
      writer.write("first");
      assertThat(entered.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

      // 10 fit in the queue, 990 are dropped; none of the 1,000 calls waits for the stuck sink
      assertTimeoutPreemptively(
          GENEROUS, () -> IntStream.range(0, 1_000).forEach(i -> writer.write("line " + i)));

      assertThat(writer.dropped()).isEqualTo(990);
    } finally {
      release.countDown();
      writer.stop();
    }
    assertThat(lines).hasSize(11);
    assertThat(lines.get(0)).isEqualTo("first");
    assertThat(lines.subList(1, 11)).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "line " + i).toList());
  }

  @Test
  void aLineWrittenBeforeStartGoesToTheSinkAtOnce() {
    List<String> lines = new ArrayList<>();
    AsyncAccessLog writer = new AsyncAccessLog(10, lines::add, GENEROUS);

    writer.write("early");

    assertThat(lines).containsExactly("early");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
