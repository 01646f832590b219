package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.history.spi.HistoryStore;
import io.statuskit.history.store.FileHistoryStore;
import io.statuskit.history.store.InMemoryHistoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Minutes whose write fails (after the store's own retries) go back into their series and are
 * written by the next flush; past {@link HistorySettings#maxUnwrittenMinutes()} the oldest are
 * dropped and counted; compaction never adds up an hour with a minute still unwritten. The stores
 * are real; only the failure is a decorator (a store that refuses its next N writes or reads).
 */
class UnwrittenMinutesTest {
  private static final Instant T0 = Instant.parse("2026-03-10T00:00:00Z");
  private static final SeriesKey AMS = SeriesKey.of("NC027", "ams");

  @TempDir Path dir;

  /** A store that fails its next {@code failWrites} writes and {@code failReads} reads, like a store whose database is away. */
  static final class FailingStore implements HistoryStore {
    final HistoryStore store;
    final AtomicInteger failWrites = new AtomicInteger();
    final AtomicInteger failReads = new AtomicInteger();

    FailingStore(HistoryStore store) {
      this.store = store;
    }

    private static void failIf(AtomicInteger failures, String what) {
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("store unreachable: " + what);
      }
    }

    @Override
    public void write(Resolution resolution, List<Rollup> rollups, Instant compactedThrough) {
      failIf(failWrites, "write");
      store.write(resolution, rollups, compactedThrough);
    }

    @Override
    public List<Rollup> read(Resolution resolution, SeriesKey series, Instant from, Instant to) {
      failIf(failReads, "read");
      return store.read(resolution, series, from, to);
    }

    @Override
    public void forEach(Resolution resolution, SeriesKey series, Instant from, Instant to, Consumer<Rollup> sink) {
      store.forEach(resolution, series, from, to, sink);
    }

    @Override
    public Set<SeriesKey> series() {
      return store.series();
    }

    @Override
    public Instant watermark(Resolution resolution) {
      return store.watermark(resolution);
    }

    @Override
    public void deleteBefore(Resolution resolution, Instant cutoff) {
      store.deleteBefore(resolution, cutoff);
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /** The counts of one series' minutes in [from, to) as the store holds them. */
  private static long stored(HistoryStore store, Resolution resolution, Instant from, Instant to) {
    return store.read(resolution, AMS, from, to).stream().mapToLong(Rollup::count).sum();
  }

  private static void fold(HistoryRecorder recorder, Instant at, int results, boolean maintenance) {
    for (int i = 0; i < results; i++) {
      recorder.record("NC027", "ams", at.plusSeconds(i).toEpochMilli(), i % 4 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 1_000, maintenance);
    }
  }

  @Test
  void minutesAWriteFailedOnAreWrittenByTheNextFlushInMemoryAndInFiles() throws Exception {
    try (FileHistoryStore files = FileHistoryStore.open(dir.resolve("history"))) {
      for (HistoryStore real : List.of(new InMemoryHistoryStore(), files)) {
        FailingStore store = new FailingStore(real);
        MutableClock clock = new MutableClock(T0);
        HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
        fold(recorder, T0, 10, false);
        fold(recorder, T0.plusSeconds(60), 7, true);
        fold(recorder, T0.plusSeconds(120), 5, false);
        clock.set(T0.plusSeconds(180));
        store.failWrites.set(2);
        assertThatThrownBy(recorder::flush).hasMessageContaining("store unreachable");
        assertThat(recorder.unwrittenMinutes()).as("%s", real).isEqualTo(3);
        // readers still see them, once
        assertThat(recorder.summarize(AMS, T0, T0.plusSeconds(180)).count()).isEqualTo(22);
        // a late result for an unwritten minute joins it, not the (empty) stored minute
        recorder.record("NC027", "ams", T0.plusSeconds(61).toEpochMilli(), Outcome.DEGRADED, null, 2_000, true);
        assertThatThrownBy(recorder::flush).hasMessageContaining("store unreachable");
        assertThat(stored(real, Resolution.MINUTE, T0, T0.plusSeconds(180))).isZero();
        assertThat(recorder.summarize(AMS, T0, T0.plusSeconds(180)).count()).isEqualTo(23);

        recorder.flush();

        assertThat(recorder.unwrittenMinutes()).isZero();
        List<Rollup> minutes = real.read(Resolution.MINUTE, AMS, T0, T0.plusSeconds(180));
        assertThat(minutes).extracting(Rollup::count).containsExactly(10L, 8L, 5L);
        assertThat(minutes.get(1).maintenanceCount()).isEqualTo(8);
        assertThat(minutes.get(1).maintenanceDegraded()).isEqualTo(1);
        assertThat(minutes).extracting(Rollup::failed).containsExactly(3L, 2L, 2L);
        assertThat(recorder.lostResults()).isZero();
        assertThat(recorder.summarize(AMS, T0, T0.plusSeconds(180)).count()).as("read once after the write").isEqualTo(23);
      }
    }
  }

  @Test
  void aLateResultMergedIntoAStoredMinuteIsNotCountedTwiceWhileItsWriteFails() {
    FailingStore store = new FailingStore(new InMemoryHistoryStore());
    MutableClock clock = new MutableClock(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
    fold(recorder, T0, 10, false);
    clock.set(T0.plusSeconds(70));
    recorder.flush();
    recorder.record("NC027", "ams", T0.plusSeconds(30).toEpochMilli(), Outcome.UP, null, 1_000);
    store.failWrites.set(1);
    assertThatThrownBy(recorder::flush).hasMessageContaining("store unreachable");
    // the unwritten bucket (stored 10 + late 1) stands for the stored minute: 11, not 21
    assertThat(recorder.summarize(AMS, T0, T0.plusSeconds(60)).count()).isEqualTo(11);
    recorder.flush();
    assertThat(stored(store.store, Resolution.MINUTE, T0, T0.plusSeconds(60))).isEqualTo(11);
  }

  @Test
  void aFailedReadOfTheStoredMinutePutsTheLateResultsBack() {
    FailingStore store = new FailingStore(new InMemoryHistoryStore());
    MutableClock clock = new MutableClock(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
    fold(recorder, T0, 10, false);
    clock.set(T0.plusSeconds(70));
    recorder.flush();
    recorder.record("NC027", "ams", T0.plusSeconds(30).toEpochMilli(), Outcome.UP, null, 1_000);
    store.failReads.set(1);
    assertThatThrownBy(recorder::flush).hasMessageContaining("store unreachable: read");
    recorder.flush();
    assertThat(stored(store.store, Resolution.MINUTE, T0, T0.plusSeconds(60))).isEqualTo(11);
  }

  @Test
  void pastTheLimitTheOldestMinutesAreDroppedAndCounted() {
    FailingStore store = new FailingStore(new InMemoryHistoryStore());
    MutableClock clock = new MutableClock(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock)
        .settings(HistorySettings.builder().maxUnwrittenMinutes(5).build()).build();
    store.failWrites.set(Integer.MAX_VALUE);
    for (int minute = 0; minute < 8; minute++) {
      fold(recorder, T0.plusSeconds(60L * minute), minute + 1, false); // minute m holds m + 1 results
      clock.set(T0.plusSeconds(60L * minute + 60));
      assertThatThrownBy(recorder::flush).hasMessageContaining("store unreachable");
    }
    // minutes 0, 1, 2 (1 + 2 + 3 results) dropped; 3..7 kept
    assertThat(recorder.unwrittenMinutes()).isEqualTo(5);
    assertThat(recorder.lostResults()).isEqualTo(6);
    store.failWrites.set(0);
    recorder.flush();
    assertThat(store.store.read(Resolution.MINUTE, AMS, T0, T0.plusSeconds(480))).extracting(Rollup::count)
        .containsExactly(4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void compactionDoesNotAddUpAnHourWhileAMinuteOfItIsUnwritten() {
    FailingStore store = new FailingStore(new InMemoryHistoryStore());
    MutableClock clock = new MutableClock(T0);
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
    for (int minute = 0; minute < 60; minute++) {
      fold(recorder, T0.plusSeconds(60L * minute), 2, minute < 10);
    }
    clock.set(T0.plus(Duration.ofMinutes(65)));
    store.failWrites.set(3);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(recorder::compact).hasMessageContaining("store unreachable");
      assertThat(store.watermark(Resolution.HOUR)).isEqualTo(Instant.EPOCH);
      assertThat(store.store.read(Resolution.HOUR, AMS, T0, T0.plus(Duration.ofHours(1)))).isEmpty();
    }
    recorder.compact();
    assertThat(store.watermark(Resolution.HOUR)).isEqualTo(T0.plus(Duration.ofHours(1)));
    Rollup hour = store.store.read(Resolution.HOUR, AMS, T0, T0.plus(Duration.ofHours(1))).get(0);
    assertThat(hour.count()).isEqualTo(120);
    assertThat(hour.maintenanceCount()).isEqualTo(20);
    assertThat(hour.maintenanceFailed()).isEqualTo(10);
    assertThat(recorder.lostResults()).isZero();
  }

  @Test
  void theLimitIsChecked() {
    assertThatThrownBy(() -> HistorySettings.builder().maxUnwrittenMinutes(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxUnwrittenMinutes must not be negative: -1");
  }
}
