package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Status;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.examples.server.HeartbeatRoute;
import io.statuskit.monitor.Heartbeats;
import io.statuskit.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server's heartbeat route, over real HTTP on 127.0.0.1: a job pings, starts and
 * fails through it; a late ping takes the server down after its grace (on a manual clock); wrong
 * secrets and unknown ids get the same 404.
 */
class HeartbeatRouteTest {
  private static final String SECRET = "backup-ping-secret-0123456789";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path dir;
  ManualClock clock;
  StatusPageApp app;

  @BeforeEach
  void start() throws Exception {
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page: {name: Jobs}",
            "servers:",
            "  - id: NC050",
            "    name: Nightly backup",
            "    role: Backup job",
            "    heartbeat: {period: 1h, grace: 10m, secret: \"${BACKUP_PING_SECRET}\"}",
            "  - id: NC051",
            "    name: Report job without a secret",
            "    heartbeat: {period: 1h}",
            ""));
    clock = ManualClock.at("2016-11-23T07:00:00Z");
    ServeOptions options =
        new ServeOptions(0, "127.0.0.1", config, dir.resolve("data"), null, null, true, clock)
            .withStore(null, Map.of("BACKUP_PING_SECRET", SECRET));
    app = StatusPageApp.start(options);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private Status status() {
    return app.tracker().board().status("NC050");
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(app.url().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aLatePingTakesTheServerDownAfterItsGraceAndTheNextPingBringsItBack() {
    Heartbeats heartbeats = app.heartbeats().orElseThrow();
    assertThat(app.tracker().board().server("NC050").orElseThrow().role()).isEqualTo("Backup job");

    HttpResponse<String> ping = send("GET", "heartbeat/NC050/" + SECRET, "");
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("OK\n");
    assertThat(ping.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(status()).isEqualTo(Status.OPERATIONAL);
    assertThat(heartbeats.lastPing("NC050")).hasValue(clock.instant());

    clock.advance(Duration.ofMinutes(70)); // 08:10: due at 08:00, the grace ends now
    heartbeats.check();
    assertThat(status()).isEqualTo(Status.OPERATIONAL);
    clock.advance(Duration.ofSeconds(1)); // late by more than the grace
    heartbeats.check();
    assertThat(status()).isEqualTo(Status.MAJOR_OUTAGE);

    clock.advance(Duration.ofMinutes(5));
    assertThat(send("POST", "heartbeat/NC050/" + SECRET, "ignored body").statusCode()).isEqualTo(200);
    assertThat(status()).isEqualTo(Status.OPERATIONAL);
    assertThat(heartbeats.deadline("NC050")).isEqualTo(clock.instant().plus(Duration.ofMinutes(70)));
  }

  @Test
  void startAndFailSignalsGoToTheMonitorWithTheFailuresFirstLine() {
    assertThat(send("POST", "heartbeat/NC050/" + SECRET, "").statusCode()).isEqualTo(200);
    assertThat(send("POST", "heartbeat/NC050/" + SECRET + "/start", "").statusCode()).isEqualTo(200);
    assertThat(status()).as("a start changes nothing").isEqualTo(Status.OPERATIONAL);
    HttpResponse<String> fail =
        send("POST", "heartbeat/NC050/" + SECRET + "/fail", "pg_dump: connection refused\nsecond line\n");
    assertThat(fail.statusCode()).isEqualTo(200);
    assertThat(status()).isEqualTo(Status.MAJOR_OUTAGE);
    assertThat(app.tracker().board().serverStatus("NC050").orElseThrow().toString())
        .contains("the job reported a failure: pg_dump: connection refused")
        .doesNotContain("second line");
    assertThat(send("HEAD", "heartbeat/NC050/" + SECRET, "").statusCode()).isEqualTo(200);
    assertThat(status()).isEqualTo(Status.OPERATIONAL);
  }

  @Test
  void unknownIdsWrongSecretsAndHeartbeatsWithoutASecretGetTheSame404() {
    HttpResponse<String> wrong = send("GET", "heartbeat/NC050/" + SECRET + "x", "");
    HttpResponse<String> shorter = send("GET", "heartbeat/NC050/" + SECRET.substring(1), "");
    HttpResponse<String> unknown = send("GET", "heartbeat/NC099/" + SECRET, "");
    HttpResponse<String> noSecret = send("GET", "heartbeat/NC051/" + SECRET, "");
    HttpResponse<String> badSignal = send("GET", "heartbeat/NC050/" + SECRET + "/restart", "");
    HttpResponse<String> noSecretGiven = send("GET", "heartbeat/NC050", "");
    for (HttpResponse<String> r : java.util.List.of(wrong, shorter, unknown, noSecret, badSignal, noSecretGiven)) {
      assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(404);
      assertThat(r.body()).as(r.uri().toString()).isEqualTo(wrong.body());
      assertThat(r.headers().map()).as(r.uri().toString()).containsOnlyKeys(wrong.headers().map().keySet());
    }
    assertThat(app.heartbeats().orElseThrow().lastPing("NC050")).isEmpty();
    assertThat(app.heartbeats().orElseThrow().lastPing("NC051")).isEmpty();
  }

  @Test
  void otherMethodsAre405AndLargeBodiesAre413() {
    HttpResponse<String> put = send("PUT", "heartbeat/NC050/" + SECRET, "x");
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
    HttpResponse<String> large = send("POST", "heartbeat/NC050/" + SECRET + "/fail", "x".repeat(HeartbeatRoute.MAX_BODY_BYTES + 1));
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(status()).as("a refused request changes nothing").isNotEqualTo(Status.MAJOR_OUTAGE);
  }
}
