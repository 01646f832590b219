package io.statuskit.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.history.UptimePolicy;
import io.statuskit.history.UptimeReporter;
import io.statuskit.history.UptimeWindow;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.probes.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One incident per outage whatever happens to the monitor, and no data where no monitor ran. A
 * monitor is "killed" by dropping it without a last word (closing it writes nothing either), and
 * "restarted" by building a new one on the same tracker, as a new process finds the board.
 */
class MonitorOutageTest {
  private static final IncidentPolicy SEED_TONE =
      new IncidentPolicy("{id}: {name} shut down", "{id} is not answering ({detail}).", "{id}: {name} back online. It was {outage}.",
          io.statuskit.core.Impact.MAJOR, java.time.ZoneOffset.UTC, Duration.ZERO, "{id}: {name} back online", true,
          IncidentPolicy.DEFAULT_RECOVERY, com.google.common.collect.ImmutableSet.of());

  private ManualClock clock;
  private ProbeEngine engine;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(Instant.parse("2016-11-23T07:07:00Z"));
    engine = ProbeEngine.builder().clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private Monitor monitor(StatusTracker tracker, String script, IncidentPolicy policy) {
    return Monitor.builder(tracker)
        .engine(engine)
        .clock(clock)
        .incidentPolicy(policy)
        .target(TargetConfig.builder("NC027").name("Mail server").probes(List.of(ScriptedProbe.of(script))).build())
        .build();
  }

  /** One round a minute. */
  private void rounds(Monitor monitor, int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      monitor.checkNow("NC027").get(5, TimeUnit.SECONDS);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  private static Incident onlyIncident(StatusTracker tracker) {
    assertThat(tracker.board().incidents()).hasSize(1);
    return tracker.board().incidents().get(0);
  }

  @Test
  void theServerCameBackWhileNoMonitorRanAndTheRestartedMonitorResolvesTheIncidentOnce() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      try (Monitor before = monitor(tracker, "up×2, down×3", SEED_TONE)) {
        rounds(before, 5); // 07:07, 07:08 up; 07:09-07:11 down: hard down at 07:11, from 07:09
      }
      assertThat(onlyIncident(tracker).isOpen()).isTrue();
      clock.advance(Duration.ofMinutes(5)); // no monitor from 07:12 to 07:17; the server came back

      try (Monitor after = monitor(tracker, "up×3", SEED_TONE)) {
        rounds(after, 1); // 07:17 up: the success threshold (2) holds after the restart
        assertThat(tracker.board().openIncidents()).hasSize(1);
        assertThat(tracker.board().status("NC027")).as("a gap without data, then no verdict yet").isEqualTo(Status.UNKNOWN);
        rounds(after, 2); // 07:18 second success: back since 07:17
      }
      Incident incident = onlyIncident(tracker);
      assertThat(incident.isOpen()).isFalse();
      assertThat(incident.updates()).as("opened once, resolved once").hasSize(2);
      assertThat(incident.latestUpdate().title()).isEqualTo("NC027: Mail server back online");
      assertThat(incident.latestUpdate().body().text())
          .isEqualTo("NC027: Mail server back online. It was down for eight minutes between 07:09 and 07:17 UTC.");
      assertThat(tracker.board().status("NC027")).isEqualTo(Status.OPERATIONAL);
    }
  }

  @Test
  void aMonitorKilledBetweenTheFirstFailedProbeAndTheVerdictCountsTheOutageFromTheFirstFailedProbe() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      try (Monitor before = monitor(tracker, "up×2, down", SEED_TONE)) {
        rounds(before, 3); // 07:07, 07:08 up; 07:09 the first failure, then the monitor dies
      }
      assertThat(java.util.Objects.requireNonNull(tracker.board().serverStatus("NC027").orElseThrow().coverage()).failingSince())
          .isEqualTo(Instant.parse("2016-11-23T07:09:00Z"));
      try (Monitor after = monitor(tracker, "down×2, up×2", SEED_TONE)) {
        rounds(after, 1); // 07:10 the second failure: still soft
        assertThat(tracker.board().openIncidents()).isEmpty();
        rounds(after, 1); // 07:11 the third failure in a row: hard down from 07:09
        assertThat(tracker.board().timeline("NC027").currentSince()).contains(Instant.parse("2016-11-23T07:09:00Z"));
        rounds(after, 2); // 07:12, 07:13 up: back since 07:12
      }
      Incident incident = onlyIncident(tracker);
      assertThat(incident.isOpen()).isFalse();
      assertThat(incident.updates()).hasSize(2);
      assertThat(incident.latestUpdate().body().text()).contains("down for three minutes between 07:09 and 07:12 UTC");
    }
  }

  @Test
  void aDelayedIncidentOpensOnceTheOutageLastedTheDelayAlsoAcrossARestart() throws Exception {
    IncidentPolicy policy = SEED_TONE.withOpenAfter(Duration.ofMinutes(5));
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      try (Monitor before = monitor(tracker, "up, down×4", policy)) {
        rounds(before, 5); // 07:07 up; 07:08-07:11 down: hard down at 07:10, from 07:08
      }
      assertThat(tracker.board().status("NC027")).isEqualTo(Status.MAJOR_OUTAGE);
      assertThat(tracker.board().incidents()).as("down for three minutes: not yet").isEmpty();
      try (Monitor after = monitor(tracker, "down×3, up×2", policy)) {
        rounds(after, 1); // 07:12: four minutes
        assertThat(tracker.board().incidents()).isEmpty();
        rounds(after, 2); // 07:13: five minutes from 07:08, opened; 07:14 nothing new
        assertThat(onlyIncident(tracker).isOpen()).isTrue();
        assertThat(onlyIncident(tracker).updates()).hasSize(1);
        rounds(after, 2); // 07:15, 07:16 up: back since 07:15
      }
      Incident incident = onlyIncident(tracker);
      assertThat(incident.isOpen()).isFalse();
      assertThat(incident.latestUpdate().body().text()).contains("down for seven minutes between 07:08 and 07:15 UTC");
    }
  }

  @Test
  void aShortOutageOpensNoDelayedIncident() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        Monitor monitor = monitor(tracker, "up, down×3, up×2", SEED_TONE.withOpenAfter(Duration.ofMinutes(10)))) {
      rounds(monitor, 6);
      assertThat(tracker.board().incidents()).isEmpty();
      assertThat(tracker.board().timeline("NC027").outages()).hasSize(1);
    }
  }

  @Test
  void withoutAutoResolveRecoveryPostsAMonitoringUpdateAndLeavesTheIncidentOpen() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        Monitor monitor = monitor(tracker, "up, down×3, up×3", IncidentPolicy.ofDefaults().withAutoResolve(false))) {
      rounds(monitor, 7);
      Incident incident = onlyIncident(tracker);
      assertThat(incident.isOpen()).isTrue();
      assertThat(incident.state()).isEqualTo(IncidentState.MONITORING);
      assertThat(incident.updates()).hasSize(2);
      assertThat(incident.latestUpdate().body().text())
          .startsWith("Monitoring: the server answers again. NC027 (Mail server) was down for three minutes between 07:08 and 07:11 UTC.");
      assertThat(incident.latestUpdate().title()).as("no resolving title while a person is to resolve it").isNull();
      assertThat(tracker.board().status("NC027")).as("the server itself answers").isEqualTo(Status.OPERATIONAL);
    }
  }

  @Test
  void aPolicyForOtherServersOpensNoIncidentForThisOne() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        Monitor monitor = monitor(tracker, "up, down×3", IncidentPolicy.ofDefaults().forServers(java.util.Set.of("NC036")))) {
      rounds(monitor, 4);
      assertThat(tracker.board().status("NC027")).isEqualTo(Status.MAJOR_OUTAGE);
      assertThat(tracker.board().incidents()).isEmpty();
    }
  }

  @Test
  void twoMonitorsOnOneStoreStartingInTheMiddleOfAnOutageOpenOneIncident() throws Exception {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker a = StatusTracker.builder().clock(clock).store(store).build();
        StatusTracker b = StatusTracker.builder().clock(clock).store(store.share()).build();
        Monitor first = monitor(a, "down×4, up×2", SEED_TONE);
        Monitor second = monitor(b, "down×4, up×2", SEED_TONE)) {
      for (int i = 0; i < 6; i++) {
        first.checkNow("NC027").get(5, TimeUnit.SECONDS);
        second.checkNow("NC027").get(5, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(1));
      }
      assertThat(store.load().incidents()).singleElement().satisfies(i -> {
        assertThat(i.isOpen()).isFalse();
        assertThat(i.updates()).as("opened once, resolved once").hasSize(2);
        assertThat(i.latestUpdate().body().text()).contains("between 07:07 and 07:11 UTC");
      });
    }
  }

  @Test
  void aMonitorStoppedForAnHourLeavesAnHourWithoutData() throws Exception {
    clock = ManualClock.at(Instant.parse("2016-11-23T00:00:00Z"));
    engine.close();
    engine = ProbeEngine.builder().clock(clock).build();
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      // up from 00:00; the monitor stops after its round at 05:00 and is back at 06:00
      try (Monitor before = monitor(tracker, "up×301", SEED_TONE)) {
        rounds(before, 301);
      }
      clock.advance(Duration.ofMinutes(59));
      try (Monitor after = monitor(tracker, "up×600, down×120, up×600", SEED_TONE)) {
        rounds(after, 18 * 60); // 06:00 to 23:59: down from 16:00 to 18:00
      }
      Instant from = Instant.parse("2016-11-23T00:00:00Z");
      Instant to = from.plus(Duration.ofDays(1));
      assertThat(tracker.board().timeline("NC027").statusAt(Instant.parse("2016-11-23T05:30:00Z"))).isEqualTo(Status.UNKNOWN);
      assertThat(tracker.board().timeline("NC027").noDataTime(from, to)).isEqualTo(Duration.ofHours(1));

      // by default the hour is left out: two hours down over the 23 hours with data
      double expected = 100.0 * (23 - 2) / 23;
      assertThat(tracker.board().uptimePercent("NC027", from, to)).isCloseTo(expected, within(1e-9));
      UptimeWindow day = UptimeWindow.between(from, to);
      assertThat(UptimeReporter.of(UptimePolicy.ofDefaults()).withClock(clock).server(tracker.board(), "NC027", day).total().percent().orElseThrow())
          .isCloseTo(expected, within(1e-6));
      // counted down when the policy says so: three hours down over 24
      UptimePolicy countedDown = UptimePolicy.builder().noData(UptimePolicy.NoData.COUNTED_DOWN).build();
      assertThat(UptimeReporter.of(countedDown).withClock(clock).server(tracker.board(), "NC027", day).total().percent().orElseThrow())
          .isCloseTo(100.0 * (24 - 3) / 24, within(1e-6));
    }
  }
}
