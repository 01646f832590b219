package io.statuskit.examples.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.PostUpdate;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.HistorySummary;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.store.InMemoryHistoryStore;
import io.statuskit.monitor.MonitorEvent;
import io.statuskit.monitor.TargetState;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import io.statuskit.testkit.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every probe result of a round goes into its server's series, by kind, without allocating once the series is known. */
class HistoryListenerTest {
  private static final Instant T0 = Instant.parse("2026-11-10T12:00:00Z");

  private static MonitorEvent.RoundCompleted round(String serverId, Instant at, ProbeResult... results) {
    ImmutableList<ProbeResult> list = ImmutableList.copyOf(results);
    TargetState state = new TargetState(serverId, Outcome.UP, Outcome.UP, false, 0, 0, 1, list, at, null);
    return new MonitorEvent.RoundCompleted(serverId, at, list, state);
  }

  @Test
  void eachResultIsFoldedWithItsOutcomeKindAndLatency() {
    ManualClock clock = ManualClock.at(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(clock).build();
    HistoryListener listener = new HistoryListener(recorder, "ams");
    ProbeResult up = ProbeResult.up(Duration.ofMillis(12));
    ProbeResult slow = ProbeResult.builder(Outcome.DEGRADED).latency(Duration.ofMillis(900)).message("slow").build();
    ProbeResult refused = ProbeResult.down(ErrorKind.REFUSED, "connection refused", Duration.ofMillis(1));
    listener.onEvent(round("NC036", T0.plusSeconds(5), up, refused));
    listener.onEvent(round("NC036", T0.plusSeconds(35), slow, up));
    listener.onEvent(round("NC027", T0.plusSeconds(65), refused));

    HistorySummary nc036 = recorder.summarize(SeriesKey.of("NC036", "ams"), T0, T0.plusSeconds(60));
    assertThat(nc036.count()).isEqualTo(4);
    assertThat(nc036.degraded()).isEqualTo(1);
    assertThat(nc036.failed()).isEqualTo(1);
    // latencies of the three that carried one: 12 ms, 900 ms, 12 ms; the failure carries none
    assertThat(nc036.latency().totalCount()).isEqualTo(3);
    List<Rollup> minutes = recorder.read(SeriesKey.of("NC036", "ams"), Resolution.MINUTE, T0, T0.plusSeconds(60));
    assertThat(minutes).singleElement().satisfies(m -> assertThat(m.failures(FailureKind.REFUSED)).isEqualTo(1));
    assertThat(recorder.summarize(SeriesKey.of("NC027", "ams"), T0, T0.plusSeconds(120)).failed()).isEqualTo(1);
  }

  /**
   * A result is folded as taken during maintenance when a recurring occurrence covers the round's
   * time, when an open maintenance on the board has a window covering it, or when the board says
   * the server is under maintenance; otherwise not.
   */
  @Test
  void resultsDuringMaintenanceAreFlaggedFromTheScheduleTheBoardAndTheStatus() {
    ManualClock clock = ManualClock.at(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(clock).build();
    StatusTracker tracker = StatusTracker.inMemory(clock);
    for (String id : List.of("NC027", "NC031", "NC036", "NC040")) {
      tracker.addServer(Server.builder(id).build());
    }
    // NC027: every Tuesday 12:00–12:30 UTC (10 November 2026 is a Tuesday)
    MaintenanceSchedule schedule = MaintenanceSchedule.of(List.of(RecurringMaintenance.of("patch", "Patching", Set.of("NC027"),
        LocalDateTime.parse("2026-11-03T12:00"), ZoneOffset.UTC, Duration.ofMinutes(30), Recurrence.parse("FREQ=WEEKLY;BYDAY=TU"))));
    // NC031: maintenance scheduled on the board 12:00–13:00, not yet started
    tracker.scheduleMaintenance(OpenIncident.maintenance("NC031 disks", MaintenanceWindow.of(T0, T0.plusSeconds(3600)))
        .affecting("NC031", Status.UNDER_MAINTENANCE).at(OffsetDateTime.parse("2026-11-01T00:00:00Z")).build());
    // NC036: maintenance under way (declared by the board), its window already over
    Incident started = tracker.scheduleMaintenance(OpenIncident.maintenance("NC036 move",
            MaintenanceWindow.of(T0.minusSeconds(7200), T0.minusSeconds(3600)))
        .affecting("NC036", Status.UNDER_MAINTENANCE).at(OffsetDateTime.parse("2026-11-01T00:00:00Z")).build());
    tracker.execute(new PostUpdate(started.id(), IncidentState.IN_PROGRESS, Body.plain("started"), ImmutableMap.of(),
        OffsetDateTime.parse("2026-11-10T10:00:00Z")));
    HistoryListener listener = new HistoryListener(recorder, "ams", schedule, tracker::board);
    ProbeResult down = ProbeResult.down(ErrorKind.TIMEOUT, "timed out", Duration.ofSeconds(5));
    for (String id : List.of("NC027", "NC031", "NC036", "NC040")) {
      listener.onEvent(round(id, T0.plusSeconds(5), down, ProbeResult.up(Duration.ofMillis(3))));
      listener.onEvent(round(id, T0.plusSeconds(31 * 60), down)); // 12:31: NC027's occurrence is over
    }
    clock.advance(Duration.ofHours(1));
    recorder.flush();
    assertThat(maintenance(recorder, "NC027")).as("NC027, recurring").containsExactly(2L, 0L);
    assertThat(maintenance(recorder, "NC031")).as("NC031, board window").containsExactly(2L, 1L);
    assertThat(maintenance(recorder, "NC036")).as("NC036, declared").containsExactly(2L, 1L);
    assertThat(maintenance(recorder, "NC040")).as("NC040, none").containsExactly(0L, 0L);
    Rollup first = recorder.read(SeriesKey.of("NC027", "ams"), Resolution.MINUTE, T0, T0.plusSeconds(60)).get(0);
    assertThat(first.maintenanceFailed()).isEqualTo(1);
    assertThat(listener.underMaintenance("NC027", T0.plus(Duration.ofDays(7)))).as("next Tuesday").isTrue();
    assertThat(listener.underMaintenance("NC027", T0.plus(Duration.ofDays(6)))).as("Monday").isFalse();
  }

  /** The results during maintenance of a server's minutes 12:00 and 12:31: results of each. */
  private static List<Long> maintenance(HistoryRecorder recorder, String serverId) {
    SeriesKey key = SeriesKey.of(serverId, "ams");
    return List.of(T0, T0.plusSeconds(31 * 60)).stream()
        .map(start -> recorder.read(key, Resolution.MINUTE, start, start.plusSeconds(60)).get(0).maintenanceCount())
        .toList();
  }

  @Test
  void foldingARoundOfAKnownServerDoesNotAllocate() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ManualClock clock = ManualClock.at(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(clock).build();
    HistoryListener listener = new HistoryListener(recorder, "ams");
    // one event reused: what the listener does with it is the question, not how the monitor made it
    MonitorEvent.RoundCompleted round =
        round("NC036", T0.plusSeconds(5), ProbeResult.up(Duration.ofMillis(12)), ProbeResult.down(ErrorKind.TIMEOUT, "timed out", Duration.ofSeconds(5)));
    for (int i = 0; i < 200_000; i++) { // warm up (JIT, escape analysis)
      listener.onEvent(round);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      listener.onEvent(round);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by 1,000,000 rounds of two results").isLessThan(10_000);
    assertThat(recorder.summarize(SeriesKey.of("NC036", "ams"), T0, T0.plusSeconds(60), false).count()).isEqualTo(2_400_000);
  }
}
