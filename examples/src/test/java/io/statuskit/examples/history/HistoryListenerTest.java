package io.statuskit.examples.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
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
import java.util.List;
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
