package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Outage;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.store.JournalStatusStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box: {@code serve} in its own JVM watches a TCP port of this test's own on 127.0.0.1 that
 * the test closes and opens again, and is killed with SIGKILL ({@link Process#destroyForcibly})
 * at chosen moments and started again on the same data directory. In every order exactly one
 * incident is opened and resolved once, its text holds the outage's real start and end, and
 * nothing is left open.
 */
class MonitorCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern URL = Pattern.compile("StatusKit example page on (http://\\S+)");
  private static final String ORIGIN = "monitor:NC099";

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private @Nullable Target target;

  @AfterEach
  void stopEverything() throws IOException {
    processes.forEach(Process::destroyForcibly);
    if (target != null) {
      target.close();
    }
  }

  /** A TCP port that accepts connections (and closes them) until closed; reopened on the same port. */
  private static final class Target implements AutoCloseable {
    private final int port;
    private @Nullable ServerSocket socket;

    Target(int port) throws IOException {
      this.port = port;
      open();
    }

    void open() throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket = s;
      Thread acceptor =
          new Thread(
              () -> {
                while (!s.isClosed()) {
                  try (Socket accepted = s.accept()) {
                    accepted.getOutputStream().flush();
                  } catch (IOException e) {
                    // closed
                  }
                }
              },
              "target-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    }

    @Override
    public void close() throws IOException {
      ServerSocket s = socket;
      if (s != null) {
        s.close();
        socket = null;
      }
    }
  }

  private Path config(int port) throws IOException {
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page:",
            "  name: Crash test",
            "  zone: UTC",
            "defaults:",
            "  interval: 500ms",
            "  failureThreshold: 6",
            "  successThreshold: 2",
            "servers:",
            "  - id: NC099",
            "    name: Mail server",
            "    probes:",
            "      - type: tcp",
            "        host: 127.0.0.1",
            "        port: " + port,
            "        timeout: 400ms",
            "incidents:",
            "  title: \"{id}: {name} shut down\"",
            "  resolutionTitle: \"{id}: {name} back online\"",
            "  resolution: \"{id}: {name} back online. It was {outage}.\"",
            ""));
    return config;
  }

  /** A running {@code serve} and its base URL. */
  private record Served(Process process, URI url) {}

  private Served serve(Path config) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile(dir, "serve", ".log");
    Process process =
        new ProcessBuilder(
                java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StatusKitExamples.class.getName(), "serve", "--port", "0", "--config", config.toString(),
                "--data", dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    processes.add(process);
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = URL.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return new Served(process, URI.create(m.group(1)));
      }
      assertThat(process.isAlive()).as("serve is running; its log:%n%s", Files.readString(log)).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not start within 60 s; its log:\n" + Files.readString(log));
  }

  private String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("serve")).toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }

  private static void kill(Served served) throws InterruptedException {
    served.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(served.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** The monitor's incidents as the Statuspage API lists them. */
  private static List<JsonNode> incidents(Served served) throws Exception {
    JsonNode doc = JSON.readTree(Http.get(served.url().resolve("api/v2/incidents.json")).body());
    List<JsonNode> ours = new ArrayList<>();
    doc.path("incidents").forEach(i -> {
      if (i.path("name").asText().startsWith("NC099:")) {
        ours.add(i);
      }
    });
    return ours;
  }

  private static Optional<String> componentStatus(Served served) throws Exception {
    JsonNode doc = JSON.readTree(Http.get(served.url().resolve("api/v2/components.json")).body());
    for (JsonNode c : doc.path("components")) {
      if (c.path("id").asText().equals("NC099")) {
        return Optional.of(c.path("status").asText());
      }
    }
    return Optional.empty();
  }

  private static void await(String what, BooleanSupplierWithException condition) throws Exception {
    Instant deadline = Instant.now().plusSeconds(45);
    while (!holds(condition)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 45 s: " + what, lastError);
      }
      Thread.sleep(100);
    }
  }

  /** The condition, or false while the server does not answer yet. */
  private static boolean holds(BooleanSupplierWithException condition) throws Exception {
    try {
      return condition.get();
    } catch (java.io.UncheckedIOException e) {
      lastError = e;
      return false;
    }
  }

  private static volatile @Nullable Exception lastError;

  @FunctionalInterface
  private interface BooleanSupplierWithException {
    boolean get() throws Exception;
  }

  private static boolean oneOpen(Served served) throws Exception {
    List<JsonNode> ours = incidents(served);
    return ours.size() == 1 && !ours.get(0).path("status").asText().equals("resolved");
  }

  private static boolean oneResolved(Served served) throws Exception {
    List<JsonNode> ours = incidents(served);
    return ours.size() == 1 && ours.get(0).path("status").asText().equals("resolved");
  }

  private Served startWithTargetUp() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    target = new Target(port);
    Served served = serve(config(port));
    try {
      await("NC099 operational", () -> componentStatus(served).equals(Optional.of("operational")));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; serve's log:\n" + logs(), e);
    }
    return served;
  }

  /** The board the journal holds once no server runs. */
  private StatusBoard journal() {
    try (JournalStatusStore store = JournalStatusStore.open(dir.resolve("data"))) {
      return store.load();
    }
  }

  /**
   * Exactly one incident of the monitor, resolved once, none open, and its resolution's text is
   * the outage on the server's timeline, which began at or after {@code closed} and before
   * {@code startedBy}, and ended at or after {@code reopened}.
   */
  private Outage checkOneIncident(Instant closed, Instant startedBy, Instant reopened) {
    StatusBoard board = journal();
    List<Incident> ours = board.incidents().stream().filter(i -> ORIGIN.equals(i.origin())).toList();
    assertThat(ours).as("incidents of the monitor").hasSize(1);
    Incident incident = ours.get(0);
    assertThat(board.openIncidentFrom(ORIGIN)).isEmpty();
    assertThat(incident.isOpen()).isFalse();
    assertThat(incident.updates()).extracting(u -> u.state()).containsExactly(IncidentState.INVESTIGATING, IncidentState.RESOLVED);
    assertThat(incident.title()).isEqualTo("NC099: Mail server shut down");
    assertThat(incident.latestUpdate().title()).isEqualTo("NC099: Mail server back online");
    List<Outage> outages = board.timeline("NC099").outages();
    assertThat(outages).as("one outage on the timeline").hasSize(1);
    Outage outage = outages.get(0);
    // the clock of the test and of serve are one system clock; allow the probe's 400 ms timeout
    assertThat(outage.start()).isAfterOrEqualTo(closed.minusMillis(50)).isBefore(startedBy);
    assertThat(outage.end()).isNotNull();
    assertThat(outage.end()).isAfterOrEqualTo(reopened.minusMillis(50));
    assertThat(incident.latestUpdate().body().text())
        .isEqualTo("NC099: Mail server back online. It was " + outage.describe(ZoneOffset.UTC) + ".");
    return outage;
  }

  @Test
  void killedAndRestartedWhileTheTargetIsStillDown() throws Exception {
    Served first = startWithTargetUp();
    Instant closed = Instant.now();
    requireTarget().close();
    await("one incident open", () -> oneOpen(first));
    Instant verdictSeen = Instant.now();
    kill(first);

    Served second = serve(dir.resolve("status.yaml"));
    await("a round after the restart", () -> componentStatus(second).equals(Optional.of("major_outage")));
    Thread.sleep(3_000); // six rounds more, still down
    assertThat(incidents(second)).as("still the one incident").hasSize(1);
    assertThat(oneOpen(second)).isTrue();
    Instant reopened = Instant.now();
    requireTarget().open();
    await("the incident resolved", () -> oneResolved(second));
    Thread.sleep(1_000);
    kill(second);

    checkOneIncident(closed, verdictSeen, reopened);
  }

  @Test
  void killedAndRestartedAfterTheTargetCameBack() throws Exception {
    Served first = startWithTargetUp();
    Instant closed = Instant.now();
    requireTarget().close();
    await("one incident open", () -> oneOpen(first));
    Instant verdictSeen = Instant.now();
    kill(first);
    Instant reopened = Instant.now();
    requireTarget().open(); // back while no monitor runs

    Served second = serve(dir.resolve("status.yaml"));
    await("the incident resolved", () -> oneResolved(second));
    Thread.sleep(1_000);
    kill(second);

    checkOneIncident(closed, verdictSeen, reopened);
  }

  @Test
  void killedBetweenTheFirstFailedProbeAndTheVerdict() throws Exception {
    Served first = startWithTargetUp();
    Instant closed = Instant.now();
    requireTarget().close();
    Thread.sleep(1_200); // a round or two fail; six are needed for the verdict
    assertThat(incidents(first)).as("no verdict yet").isEmpty();
    kill(first);
    Instant restarted = Instant.now();

    Served second = serve(dir.resolve("status.yaml"));
    await("one incident open", () -> oneOpen(second));
    Instant reopened = Instant.now();
    requireTarget().open();
    await("the incident resolved", () -> oneResolved(second));
    Thread.sleep(1_000);
    kill(second);

    // the outage counts from the first failed probe, before the kill, not from the restart
    checkOneIncident(closed, restarted, reopened);
  }

  private Target requireTarget() {
    Target t = target;
    assertThat(t).isNotNull();
    return java.util.Objects.requireNonNull(t);
  }
}
