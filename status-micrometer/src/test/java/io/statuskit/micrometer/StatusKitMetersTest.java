package io.statuskit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.MoreExecutors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Subscription;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.TcpProbe;
import io.statuskit.testservers.HttpTestServer;
import io.statuskit.testservers.HttpTestServer.Response;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every meter of the module, driven by a real monitor probing real servers on 127.0.0.1 and a
 * real tracker on an in-memory store; listeners run on the publishing thread, so a round's meters
 * are recorded when {@code checkNow} completes.
 */
class StatusKitMetersTest {
  SimpleMeterRegistry registry;
  HttpTestServer web;
  int closedPort;
  StatusTracker tracker;

  @BeforeEach
  void setUp() throws Exception {
    registry = new SimpleMeterRegistry();
    web = HttpTestServer.builder().route("/health", Response.ok("ok")).route("/broken", Response.status(500)).build();
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = s.getLocalPort(); // closed again at once: a connection there is refused
    }
    tracker =
        StatusTracker.builder()
            .store(TimedStatusStore.wrap(new InMemoryStatusStore(), registry))
            .commandObserver(TrackerMetrics.of(registry))
            .listenerExecutor(MoreExecutors.directExecutor())
            .build();
  }

  @AfterEach
  void tearDown() {
    tracker.close();
    web.close();
  }

  private Monitor monitor() {
    return Monitor.builder(tracker)
        .listenerExecutor(MoreExecutors.directExecutor())
        .target(
            TargetConfig.builder("NC001")
                .name("Web server")
                .probe(HttpProbe.builder(web.url("/health")).timeout(Duration.ofSeconds(5)).build())
                .probe(TcpProbe.builder("127.0.0.1", web.port()).timeout(Duration.ofSeconds(5)).build())
                .build())
        .target(
            TargetConfig.builder("NC002")
                .name("Mail server")
                .probe(HttpProbe.builder(web.url("/broken")).timeout(Duration.ofSeconds(5)).build())
                .probe(TcpProbe.builder("127.0.0.1", closedPort).timeout(Duration.ofSeconds(5)).build())
                .probe(TcpProbe.builder("127.0.0.1", closedPort).timeout(Duration.ofSeconds(5)).build())
                .build())
        .build();
  }

  private static void rounds(Monitor monitor, String serverId, int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      monitor.checkNow(serverId).get(30, TimeUnit.SECONDS);
    }
  }

  private String health() {
    return "http " + web.url("/health");
  }

  @Test
  void probeTimersAndCountersCarryServerProbeAndOutcome() throws Exception {
    try (Monitor monitor = monitor(); MonitorMetrics probes = MonitorMetrics.of(monitor)) {
      probes.bindTo(registry);
      rounds(monitor, "NC001", 3);
      rounds(monitor, "NC002", 3);
    }

    String tcpUp = "tcp 127.0.0.1:" + web.port();
    String broken = "http " + web.url("/broken");
    String refused = "tcp 127.0.0.1:" + closedPort;
    assertThat(tagsOf(StatusKitMeters.PROBE_DURATION))
        .containsExactlyInAnyOrder(
            "outcome=up,probe=" + health() + ",server=NC001 count=3",
            "outcome=up,probe=" + tcpUp + ",server=NC001 count=3",
            "outcome=down,probe=" + broken + ",server=NC002 count=3",
            "outcome=down,probe=" + refused + ",server=NC002 count=3",
            "outcome=down,probe=" + refused + " #2,server=NC002 count=3");
    assertThat(tagsOf(StatusKitMeters.PROBE_RESULTS))
        .containsExactlyInAnyOrder(
            "error=none,outcome=up,probe=" + health() + ",server=NC001 count=3",
            "error=none,outcome=up,probe=" + tcpUp + ",server=NC001 count=3",
            "error=assertion,outcome=down,probe=" + broken + ",server=NC002 count=3",
            "error=refused,outcome=down,probe=" + refused + ",server=NC002 count=3",
            "error=refused,outcome=down,probe=" + refused + " #2,server=NC002 count=3");
    // NC001 is up from its first good round (a server not yet known needs no streak), NC002 down
    // after three failures (the default threshold).
    assertThat(tagsOf(StatusKitMeters.MONITOR_CHANGES))
        .containsExactlyInAnyOrder("server=NC001,state=up count=1", "server=NC002,state=down count=1");
    Timer up = registry.get(StatusKitMeters.PROBE_DURATION).tags("server", "NC001", "probe", health()).timer();
    assertThat(up.totalTime(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void aClosedBinderRecordsNothingMore() throws Exception {
    try (Monitor monitor = monitor()) {
      MonitorMetrics probes = MonitorMetrics.of(monitor);
      probes.bindTo(registry);
      rounds(monitor, "NC002", 1);
      probes.close();
      rounds(monitor, "NC002", 2); // the third failure: hard down, not counted
    }
    assertThat(registry.get(StatusKitMeters.PROBE_DURATION).tags("server", "NC002").timers())
        .hasSize(3)
        .allSatisfy(t -> assertThat(t.count()).isEqualTo(1));
    assertThat(registry.find(StatusKitMeters.MONITOR_CHANGES).meters()).isEmpty();
    assertThat(tracker.board().status("NC002")).isEqualTo(Status.MAJOR_OUTAGE);
  }

  @Test
  void statusGaugesFollowTheBoardAndTellUnknownFromUp() throws Exception {
    BoardMetrics board = BoardMetrics.of(tracker);
    board.bindTo(registry);
    try (Monitor monitor = monitor()) {
      tracker.addServer(Server.builder("NC003").name("Backup server").build());
      assertThat(statusGauges()).containsExactlyInAnyOrder("NC001=-1.0", "NC002=-1.0", "NC003=-1.0");

      rounds(monitor, "NC001", 2);
      rounds(monitor, "NC002", 3);
      assertThat(statusGauges()).containsExactlyInAnyOrder("NC001=0.0", "NC002=4.0", "NC003=-1.0");

      tracker.observe("NC003", Status.DEGRADED_PERFORMANCE);
      assertThat(statusGauges()).containsExactlyInAnyOrder("NC001=0.0", "NC002=4.0", "NC003=2.0");

      tracker.removeServer("NC003");
      assertThat(statusGauges()).containsExactlyInAnyOrder("NC001=0.0", "NC002=4.0");
      assertThat(registry.get(StatusKitMeters.BOARD_VERSION).gauge().value()).isEqualTo((double) tracker.board().version());
      assertThat(registry.get(StatusKitMeters.OPEN_INCIDENTS).gauge().value()).isZero();
    } finally {
      board.close();
    }
  }

  @Test
  void everyStatusHasItsOwnNumberAndUnknownIsNegative() {
    assertThat(List.of(Status.values()).stream().map(StatusKitMeters::statusValue).distinct()).hasSize(Status.values().length);
    assertThat(StatusKitMeters.statusValue(Status.UNKNOWN)).isEqualTo(StatusKitMeters.UNKNOWN).isNegative();
    assertThat(StatusKitMeters.statusValue(Status.OPERATIONAL)).isZero();
    assertThat(StatusKitMeters.statusValue(Status.MAJOR_OUTAGE)).isEqualTo(4);
  }

  @Test
  void commandsAndCommitsAreTimedByTypeAndOutcome() throws Exception {
    try (Monitor monitor = monitor()) { // adds NC001 and NC002
      tracker.addServer(Server.builder("NC003").name("Backup server").build());
      assertThatThrownBy(() -> tracker.addServer(Server.builder("NC003").name("Backup server").build()))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> tracker.observe("NC404", Status.OPERATIONAL)).isInstanceOf(IllegalArgumentException.class);
      rounds(monitor, "NC001", 2); // one ReportHealth: up
      rounds(monitor, "NC002", 3); // one ReportHealth: down
    }

    // The monitor also reports its coverage: after its first round, and at once when NC002 starts
    // failing rounds (the next regular report is a minute away, far beyond this test).
    assertThat(tagsOf(StatusKitMeters.TRACKER_COMMANDS))
        .containsExactlyInAnyOrder(
            "command=AddServer,outcome=ok count=3",
            "command=AddServer,outcome=rejected count=1",
            "command=ObserveStatus,outcome=rejected count=1",
            "command=ReportHealth,outcome=ok count=2",
            "command=ReportCoverage,outcome=ok count=2");
    assertThat(tracker.board().version()).isEqualTo(7);
    assertThat(tagsOf(StatusKitMeters.STORE_COMMITS)).containsExactly("outcome=ok count=7");
  }

  @Test
  void aCommitThatLosesARaceIsTimedAsAConflict() {
    InMemoryStatusStore shared = new InMemoryStatusStore();
    // The second tracker is not told of the first one's appends, so its next append conflicts.
    try (StatusTracker first = StatusTracker.builder().store(shared).build();
        StatusTracker second =
            StatusTracker.builder()
                .store(TimedStatusStore.wrap(new Unfollowed(shared.share()), registry))
                .commandObserver(TrackerMetrics.of(registry))
                .build()) {
      first.addServer(Server.builder("NC001").name("Web server").build());
      second.addServer(Server.builder("NC002").name("Mail server").build());
      assertThat(second.board().servers()).hasSize(2);
    }
    assertThat(tagsOf(StatusKitMeters.STORE_COMMITS)).containsExactlyInAnyOrder("outcome=conflict count=1", "outcome=ok count=1");
    assertThat(tagsOf(StatusKitMeters.TRACKER_COMMANDS)).containsExactly("command=AddServer,outcome=ok count=1");
  }

  @Test
  void aThrowingObserverDoesNotHarmTheCommand() {
    try (StatusTracker t =
        StatusTracker.builder()
            .commandObserver(
                command -> {
                  throw new IllegalStateException("observer broke");
                })
            .build()) {
      t.addServer(Server.builder("NC001").name("Web server").build());
      assertThat(t.board().servers()).hasSize(1);
    }
  }

  /** Each meter of a name as "tag=value,... count=N" (a gauge as "value=V"). */
  private List<String> tagsOf(String name) {
    return registry.find(name).meters().stream().map(StatusKitMetersTest::describe).collect(Collectors.toList());
  }

  private static String describe(Meter meter) {
    String tags = meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
    long count;
    if (meter instanceof Timer timer) {
      count = timer.count();
    } else if (meter instanceof Counter counter) {
      count = (long) counter.count();
    } else {
      throw new AssertionError("unexpected meter " + meter.getId());
    }
    return tags + " count=" + count;
  }

  private List<String> statusGauges() {
    return registry.find(StatusKitMeters.SERVER_STATUS).gauges().stream()
        .map((Gauge g) -> g.getId().getTag("server") + "=" + g.value())
        .collect(Collectors.toList());
  }

  /** A store passed through, except that it never tells its tracker of other writers. */
  private static final class Unfollowed implements StatusStore {
    private final StatusStore store;

    Unfollowed(StatusStore store) {
      this.store = store;
    }

    @Override
    public StatusBoard load() {
      return store.load();
    }

    @Override
    public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
      return store.append(event, after);
    }

    @Override
    public List<StatusEvent> eventsAfter(long version) {
      return store.eventsAfter(version);
    }

    @Override
    public Subscription follow(Runnable listener) {
      return () -> {};
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
