package io.statuskit.examples;

import io.statuskit.testservers.TcpProxy;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Incident;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.VantageVerdict;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.monitor.Thresholds;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageSettings;
import io.statuskit.page.StatusSite;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.TcpProbe;
import io.statuskit.store.postgres.PostgresStatusStore;
import io.statuskit.testkit.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * Three probe locations (three monitors, each on its own tracker, on one shared store) watch one
 * real TCP server on 127.0.0.1, each through its own path: a {@link TcpProxy} with its own port, so
 * each location's target list points at a different address and the test can cut one location's
 * path without touching the server or the others. The server's status is what two of the three
 * locations agree on.
 */
class ProbeLocationsTest {
  private static final String ID = "NC027";
  private static final List<String> LOCATIONS = List.of("amsterdam", "frankfurt", "new-york");

  private final ManualClock clock = ManualClock.at("2016-11-23T13:00:00Z");
  private ProbeEngine engine;
  private ServerSocket target;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Map<String, TcpProxy> paths = new LinkedHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();
  private @Nullable String schema;

  @BeforeEach
  void setUp() throws IOException {
    engine = ProbeEngine.builder().clock(clock).build();
    target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!target.isClosed()) {
                try {
                  accepted.add(target.accept());
                } catch (IOException e) {
                  // closed
                }
              }
            },
            "mail-server");
    acceptor.setDaemon(true);
    acceptor.start();
    for (String location : LOCATIONS) {
      paths.put(location, TcpProxy.to(target.getLocalPort()));
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    for (TcpProxy gate : paths.values()) {
      gate.close();
    }
    target.close();
    for (Socket socket : accepted) {
      socket.close();
    }
    engine.close();
    if (schema != null) {
      PostgresDatabase.drop(schema);
    }
  }

  private TcpProxy path(String location) {
    return requireNonNull(paths.get(location), location);
  }

  /** One location's node: its tracker on the shared store and its monitor. */
  private record Node(String location, StatusTracker tracker, Monitor monitor) {}

  private List<Node> nodes(IntFunction<StatusStore> stores) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < LOCATIONS.size(); i++) {
      String location = LOCATIONS.get(i);
      StatusTracker tracker = StatusTracker.builder().clock(clock).store(stores.apply(i)).build();
      open.add(tracker);
      Monitor monitor =
          Monitor.builder(tracker)
              .engine(engine)
              .clock(clock)
              .vantage(location)
              .incidentPolicy(IncidentPolicy.ofDefaults())
              .target(
                  TargetConfig.builder(ID)
                      .name("Mail server")
                      .interval(Duration.ofMinutes(1))
                      .thresholds(new Thresholds(2, 2))
                      .probe(TcpProbe.builder("127.0.0.1", path(location).port()).timeout(Duration.ofSeconds(5)).build())
                      .build())
              .build();
      open.add(monitor);
      nodes.add(new Node(location, tracker, monitor));
    }
    return nodes;
  }

  /** One round at every running location, each seeing the others' reports first, then a minute passes. */
  private void round(List<Node> nodes) throws Exception {
    for (Node node : nodes) {
      settle(nodes);
      node.monitor().checkNow(ID).get(10, TimeUnit.SECONDS);
    }
    settle(nodes);
    clock.advance(Duration.ofMinutes(1));
  }

  /** Waits until every node's board is at the newest version any of them has. */
  private static void settle(List<Node> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      long newest = nodes.stream().mapToLong(n -> n.tracker().board().version()).max().orElse(0);
      if (nodes.stream().allMatch(n -> n.tracker().board().version() == newest)) {
        return;
      }
      assertThat(System.nanoTime()).as("nodes caught up with version %s", newest).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private StatusSite site(StatusTracker tracker) {
    return StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example Hosting", 8080)).clock(clock).build();
  }

  private String serverPage(StatusTracker tracker) {
    return site(tracker).handle(PageRequest.get("/servers/" + ID + "/")).text();
  }

  private static List<StatusEvent.HealthReported> healthReports(StatusStore store) {
    List<StatusEvent.HealthReported> reports = new ArrayList<>();
    for (StatusEvent event : store.eventsAfter(0)) {
      if (event instanceof StatusEvent.HealthReported reported) {
        reports.add(reported);
      }
    }
    return reports;
  }

  @Test
  void oneLocationThatCannotReachTheServerLeavesItUpTwoTakeItDownWithOneIncidentResolvedOnce() throws Exception {
    InMemoryStatusStore store = new InMemoryStatusStore();
    oneLocationLeavesItUpTwoTakeItDown(nodes(i -> i == 0 ? store : store.share()), store);
  }

  @Test
  void threeNodesOnPostgresqlAgreeTheSameWay() throws Exception {
    PostgresDatabase.assumeAvailable();
    schema = PostgresDatabase.newSchema();
    List<PostgresStatusStore> stores = new ArrayList<>();
    for (int i = 0; i < LOCATIONS.size(); i++) {
      stores.add(
          PostgresStatusStore.builder()
              .url("jdbc:postgresql://127.0.0.1:5432/test")
              .user("postgres")
              .schema(schema)
              .pollInterval(Duration.ofMillis(200))
              .build());
    }
    oneLocationLeavesItUpTwoTakeItDown(nodes(stores::get), stores.get(0));
  }

  private void oneLocationLeavesItUpTwoTakeItDown(List<Node> nodes, StatusStore store) throws Exception {
    StatusTracker reader = nodes.get(0).tracker();
    round(nodes); // 13:00 all three reach it
    assertThat(reader.board().status(ID)).isEqualTo(Status.OPERATIONAL);

    path("new-york").down();
    round(nodes); // 13:01 New York's first failure
    round(nodes); // 13:02 New York judges it down; Amsterdam and Frankfurt see it up
    StatusBoard board = reader.board();
    assertThat(board.status(ID)).as("one location of three is not a quorum").isEqualTo(Status.OPERATIONAL);
    assertThat(verdicts(board)).containsEntry("new-york", Status.MAJOR_OUTAGE).containsEntry("amsterdam", Status.OPERATIONAL);
    assertThat(board.incidents()).isEmpty();
    assertThat(serverPage(reader))
        .contains("Amsterdam: up")
        .contains("Frankfurt: up")
        .containsPattern("New York: down \\(tcp 127\\.0\\.0\\.1:" + path("new-york").port() + ": [^<]+\\)</span>");

    path("frankfurt").down();
    round(nodes); // 13:03 Frankfurt's first failure
    round(nodes); // 13:04 Frankfurt judges it down: two of three
    board = reader.board();
    assertThat(board.status(ID)).isEqualTo(Status.MAJOR_OUTAGE);
    assertThat(board.openIncidents()).singleElement().satisfies(i -> assertThat(i.origin()).isEqualTo("monitor:" + ID));
    round(nodes); // 13:05 still down at two locations: nothing new
    assertThat(reader.board().incidents()).hasSize(1);
    // the outage counts from Frankfurt's first failure, when the second location started to fail
    assertThat(reader.board().timeline(ID).changes().get(reader.board().timeline(ID).changes().size() - 1).at())
        .isEqualTo(Instant.parse("2016-11-23T13:03:00Z"));

    path("frankfurt").up();
    path("new-york").up();
    round(nodes); // 13:06 first successes
    assertThat(reader.board().status(ID)).isEqualTo(Status.MAJOR_OUTAGE);
    round(nodes); // 13:07 Frankfurt back: Amsterdam and Frankfurt up, the quorum is broken; then New York
    board = reader.board();
    assertThat(board.status(ID)).isEqualTo(Status.OPERATIONAL);
    assertThat(board.openIncidents()).isEmpty();
    Incident incident = board.incidents().get(0);
    assertThat(board.incidents()).hasSize(1);
    assertThat(incident.updates()).as("opened once, resolved once").hasSize(2);
    assertThat(incident.latestUpdate().body().text()).contains("between 13:03 and 13:06 UTC");
    assertThat(verdicts(board)).containsOnly(
        Map.entry("amsterdam", Status.OPERATIONAL), Map.entry("frankfurt", Status.OPERATIONAL), Map.entry("new-york", Status.OPERATIONAL));

    // what the store kept: one report opened the incident, one resolved it, and every node agrees
    List<StatusEvent.HealthReported> reports = healthReports(store);
    assertThat(reports).filteredOn(r -> r.opened() != null).hasSize(1);
    assertThat(reports).filteredOn(r -> r.resolvedIncidentId() != null).hasSize(1);
    assertThat(reports).allSatisfy(r -> assertThat(r.vantage()).isNotNull());
    settle(nodes);
    for (Node node : nodes) {
      assertThat(node.tracker().board().incidents()).isEqualTo(board.incidents());
      assertThat(node.tracker().board().timeline(ID)).isEqualTo(board.timeline(ID));
    }
  }

  @Test
  void aLocationThatStopsReportingIsStaleAndNoLongerCountsAndTooFewFreshLocationsAreNoData() throws Exception {
    InMemoryStatusStore store = new InMemoryStatusStore();
    List<Node> nodes = nodes(i -> i == 0 ? store : store.share());
    StatusTracker reader = nodes.get(0).tracker();
    round(nodes); // 13:00
    path("new-york").down();
    round(nodes); // 13:01
    round(nodes); // 13:02 New York judges it down, and then stops reporting
    assertThat(reader.board().status(ID)).isEqualTo(Status.OPERATIONAL);
    Node newYork = nodes.get(2);
    newYork.monitor().close();
    List<Node> running = List.of(nodes.get(0), nodes.get(1));
    for (int i = 0; i < 4; i++) {
      round(running); // 13:03-13:06: New York's report (3 minutes) lapses at 13:05
    }
    Instant now = clock.instant();
    VantageVerdict stale = requireNonNull(vantages(reader.board()).get("new-york"));
    assertThat(stale.isFresh(now)).isFalse();
    assertThat(stale.status()).as("its last verdict is kept, not trusted").isEqualTo(Status.MAJOR_OUTAGE);
    assertThat(serverPage(reader)).contains("New York: stale since 13:02 UTC").contains("Amsterdam: up");

    // Frankfurt now fails too: with New York's stale "down" that would be two of three; it is one
    // of the two locations that still report
    path("frankfurt").down();
    round(running); // 13:07
    round(running); // 13:08 Frankfurt judges it down
    StatusBoard board = reader.board();
    assertThat(verdicts(board)).containsEntry("frankfurt", Status.MAJOR_OUTAGE).containsEntry("new-york", Status.MAJOR_OUTAGE);
    assertThat(board.status(ID)).isEqualTo(Status.OPERATIONAL);
    assertThat(board.incidents()).isEmpty();

    // Frankfurt stops too: one fresh location of three is no quorum, so the server has no data
    nodes.get(1).monitor().close();
    List<Node> amsterdam = List.of(nodes.get(0));
    for (int i = 0; i < 4; i++) {
      round(amsterdam); // 13:09-13:12
    }
    ServerStatus seen = reader.board().serverStatus(ID).orElseThrow();
    assertThat(seen.asOf(clock.instant()).status()).isEqualTo(Status.UNKNOWN);
    assertThat(reader.board().incidents()).isEmpty();
    String page = serverPage(reader);
    assertThat(page).contains("No data").contains("Frankfurt: stale since 13:08 UTC").contains("Amsterdam: up");
    // Amsterdam alone does not write a report every round while it cannot decide anything
    long version = reader.board().version();
    round(amsterdam);
    long written = reader.board().version() - version;
    assertThat(written).as("only Amsterdam's coverage report").isEqualTo(1);
  }

  private static Map<String, VantageVerdict> vantages(StatusBoard board) {
    return requireNonNull(board.serverStatus(ID).orElseThrow().coverage(), "coverage").vantages();
  }

  private static Map<String, @Nullable Status> verdicts(StatusBoard board) {
    Map<String, @Nullable Status> verdicts = new LinkedHashMap<>();
    vantages(board).forEach((name, v) -> verdicts.put(name, v.status()));
    return verdicts;
  }
}
