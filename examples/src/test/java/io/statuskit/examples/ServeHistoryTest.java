package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.UptimePolicy;
import io.statuskit.testkit.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with a config file whose one server is a TCP listener on 127.0.0.1: every probe
 * result goes into the uptime history under the data directory, which the next start reads back;
 * the server page shows the monthly table with the rule; the admin API reports over HTTP. The
 * monitor's rounds run on real time (every 100 ms); their results are stamped by a manual clock,
 * so the test says which minute they fall in.
 */
class ServeHistoryTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final SeriesKey SERIES = SeriesKey.of("NC900", "local");
  private static final Instant NOON = Instant.parse("2026-11-10T12:00:00Z");

  @TempDir Path dir;
  private ServerSocket target;
  private Thread acceptor;
  private final ManualClock clock = ManualClock.at(NOON);

  @BeforeEach
  void listen() throws IOException {
    target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!target.isClosed()) {
        try (Socket ignored = target.accept()) {
          // a TCP probe only connects
        } catch (IOException e) {
          return;
        }
      }
    }, "test-tcp-target");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    target.close();
    acceptor.join(5_000);
  }

  private StatusPageApp start() throws Exception {
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page:",
            "  name: Example",
            "  zone: UTC",
            "admin:",
            "  token: " + TOKEN,
            "servers:",
            "  - id: NC900",
            "    name: Phone server",
            "    interval: 100ms",
            "    probes:",
            "      - {type: tcp, host: 127.0.0.1, port: " + target.getLocalPort() + ", timeout: 2s}",
            ""));
    return StatusPageApp.start(new ServeOptions(0, "127.0.0.1", config, dir.resolve("data"), null, null, true, clock));
  }

  private static long count(HistoryRecorder history, Instant from, Instant to) {
    return history.summarize(SERIES, from, to, false).count();
  }

  private static void await(String what, LongSupplier value, long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (value.getAsLong() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": fewer than " + atLeast + " within 30 s: " + value.getAsLong());
      }
      Thread.sleep(50);
    }
  }

  @Test
  void probeResultsGoIntoTheHistoryUnderTheDataDirectoryAndSurviveARestart() throws Exception {
    Instant minute = NOON.plusSeconds(60);
    long noon;
    try (StatusPageApp app = start()) {
      HistoryRecorder history = app.history().recorder().orElseThrow();
      await("results in the 12:00 minute", () -> count(history, NOON, minute), 5);
      clock.set(NOON.plusSeconds(90));
      // once a result lands in 12:01, no more come into 12:00 (the clock stamps them)
      await("results in the 12:01 minute", () -> count(history, minute, minute.plusSeconds(60)), 1);
      noon = count(history, NOON, minute);
      assertThat(history.summarize(SERIES, NOON, minute).failed()).as("the listener answers").isZero();
    }
    assertThat(Files.isDirectory(dir.resolve("data").resolve("history"))).as("the history's files are under the data directory").isTrue();

    try (StatusPageApp restarted = start()) {
      HistoryRecorder history = restarted.history().recorder().orElseThrow();
      assertThat(count(history, NOON, minute)).as("the 12:00 minute after a restart").isEqualTo(noon);
    }
  }

  @Test
  void theServerPageShowsTheMonthlyTableWithTheRuleAndTheAdminApiReports() throws Exception {
    try (StatusPageApp app = start()) {
      HistoryRecorder history = app.history().recorder().orElseThrow();
      await("results", () -> count(history, NOON, NOON.plusSeconds(60)), 3);
      // half a minute into the next hour: the page's chart covers [now - 7 days, now)
      clock.set(NOON.plusSeconds(3630));
      await("results an hour later", () -> count(history, NOON.plusSeconds(3600), NOON.plusSeconds(3660)), 3);

      String page = Http.text(Http.get(app.url().resolve("/servers/NC900/")));
      String rule = UptimePolicy.ofDefaults().rule();
      assertThat(page)
          .contains("id=\"monthly-uptime\"", "Uptime by month, last 12 months", "Counted as: " + rule)
          .contains("<time datetime=\"2026-11\">November 2026</time></th><td>100.000%</td>")
          .contains("<time datetime=\"2025-12\">December 2025</time></th><td>no data</td>");
      // the response-time chart from the rollups: one point for 12:00 and one for 13:00
      assertThat(page).contains("Median response time per hour from 10 November 2026, 12:00 UTC to 10 November 2026, 13:00 UTC");

      HttpResponse<byte[]> csv =
          Http.get(
              app.url().resolve("/api/admin/uptime?server=NC900&month=2026-11&format=csv"), "Authorization", "Bearer " + TOKEN);
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
      assertThat(Http.text(csv)).startsWith("subject,window,").contains("NC900,2026-11,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,100,");

      HttpResponse<byte[]> json =
          Http.get(app.url().resolve("/api/admin/uptime?month=2026-11"), "Authorization", "Bearer " + TOKEN);
      JsonNode report = new ObjectMapper().readTree(json.body());
      assertThat(report.path("rule").asText()).isEqualTo(rule);
      assertThat(report.path("servers").get(0).path("uptime_percent").asDouble()).isEqualTo(100.0);
      // only the time since the server was added counted; the rest of November is no data, left out (page.noData)
      assertThat(report.path("servers").get(0).path("counted_seconds").asDouble()).isPositive();
      assertThat(report.path("servers").get(0).path("no_data_seconds").asDouble()).isGreaterThan(9 * 86_400.0);

      HttpResponse<byte[]> anonymous = Http.get(app.url().resolve("/api/admin/uptime?month=2026-11"));
      assertThat(anonymous.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void historyCanBeTurnedOff() throws Exception {
    Path config = dir.resolve("off.yaml");
    Files.writeString(
        config,
        String.join("\n", "page: {name: Example}", "history: {enabled: false}", "servers:", "  - id: NC900",
            "    probes:", "      - {type: tcp, host: 127.0.0.1, port: " + target.getLocalPort() + "}", ""));
    try (StatusPageApp app =
        StatusPageApp.start(new ServeOptions(0, "127.0.0.1", config, dir.resolve("off"), null, null, true, clock))) {
      assertThat(app.history().recorder()).isEmpty();
      assertThat(Http.text(Http.get(app.url().resolve("/servers/NC900/")))).doesNotContain("monthly-uptime");
    }
    assertThat(Files.exists(dir.resolve("off").resolve("history"))).isFalse();
  }
}
