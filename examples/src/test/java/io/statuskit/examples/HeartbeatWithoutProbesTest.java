package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Status;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.testkit.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --no-probes} sends no probes, but heartbeats send none either: they are still
 * received and their deadlines still checked. Black box first: {@code serve --no-probes} in its
 * own JVM on the real clock, with a probed server whose port counts connections (it must see
 * none) and a heartbeat server that goes down after its grace without pings, opens the config's
 * incident, and comes back with a ping over HTTP.
 */
class HeartbeatWithoutProbesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("StatusKit example page on (http://\\S+)");
  private static final String SECRET = "backup-ping-secret-0123456789";

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private @Nullable ServerSocket target;

  @AfterEach
  void stop() throws IOException {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    if (target != null) {
      target.close();
    }
  }

  /** A port on 127.0.0.1 that accepts (and counts) connections: a probe of it would be seen. */
  private int countingPort(AtomicInteger connections) throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    target = s;
    Thread acceptor =
        new Thread(
            () -> {
              while (!s.isClosed()) {
                try (Socket accepted = s.accept()) {
                  connections.incrementAndGet();
                } catch (IOException e) {
                  // closed
                }
              }
            },
            "counting-target");
    acceptor.setDaemon(true);
    acceptor.start();
    return s.getLocalPort();
  }

  private Path config(int probedPort) throws IOException {
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page: {name: Jobs, zone: UTC}",
            "defaults: {interval: 500ms, failureThreshold: 1, successThreshold: 1}",
            "servers:",
            "  - id: NC036",
            "    name: Mail server",
            "    probes:",
            "      - {type: tcp, host: 127.0.0.1, port: " + probedPort + ", timeout: 400ms}",
            "  - id: NC050",
            "    name: Nightly backup",
            "    heartbeat: {period: 5s, grace: 2s, secret: \"${BACKUP_PING_SECRET}\"}",
            "incidents:",
            "  title: \"{id}: {name} missed its run\"",
            ""));
    return config;
  }

  private URI serveWithoutProbes(Path config) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("serve.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StatusKitExamples.class.getName(), "serve", "--no-probes", "--port", "0", "--config", config.toString(),
                "--data", dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("BACKUP_PING_SECRET", SECRET);
    Process process = builder.start();
    processes.add(process);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = URL.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return URI.create(m.group(1));
      }
      assertThat(process.isAlive()).as("serve is running; its log:%n%s", Files.readString(log)).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not start within 60 s; its log:\n" + Files.readString(log));
  }

  private static Optional<String> componentStatus(URI url, String id) {
    JsonNode doc = json(url.resolve("api/v2/components.json"));
    for (JsonNode c : doc.path("components")) {
      if (c.path("id").asText().equals(id)) {
        return Optional.of(c.path("status").asText());
      }
    }
    return Optional.empty();
  }

  /** The statuses of NC050's incidents, oldest first. */
  private static List<String> incidentStatuses(URI url) {
    List<String> statuses = new ArrayList<>();
    for (JsonNode i : json(url.resolve("api/v2/incidents.json")).path("incidents")) {
      if (i.path("name").asText().equals("NC050: Nightly backup missed its run")) {
        statuses.add(0, i.path("status").asText());
      }
    }
    return statuses;
  }

  private static JsonNode json(URI uri) {
    try {
      return JSON.readTree(Http.get(uri).body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(45);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("not within 45 s: %s", what).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void serveWithoutProbesStillWatchesHeartbeatsOnTheRealClock() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    Instant started = Instant.now();
    URI url = serveWithoutProbes(config(countingPort(connections)));

    // no ping: due 5 s after the monitor began, down once the 2 s of grace are over
    await("NC050 down without pings", () -> componentStatus(url, "NC050").equals(Optional.of("major_outage")));
    assertThat(Duration.between(started, Instant.now())).as("not before period + grace").isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    await("the config's incident opened", () -> incidentStatuses(url).size() == 1);
    assertThat(incidentStatuses(url).get(0)).isNotEqualTo("resolved");

    HttpResponse<byte[]> ping = Http.get(url.resolve("heartbeat/NC050/" + SECRET));
    assertThat(ping.statusCode()).isEqualTo(200);
    await("NC050 back with the ping", () -> componentStatus(url, "NC050").equals(Optional.of("operational")));
    await("the incident resolved", () -> incidentStatuses(url).equals(List.of("resolved")));

    assertThat(connections.get()).as("connections to the probed server's port: nothing is probed").isZero();
    assertThat(componentStatus(url, "NC036")).as("the probed server is not added or changed").isEmpty();
  }

  @Test
  void withoutProbesAHeartbeatOnlyConfigRunsItsMonitorWithoutAProbeEngine() throws Exception {
    Path config = dir.resolve("jobs.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page: {name: Jobs}",
            "servers:",
            "  - id: NC050",
            "    name: Nightly backup",
            "    heartbeat: {period: 1h, grace: 10m, secret: \"${BACKUP_PING_SECRET}\"}",
            ""));
    ManualClock clock = ManualClock.at("2016-11-23T07:00:00Z");
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ServeOptions options =
        new ServeOptions(0, "127.0.0.1", config, dir.resolve("data"), null, null, false, clock)
            .withStore(null, Map.of("BACKUP_PING_SECRET", SECRET));
    try (StatusPageApp app = StatusPageApp.start(options)) {
      Set<String> probeThreads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.getName().startsWith("statuskit-probe"))
              .map(Thread::getName)
              .collect(Collectors.toSet());
      assertThat(probeThreads).as("threads of a probe engine").isEmpty();

      assertThat(Http.get(app.url().resolve("heartbeat/NC050/" + SECRET)).statusCode()).isEqualTo(200);
      assertThat(app.tracker().board().status("NC050")).isEqualTo(Status.OPERATIONAL);
      clock.advance(Duration.ofMinutes(70).plusSeconds(1));
      assertThat(app.heartbeats().orElseThrow().check()).containsExactly("NC050");
      assertThat(app.tracker().board().status("NC050")).isEqualTo(Status.MAJOR_OUTAGE);
      assertThat(Http.get(app.url().resolve("heartbeat/NC050/" + SECRET)).statusCode()).isEqualTo(200);
      assertThat(app.tracker().board().status("NC050")).isEqualTo(Status.OPERATIONAL);
    }
  }

  @Test
  void withProbesOnTheSameConfigProbesTheProbedServer() throws Exception {
    // the control: the same config without --no-probes does connect to the probed server's port
    AtomicInteger connections = new AtomicInteger();
    ServeOptions options =
        new ServeOptions(0, "127.0.0.1", config(countingPort(connections)), dir.resolve("data"), null, null, true,
                java.time.Clock.systemUTC())
            .withStore(null, Map.of("BACKUP_PING_SECRET", SECRET));
    try (StatusPageApp app = StatusPageApp.start(options)) {
      await("a probe of NC036", () -> connections.get() > 0);
      assertThat(app.heartbeats()).isPresent();
    }
  }
}
