package io.statuskit.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Outage;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.HeartbeatConfig;
import io.statuskit.monitor.Heartbeats;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.probes.TcpProbe;
import io.statuskit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeat (push) monitors on a manual clock: late pings, failures, and coming back. */
class HeartbeatMonitorTest {
  ManualClock clock;
  StatusTracker tracker;
  Monitor monitor;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at("2016-11-23T07:00:00Z");
    tracker = StatusTracker.inMemory(clock);
    monitor =
        Monitor.builder(tracker)
            .heartbeat(
                HeartbeatConfig.builder("NC050")
                    .name("Nightly backup")
                    .period(Duration.ofHours(1))
                    .grace(Duration.ofMinutes(10))
                    .build())
            .incidentPolicy(IncidentPolicy.ofDefaults())
            .build();
  }

  @AfterEach
  void tearDown() {
    monitor.close();
    tracker.close();
  }

  @Test
  void aPingLateByMoreThanTheGraceTakesTheServerDownAndTheNextPingBringsItBack() {
    Heartbeats heartbeats = monitor.heartbeats();
    assertThat(tracker.board().server("NC050").orElseThrow().name()).isEqualTo("Nightly backup");
    heartbeats.ping("NC050"); // 07:00
    assertThat(tracker.board().status("NC050")).isEqualTo(Status.OPERATIONAL);
    clock.advance(Duration.ofMinutes(70)); // 08:10: due at 08:00, the grace ends now
    assertThat(heartbeats.check()).isEmpty();
    assertThat(tracker.board().status("NC050")).isEqualTo(Status.OPERATIONAL);
    clock.advanceSeconds(1); // 08:10:01: late by more than the grace
    long version = tracker.board().version();
    assertThat(heartbeats.check()).containsExactly("NC050");
    assertThat(tracker.board().version()).as("one command per change").isEqualTo(version + 1);
    assertThat(heartbeats.check()).as("down once, not again on every check").isEmpty();
    assertThat(tracker.board().status("NC050")).isEqualTo(Status.MAJOR_OUTAGE);
    Incident open = tracker.board().openIncidentFrom("monitor:NC050").orElseThrow();
    assertThat(open.title()).isEqualTo("NC050: Nightly backup unreachable");

    clock.advance(Duration.ofMinutes(20)); // 08:30:01 the job runs at last
    heartbeats.ping("NC050");
    assertThat(tracker.board().status("NC050")).isEqualTo(Status.OPERATIONAL);
    assertThat(tracker.board().openIncidentFrom("monitor:NC050")).isEmpty();
    Incident resolved = tracker.board().incidents().get(0);
    assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
    List<Outage> outages =
        tracker.board().timeline("NC050").outages(Instant.parse("2016-11-23T00:00:00Z"), clock.instant());
    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.start()).as("down from when the ping was due").isEqualTo(Instant.parse("2016-11-23T08:00:00Z"));
              assertThat(o.end()).isEqualTo(Instant.parse("2016-11-23T08:30:01Z"));
            });
    assertThat(heartbeats.deadline("NC050")).isEqualTo(Instant.parse("2016-11-23T09:40:01Z"));
  }

  @Test
  void aJobThatNeverPingsIsDownOnePeriodAndGraceAfterMonitoringBegan() {
    clock.advance(Duration.ofMinutes(70).plusSeconds(1));
    assertThat(monitor.heartbeats().check()).containsExactly("NC050");
    assertThat(tracker.board().serverStatus("NC050").orElseThrow().detail())
        .startsWith("no ping since monitoring began at 2016-11-23T07:00:00Z (expected every 1h, grace 10m)");
  }

  @Test
  void aReportedFailureTakesTheServerDownAtOnceAndAPingBringsItBack() {
    Heartbeats heartbeats = monitor.heartbeats();
    heartbeats.ping("NC050");
    clock.advance(Duration.ofMinutes(60));
    heartbeats.start("NC050");
    clock.advance(Duration.ofMinutes(2));
    heartbeats.fail("NC050", "pg_dump: connection refused");
    assertThat(tracker.board().status("NC050")).isEqualTo(Status.MAJOR_OUTAGE);
    assertThat(tracker.board().serverStatus("NC050").orElseThrow().detail())
        .isEqualTo("the job reported a failure: pg_dump: connection refused");
    assertThat(tracker.board().openIncidents()).hasSize(1);
    clock.advance(Duration.ofMinutes(5));
    heartbeats.start("NC050");
    clock.advance(Duration.ofMinutes(3));
    heartbeats.ping("NC050");
    assertThat(tracker.board().status("NC050")).isEqualTo(Status.OPERATIONAL);
    assertThat(tracker.board().serverStatus("NC050").orElseThrow().detail()).isEqualTo("ping received after a run of 180s");
    assertThat(tracker.board().openIncidents()).isEmpty();
  }

  @Test
  void aStartedMonitorChecksDeadlinesOnItsOwnScheduler() throws Exception {
    try (StatusTracker live = StatusTracker.inMemory(java.time.Clock.systemUTC());
        Monitor started =
            Monitor.builder(live)
                .heartbeat(HeartbeatConfig.builder("NC051").period(Duration.ofSeconds(1)).grace(Duration.ZERO).build())
                .build()) {
      started.start();
      started.heartbeats().ping("NC051");
      assertThat(live.board().status("NC051")).isEqualTo(Status.OPERATIONAL);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (live.board().status("NC051") != Status.MAJOR_OUTAGE && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(live.board().status("NC051")).isEqualTo(Status.MAJOR_OUTAGE);
      started.heartbeats().ping("NC051");
      assertThat(live.board().status("NC051")).isEqualTo(Status.OPERATIONAL);
    }
  }

  @Test
  void aMonitorOfAConfigsHeartbeatsOnlyProbesNothingAndStillChecksDeadlines() throws Exception {
    MonitorConfig config =
        MonitorConfig.builder()
            .server("NC036", s -> s.name("Mail server").probe(TcpProbe.builder("127.0.0.1", 9).build()))
            .heartbeat("NC051", h -> h.name("Report job").period(Duration.ofSeconds(1)).grace(Duration.ZERO))
            .incidents(IncidentPolicy.ofDefaults())
            .build();
    MonitorConfig beats = config.heartbeatsOnly();
    assertThat(beats.targets()).isEmpty();
    assertThat(beats.heartbeats()).isEqualTo(config.heartbeats());
    assertThat(beats.incidents()).isEqualTo(config.incidents());

    Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (StatusTracker live = StatusTracker.inMemory(java.time.Clock.systemUTC());
        Monitor started = Monitor.builder(live).config(beats).build()) {
      started.start();
      assertThat(
              Thread.getAllStackTraces().keySet().stream()
                  .filter(t -> !before.contains(t) && t.getName().startsWith("statuskit-probe"))
                  .map(Thread::getName))
          .as("threads of a probe engine")
          .isEmpty();
      assertThat(started.serverIds()).isEmpty();
      assertThat(live.board().server("NC036")).as("the probed server is not added").isEmpty();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (live.board().status("NC051") != Status.MAJOR_OUTAGE && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(live.board().status("NC051")).isEqualTo(Status.MAJOR_OUTAGE);
      assertThat(live.board().openIncidentFrom("monitor:NC051")).isPresent();
      started.heartbeats().ping("NC051");
      assertThat(live.board().status("NC051")).isEqualTo(Status.OPERATIONAL);
      assertThat(live.board().openIncidentFrom("monitor:NC051")).isEmpty();
    }
  }

  @Test
  void unknownIdsAreRejected() {
    assertThatThrownBy(() -> monitor.heartbeats().ping("NC051"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id: no heartbeat monitor: NC051");
  }
}
