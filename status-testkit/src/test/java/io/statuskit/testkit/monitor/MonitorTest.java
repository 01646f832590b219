package io.statuskit.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Outage;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.FlapDetection;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.ProbeHistory;
import io.statuskit.monitor.Quorum;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.monitor.TargetState;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.probes.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorTest {
  ManualClock clock;
  StatusTracker tracker;
  ProbeEngine engine;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(Instant.parse("2016-11-23T07:08:00Z"));
    tracker = StatusTracker.inMemory(clock);
    engine = ProbeEngine.builder().clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    tracker.close();
  }

  private Monitor monitor(TargetConfig target, boolean incidents) {
    return Monitor.builder(tracker)
        .engine(engine)
        .clock(clock)
        .incidentPolicy(incidents ? IncidentPolicy.ofDefaults() : null)
        .target(target)
        .build();
  }

  private static TargetConfig mailServer(Probe... probes) {
    return TargetConfig.builder("NC036").name("Mail server").probes(List.of(probes)).build();
  }

  /** Runs {@code rounds} rounds, one minute apart. */
  private TargetState rounds(Monitor monitor, String serverId, int rounds) throws Exception {
    TargetState last = null;
    for (int i = 0; i < rounds; i++) {
      last = monitor.checkNow(serverId).get(5, TimeUnit.SECONDS);
      clock.advance(Duration.ofMinutes(1));
    }
    return java.util.Objects.requireNonNull(last);
  }

  @Test
  void threeFailuresOpenOneIncidentAndTwoSuccessesResolveItWithTheDowntime() throws Exception {
    ScriptedProbe probe = ScriptedProbe.of("up, down×8, up×2");
    try (Monitor monitor = monitor(mailServer(probe), true)) {
      rounds(monitor, "NC036", 1); // 07:08 up
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
      rounds(monitor, "NC036", 2); // 07:09, 07:10 down: soft
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
      assertThat(tracker.board().incidents()).isEmpty();
      TargetState hard = rounds(monitor, "NC036", 1); // 07:11 third failure: hard down
      assertThat(hard.hardState()).isEqualTo(Outcome.DOWN);
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.MAJOR_OUTAGE);
      assertThat(tracker.board().incidents()).singleElement().satisfies(i -> {
        assertThat(i.title()).isEqualTo("NC036: Mail server unreachable");
        assertThat(i.isOpen()).isTrue();
      });
      rounds(monitor, "NC036", 5); // 07:12 - 07:16 still down
      rounds(monitor, "NC036", 1); // 07:17 first success: soft
      assertThat(tracker.board().openIncidents()).hasSize(1);
      TargetState up = rounds(monitor, "NC036", 1); // 07:18 second success: up
      assertThat(up.hardState()).isEqualTo(Outcome.UP);
      assertThat(up.openIncidentId()).isNull();
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
      Incident incident = tracker.board().incidents().get(0);
      assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
      assertThat(incident.latestUpdate().body().text())
          .isEqualTo("NC036: Mail server is back online. It was down for eight minutes between 07:09 and 07:17 UTC.");
      List<Outage> outages =
          tracker.board().timeline("NC036").outages(Instant.parse("2016-11-23T00:00:00Z"), clock.instant());
      assertThat(outages).singleElement().satisfies(o -> {
        assertThat(o.start()).isEqualTo(Instant.parse("2016-11-23T07:09:00Z"));
        assertThat(o.end()).isEqualTo(Instant.parse("2016-11-23T07:17:00Z"));
      });
      assertThat(tracker.board().incidents()).hasSize(1);
    }
  }

  @Test
  void fewerFailuresThanTheThresholdStaySoft() throws Exception {
    try (Monitor monitor = monitor(mailServer(ScriptedProbe.of("up, down, down, up, down, down, up")), true)) {
      TargetState s = rounds(monitor, "NC036", 7);
      assertThat(s.hardState()).isEqualTo(Outcome.UP);
      assertThat(tracker.board().timeline("NC036").changes()).hasSize(1);
      assertThat(tracker.board().incidents()).isEmpty();
    }
  }

  @Test
  void flappingSequenceOpensNoIncidentStorm() throws Exception {
    String cycle = "down×3, up×2";
    String script = String.join(", ", java.util.Collections.nCopies(8, cycle)) + ", up×30";
    try (Monitor monitor = monitor(mailServer(ScriptedProbe.of(script)), true)) {
      TargetState during = rounds(monitor, "NC036", 40);
      assertThat(during.flapping()).isTrue();
      assertThat(tracker.board().incidents()).hasSizeLessThanOrEqualTo(2);
      TargetState settled = rounds(monitor, "NC036", 30);
      assertThat(settled.flapping()).isFalse();
      assertThat(settled.publishedState()).isEqualTo(Outcome.UP);
      assertThat(tracker.board().openIncidents()).isEmpty();
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
    }
  }

  @Test
  void withoutFlapDetectionTheSameSequenceOpensAnIncidentPerCycle() throws Exception {
    String script = String.join(", ", java.util.Collections.nCopies(8, "down×3, up×2"));
    TargetConfig target =
        TargetConfig.builder("NC036").name("Mail server").probe(ScriptedProbe.of(script))
            .flapDetection(FlapDetection.disabled()).build();
    try (Monitor monitor = monitor(target, true)) {
      rounds(monitor, "NC036", 40);
      assertThat(tracker.board().incidents()).hasSize(8);
    }
  }

  @Test
  void quorumNeedsKProbesDown() throws Exception {
    TargetConfig twoOfThree =
        TargetConfig.builder("NC033").name("Primary nameserver")
            .probe(ScriptedProbe.named("vantage-a", "down"))
            .probe(ScriptedProbe.named("vantage-b", "up"))
            .probe(ScriptedProbe.named("vantage-c", "up×3, down"))
            .quorum(Quorum.atLeast(2))
            .build();
    try (Monitor monitor = monitor(twoOfThree, false)) {
      TargetState s = rounds(monitor, "NC033", 3);
      assertThat(s.hardState()).isEqualTo(Outcome.UP);
      s = rounds(monitor, "NC033", 3);
      assertThat(s.hardState()).isEqualTo(Outcome.DOWN);
      assertThat(tracker.board().serverStatus("NC033")).isPresent();
      assertThat(tracker.board().status("NC033")).isEqualTo(Status.MAJOR_OUTAGE);
    }
  }

  @Test
  void degradedResultsShowDegradedPerformance() throws Exception {
    try (Monitor monitor = monitor(mailServer(ScriptedProbe.of("up, degraded×2, up×2")), false)) {
      rounds(monitor, "NC036", 2);
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
      rounds(monitor, "NC036", 1);
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.DEGRADED_PERFORMANCE);
      rounds(monitor, "NC036", 2);
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
    }
  }

  @Test
  void unsupportedProbesPublishNothing() throws Exception {
    try (Monitor monitor = monitor(mailServer(ScriptedProbe.of("unsupported×3")), true)) {
      TargetState s = rounds(monitor, "NC036", 3);
      assertThat(s.hardState()).isEqualTo(Outcome.UNSUPPORTED);
      assertThat(tracker.board().status("NC036")).isEqualTo(Status.UNKNOWN);
    }
  }

  @Test
  void historyGivesLatencyPercentilesAndUptime() throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      script.append(i == 1 ? "" : ", ").append("up ").append(i).append("ms");
    }
    script.append(", down×25");
    Instant start = clock.instant();
    try (Monitor monitor = monitor(mailServer(ScriptedProbe.of(script.toString())), false)) {
      rounds(monitor, "NC036", 125);
      ProbeHistory history = monitor.history("NC036", 0);
      ProbeHistory.LatencyPercentiles p = history.latency(start, clock.instant());
      assertThat(p.count()).isEqualTo(100);
      assertThat(p.p50()).isEqualTo(Duration.ofMillis(50));
      assertThat(p.p95()).isEqualTo(Duration.ofMillis(95));
      assertThat(p.p99()).isEqualTo(Duration.ofMillis(99));
      assertThat(history.uptime(start, clock.instant()).orElseThrow()).isEqualTo(0.8);
      assertThat(history.uptime(start.plus(Duration.ofMinutes(100)), clock.instant()).orElseThrow()).isEqualTo(0.0);
    }
  }

  @Test
  void historyIsBounded() {
    ProbeHistory h = new ProbeHistory(10);
    for (int i = 0; i < 25; i++) {
      h.add(Instant.EPOCH.plusSeconds(i), ProbeResult.up(Duration.ofMillis(i)));
    }
    assertThat(h.size()).isEqualTo(10);
    assertThat(h.latency(Instant.EPOCH, Instant.EPOCH.plusSeconds(100)).p50()).isEqualTo(Duration.ofMillis(19));
  }

  /** A probe that answers after a delay on the engine's timer and counts overlapping runs. */
  static final class SlowProbe implements Probe {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public String type() {
      return "slow";
    }

    @Override
    public String target() {
      return "slow";
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(1);
    }

    @Override
    public CompletionStage<ProbeResult> run(ProbeContext context) {
      runs.incrementAndGet();
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      CompletableFuture<ProbeResult> f = new CompletableFuture<>();
      context.scheduler().schedule(() -> {
        running.decrementAndGet();
        f.complete(ProbeResult.up(Duration.ofMillis(40)));
      }, 40, TimeUnit.MILLISECONDS);
      return f;
    }
  }

  @Test
  void scheduledRoundsRepeatWithoutOverlappingAndStopOnClose() throws Exception {
    engine.close(); // only the monitor's own threads below
    SlowProbe probe = new SlowProbe();
    TargetConfig fast =
        TargetConfig.builder("NC041").probe(probe).interval(Duration.ofMillis(20)).jitter(Duration.ofMillis(5)).build();
    Monitor monitor = Monitor.builder(tracker).clock(clock).random(new Random(7)).target(fast).build();
    monitor.start();
    for (int i = 0; i < 100 && probe.runs.get() < 5; i++) {
      Thread.sleep(20);
    }
    // a manual check while a scheduled round runs joins it instead of overlapping
    monitor.checkNow("NC041").get(2, TimeUnit.SECONDS);
    monitor.close();
    int after = probe.runs.get();
    assertThat(after).isGreaterThanOrEqualTo(5);
    assertThat(probe.maxRunning.get()).isEqualTo(1);
    Thread.sleep(100);
    assertThat(probe.runs.get()).isEqualTo(after);
    for (int i = 0; i < 100 && statuskitThreads() > 0; i++) {
      Thread.sleep(20);
    }
    assertThat(statuskitThreads()).isZero();
    assertThatThrownBy(() -> monitor.checkNow("NC041").join()).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(tracker.board().status("NC041")).isEqualTo(Status.OPERATIONAL);
  }

  @Test
  void aScheduledRoundThatFindsAManualRoundRunningJoinsItAndKeepsTheScheduleGoing() throws Exception {
    engine.close(); // only the monitor's own threads below
    SlowProbe probe = new SlowProbe();
    TargetConfig target =
        TargetConfig.builder("NC041").probe(probe).interval(Duration.ofMillis(20)).jitter(Duration.ZERO).build();
    Monitor monitor = Monitor.builder(tracker).clock(clock).target(target).build();
    try {
      // The manual round takes 40 ms; the first scheduled round fires while it runs and joins it.
      CompletableFuture<TargetState> manual = monitor.checkNow("NC041");
      monitor.start();
      manual.get(2, TimeUnit.SECONDS);
      for (int i = 0; i < 100 && probe.runs.get() < 4; i++) {
        Thread.sleep(20);
      }
      assertThat(probe.runs.get()).as("rounds after the joined one").isGreaterThanOrEqualTo(4);
      assertThat(probe.maxRunning.get()).isEqualTo(1);
    } finally {
      monitor.close();
    }
  }

  private static long statuskitThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("statuskit-monitor") || t.getName().startsWith("statuskit-probe"))
        .count();
  }

  @Test
  void unknownServerIsRejected() {
    try (Monitor monitor = monitor(mailServer(ScriptedProbe.of("up")), false)) {
      assertThatThrownBy(() -> monitor.checkNow("NC999")).hasMessage("serverId: not monitored: NC999");
    }
  }
}
