package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.history.store.InMemoryHistoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  record Raw(long epochMilli, String location, Outcome outcome, FailureKind failure, long latency, boolean maintenance) {}

  /**
   * Folds random results over ten days, compacting as the clock moves, and checks that every
   * window's summary (which reads days, hours and minutes) equals the raw results: counts exactly,
   * percentiles within the histogram's stated error.
   */
  @Test
  void rollupsEqualTheRawResultsTheyReplace() {
    for (long seed = 1; seed <= 12; seed++) {
      Random random = new Random(seed);
      MutableClock clock = new MutableClock(T0);
      InMemoryHistoryStore store = new InMemoryHistoryStore();
      HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
      List<Raw> raws = new ArrayList<>();
      long end = T0.plus(Duration.ofDays(10)).toEpochMilli();
      long t = T0.toEpochMilli();
      long nextCompaction = t + 60_000 * (1 + random.nextInt(200));
      while (t < end) {
        t += 1 + random.nextInt(180_000);
        clock.set(Instant.ofEpochMilli(t));
        Outcome outcome = Outcome.values()[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2)];
        FailureKind failure = FailureKind.values()[random.nextInt(FailureKind.COUNT)];
        long latency = outcome == Outcome.DOWN ? -1 : (long) Math.exp(random.nextGaussian() + 10);
        String location = random.nextBoolean() ? "ams" : "nyc";
        // a few results arrive late, inside the lateness
        long at = random.nextInt(20) == 0 ? t - random.nextInt(60_000) : t;
        boolean maintenance = random.nextInt(4) == 0;
        recorder.record("NC027", location, at, outcome, failure, latency, maintenance);
        raws.add(new Raw(at, location, outcome, failure, latency, maintenance));
        if (t >= nextCompaction) {
          recorder.compact();
          nextCompaction = t + 60_000 * (1 + random.nextInt(600));
        }
      }
      recorder.compact();
      assertThat(recorder.lateDrops()).as("seed %s", seed).isZero();
      assertThat(store.watermark(Resolution.DAY)).as("seed %s", seed).isAfter(T0.plus(Duration.ofDays(8)));
      for (int w = 0; w < 20; w++) {
        long from = T0.toEpochMilli() + (long) (random.nextDouble() * (end - T0.toEpochMilli()));
        long to = from + (long) (random.nextDouble() * (end - from));
        // windows on whole minutes; minutes older than 48 h are gone, so whole hours there
        long minuteFloor = clock.instant().minus(Duration.ofHours(47)).toEpochMilli();
        from = from < minuteFloor ? Math.floorDiv(from, 3_600_000L) * 3_600_000L : Math.floorDiv(from, 60_000L) * 60_000L;
        to = to < minuteFloor ? Math.floorDiv(to, 3_600_000L) * 3_600_000L : Math.floorDiv(to, 60_000L) * 60_000L;
        String location = w % 2 == 0 ? "ams" : "nyc";
        HistorySummary summary = recorder.summarize(SeriesKey.of("NC027", location), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
        long f = from;
        long tt = to;
        List<Raw> inside = raws.stream().filter(r -> r.location().equals(location) && r.epochMilli() >= f && r.epochMilli() < tt).toList();
        String message = "seed " + seed + ", " + location + " [" + Instant.ofEpochMilli(from) + ", " + Instant.ofEpochMilli(to) + ")";
        assertThat(summary.count()).as(message).isEqualTo(inside.size());
        assertThat(summary.degraded()).as(message).isEqualTo(inside.stream().filter(r -> r.outcome() == Outcome.DEGRADED).count());
        assertThat(summary.failed()).as(message).isEqualTo(inside.stream().filter(r -> r.outcome() == Outcome.DOWN).count());
        HistorySummary counts = recorder.summarize(SeriesKey.of("NC027", location), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), false);
        assertThat(List.of(counts.count(), counts.degraded(), counts.failed())).as(message + " counts only")
            .isEqualTo(List.of(summary.count(), summary.degraded(), summary.failed()));
        // the results taken during maintenance, counted apart through minutes, hours and days
        long[] totals = new long[io.statuskit.history.spi.HistoryStore.TOTALS];
        recorder.addCounts(SeriesKey.of("NC027", location), from / 1000, to / 1000, totals);
        List<Raw> during = inside.stream().filter(Raw::maintenance).toList();
        assertThat(totals).as(message + " with maintenance").containsExactly(inside.size(),
            inside.stream().filter(r -> r.outcome() == Outcome.DEGRADED).count(), inside.stream().filter(r -> r.outcome() == Outcome.DOWN).count(),
            during.size(), during.stream().filter(r -> r.outcome() == Outcome.DEGRADED).count(),
            during.stream().filter(r -> r.outcome() == Outcome.DOWN).count());
        long[] latencies = inside.stream().mapToLong(Raw::latency).filter(l -> l >= 0).sorted().toArray();
        assertThat(summary.latency().totalCount()).as(message).isEqualTo(latencies.length);
        for (double p : new double[] {50, 95, 99}) {
          if (latencies.length == 0) {
            continue;
          }
          long exact = latencies[(int) Math.max(0, Math.ceil(p / 100 * latencies.length) - 1)];
          assertThat(summary.latency().valueAtPercentile(p)).as(message + " p" + p)
              .isBetween(exact, (long) (exact * (1 + LatencyHistogram.RELATIVE_ERROR)) + 1);
        }
      }
    }
  }

  @Test
  void failuresAreCountedByKind() {
    MutableClock clock = new MutableClock(T0);
    InMemoryHistoryStore store = new InMemoryHistoryStore();
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
    SeriesRecorder series = recorder.series("NC027", "ams");
    series.record(T0.toEpochMilli(), Outcome.DOWN, FailureKind.TIMEOUT, -1);
    series.record(T0.toEpochMilli() + 1, Outcome.DOWN, FailureKind.TIMEOUT, -1);
    series.record(T0.toEpochMilli() + 2, Outcome.DOWN, null, -1);
    series.record(T0.toEpochMilli() + 3, Outcome.UP, null, 1_000);
    clock.advance(Duration.ofHours(2));
    recorder.compact();
    List<Rollup> hours = store.read(Resolution.HOUR, series.key(), T0, T0.plus(Duration.ofHours(1)));
    assertThat(hours).hasSize(1);
    Rollup hour = hours.get(0);
    assertThat(hour.count()).isEqualTo(4);
    assertThat(hour.failures(FailureKind.TIMEOUT)).isEqualTo(2);
    assertThat(hour.failures(FailureKind.OTHER)).isEqualTo(1);
    assertThat(hour.up()).isEqualTo(1);
  }

  @Test
  void resultsAfterTheirHourWasCompactedAreDroppedAndCounted() {
    MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(3)));
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(clock).build();
    recorder.record("NC027", "ams", T0.plus(Duration.ofHours(2)).toEpochMilli(), Outcome.UP, null, 5);
    recorder.compact();
    recorder.record("NC027", "ams", T0.toEpochMilli(), Outcome.UP, null, 5);
    assertThat(recorder.lateDrops()).isEqualTo(1);
  }

  @Test
  void sizeStaysBoundedHoweverLongItRuns() {
    MutableClock clock = new MutableClock(T0);
    InMemoryHistoryStore store = new InMemoryHistoryStore();
    HistorySettings settings = HistorySettings.builder()
        .retention(Resolution.MINUTE, Duration.ofHours(3))
        .retention(Resolution.HOUR, Duration.ofDays(3))
        .retention(Resolution.DAY, Duration.ofDays(10))
        .build();
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).settings(settings).build();
    for (int minute = 0; minute < 30 * 24 * 60; minute++) {
      clock.set(T0.plus(Duration.ofMinutes(minute)));
      recorder.record("NC027", "ams", clock.millis(), Outcome.UP, null, 20_000);
      if (minute % 60 == 59) {
        recorder.compact();
      }
    }
    assertThat(store.size(Resolution.MINUTE)).isLessThanOrEqualTo(3 * 60 + 60 + 5);
    assertThat(store.size(Resolution.HOUR)).isLessThanOrEqualTo(3 * 24 + 24 + 2);
    assertThat(store.size(Resolution.DAY)).isLessThanOrEqualTo(11);
    assertThat(Arrays.asList(store.size(Resolution.MINUTE), store.size(Resolution.HOUR), store.size(Resolution.DAY))).doesNotContain(0L);
  }

  /** Folding a result into the open minute allocates nothing (measured with the JVM's per-thread allocation counter). */
  @Test
  void foldingIntoTheOpenMinuteDoesNotAllocate() throws Exception {
    // com.sun.management.ThreadMXBean through reflection: the test sources compile inside the
    // module io.statuskit.history, which does not read jdk.management.
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    java.lang.reflect.Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(new MutableClock(T0)).build();
    SeriesRecorder series = recorder.series("NC027", "ams");
    long at = T0.toEpochMilli();
    for (int i = 0; i < 200_000; i++) { // warm up (JIT, escape analysis)
      series.record(at + i % 60_000, i % 50 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 1_000 + i % 100_000);
      recorder.record("NC027", "ams", at + i % 60_000, Outcome.UP, null, 2_000);
    }
    long before = (long) allocatedBytes.invoke(threads);
    for (int i = 0; i < 1_000_000; i++) {
      series.record(at + i % 60_000, i % 50 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 1_000 + i % 100_000);
      recorder.record("NC027", "ams", at + i % 60_000, Outcome.DEGRADED, null, 2_000);
    }
    long allocated = (long) allocatedBytes.invoke(threads) - before;
    assertThat(allocated).as("bytes allocated by 2,000,000 folds").isLessThan(10_000);
    // the same with results taken during maintenance
    for (int i = 0; i < 200_000; i++) {
      series.record(at + i % 60_000, i % 50 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 1_000 + i % 100_000, i % 3 == 0);
    }
    before = (long) allocatedBytes.invoke(threads);
    for (int i = 0; i < 1_000_000; i++) {
      series.record(at + i % 60_000, i % 50 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 1_000 + i % 100_000, i % 3 == 0);
      recorder.record("NC027", "ams", at + i % 60_000, Outcome.DEGRADED, null, 2_000, true);
    }
    allocated = (long) allocatedBytes.invoke(threads) - before;
    assertThat(allocated).as("bytes allocated by 2,000,000 folds with the maintenance flag").isLessThan(10_000);
  }
}
