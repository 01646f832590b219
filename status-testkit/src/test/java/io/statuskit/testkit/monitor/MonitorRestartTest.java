package io.statuskit.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Incident;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Timeline;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorEvent;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.probes.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board owns what a monitor decided: restarts and second monitors open no second incident. */
class MonitorRestartTest {
  private ManualClock clock;
  private ProbeEngine engine;

  @BeforeEach
  void setUp() {
    clock = ManualClock.at(Instant.parse("2016-11-23T07:08:00Z"));
    engine = ProbeEngine.builder().clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private Monitor monitor(StatusTracker tracker, ScriptedProbe probe) {
    return Monitor.builder(tracker)
        .engine(engine)
        .clock(clock)
        .incidentPolicy(IncidentPolicy.ofDefaults())
        .target(TargetConfig.builder("NC036").name("Mail server").probes(List.of(probe)).build())
        .build();
  }

  private void rounds(Monitor monitor, int rounds) throws Exception {
    for (int i = 0; i < rounds; i++) {
      monitor.checkNow("NC036").get(5, TimeUnit.SECONDS);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void aMonitorRestartedInTheMiddleOfAnOutageResolvesTheIncidentItOpenedOnceWithTheRealStart() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      try (Monitor before = monitor(tracker, ScriptedProbe.of("up, down×3"))) {
        rounds(before, 4); // 07:08 up; 07:09-07:11 down: hard down at 07:11, streak from 07:09
      }
      assertThat(tracker.board().incidents()).singleElement().satisfies(i -> assertThat(i.isOpen()).isTrue());
      Timeline before = tracker.board().timeline("NC036");
      Instant observedAt = tracker.board().serverStatus("NC036").orElseThrow().observedAt();

      try (Monitor after = monitor(tracker, ScriptedProbe.of("down×2, up×2"))) {
        assertThat(after.state("NC036").hardState()).as("resumed from the board").isEqualTo(Outcome.DOWN);
        rounds(after, 2); // still down: no new observation is written (only the monitor's coverage)
        assertThat(tracker.board().timeline("NC036")).isEqualTo(before);
        assertThat(tracker.board().serverStatus("NC036").orElseThrow().observedAt()).isEqualTo(observedAt);
        rounds(after, 1); // 07:14 first success: the success threshold (2) still holds
        assertThat(tracker.board().status("NC036")).isEqualTo(Status.MAJOR_OUTAGE);
        rounds(after, 1); // 07:15 second success: up since 07:14
      }

      assertThat(tracker.board().status("NC036")).isEqualTo(Status.OPERATIONAL);
      Incident incident = tracker.board().incidents().get(0);
      assertThat(tracker.board().incidents()).hasSize(1);
      assertThat(incident.isOpen()).isFalse();
      assertThat(incident.updates()).hasSize(2);
      assertThat(incident.latestUpdate().body().text())
          .contains("down for five minutes between 07:09 and 07:14 UTC");
    }
  }

  @Test
  void twoMonitorsOfOneServerOnOneStoreOpenOneIncident() throws Exception {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker a = StatusTracker.builder().clock(clock).store(store).build();
        StatusTracker b = StatusTracker.builder().clock(clock).store(store.share()).build();
        Monitor first = monitor(a, ScriptedProbe.of("up, down×3, up×2"));
        Monitor second = monitor(b, ScriptedProbe.of("up, down×3, up×2"))) {
      for (int i = 0; i < 6; i++) {
        first.checkNow("NC036").get(5, TimeUnit.SECONDS);
        second.checkNow("NC036").get(5, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(1));
      }
      assertThat(a.board().incidents()).hasSize(1);
      assertThat(store.load().incidents()).singleElement().satisfies(i -> {
        assertThat(i.isOpen()).isFalse();
        assertThat(i.updates()).as("opened once, resolved once").hasSize(2);
      });
    }
  }

  @Test
  void listenersHearEveryRoundAndEachHardChange() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        Monitor monitor = monitor(tracker, ScriptedProbe.of("up, down×3, up×2"))) {
      List<MonitorEvent> heard = new CopyOnWriteArrayList<>();
      CountDownLatch all = new CountDownLatch(9); // 6 rounds, 3 hard changes
      monitor.subscribe(event -> {
        heard.add(event);
        all.countDown();
      });
      rounds(monitor, 6);

      assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(heard).filteredOn(e -> e instanceof MonitorEvent.RoundCompleted).hasSize(6);
      assertThat(heard).filteredOn(e -> !(e instanceof MonitorEvent.RoundCompleted))
          .extracting(e -> e.getClass().getSimpleName())
          .containsExactly("CameBack", "WentDown", "CameBack");
      MonitorEvent.WentDown down = (MonitorEvent.WentDown) heard.stream().filter(e -> e instanceof MonitorEvent.WentDown).findFirst().orElseThrow();
      assertThat(down.since()).isEqualTo(Instant.parse("2016-11-23T07:09:00Z"));
    }
  }
}
