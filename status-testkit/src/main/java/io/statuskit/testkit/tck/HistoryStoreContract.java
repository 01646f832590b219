package io.statuskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.statuskit.history.FailureKind;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.spi.HistoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link HistoryStore} as its javadoc states it, as JUnit 5 tests: extend this
 * class, say how to make the store in a directory, and every test here runs against it.
 *
 * <pre>{@code
 * class FileHistoryStoreContractTest extends HistoryStoreContract {
 *   @Override
 *   protected HistoryStore createStore(Path dir) throws IOException {
 *     return FileHistoryStore.open(dir);
 *   }
 * }
 * }</pre>
 *
 * <p>Checked: an empty store has no series and every watermark at the epoch; {@code read} gives
 * the buckets of one series and resolution with a start in {@code [from, to)}, by start, and
 * {@code forEach} the same; a write replaces a bucket with the same key and leaves the others;
 * the watermark moves with a write and stays with a write that does not move it; {@code
 * deleteBefore} removes exactly the buckets of its resolution that start before the cutoff;
 * {@code series()} and {@code series(serverId)} list the series with buckets; buckets keep the
 * counts of their results taken during maintenance ({@link Rollup#maintenanceCount()}); {@code
 * addCounts} equals the counts added up from {@code read} over random windows after random writes
 * and deletes (12 seeds), with a three-long and a {@link HistoryStore#TOTALS}-long array. When {@link #isDurable()}: buckets, watermarks and deletions survive close
 * and {@link #reopen}. When {@link #openSecondNode} gives a second store on the same data: it
 * reads what the first wrote, and the first reads what it wrote.
 *
 * <p>Each test gets its own temporary directory and closes the stores it opened. Not
 * thread-safe; JUnit runs one instance per test.
 */
public abstract class HistoryStoreContract {
  /** A time the tests' buckets start from. */
  protected static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final List<HistoryStore> opened = Collections.synchronizedList(new ArrayList<>());

  @TempDir Path dir;

  /** Makes a new, empty store that keeps its data in {@code dir} (which a test owns). */
  protected abstract HistoryStore createStore(Path dir) throws Exception;

  /** Opens the store again on {@code dir} after it was closed, as a restarted host would; by default {@link #createStore}. */
  protected HistoryStore reopen(Path dir) throws Exception {
    return createStore(dir);
  }

  /**
   * A second store on the same data as {@code first}, as a second node opens the same database;
   * null (the default) when the store cannot be shared, and then that test is skipped saying so.
   */
  protected @Nullable HistoryStore openSecondNode(HistoryStore first, Path dir) throws Exception {
    return null;
  }

  /** Whether what was written survives close and reopen; the reopen test is skipped when not. */
  protected boolean isDurable() {
    return true;
  }

  @AfterEach
  void closeStores() {
    synchronized (opened) {
      for (HistoryStore store : opened) {
        try {
          store.close();
        } catch (RuntimeException e) {
          // a test may have closed it already
        }
      }
      opened.clear();
    }
  }

  private HistoryStore open() throws Exception {
    HistoryStore store = createStore(dir);
    opened.add(store);
    return store;
  }

  /**
   * A bucket with counts and a small histogram derived from {@code seed}; four in five also hold
   * results taken during maintenance (a subset of the counts), so the store must keep them.
   */
  protected static Rollup bucket(SeriesKey series, Resolution resolution, Instant start, long seed) {
    long[] failures = new long[FailureKind.COUNT];
    failures[(int) (seed % FailureKind.COUNT)] = seed % 3;
    failures[FailureKind.TIMEOUT.ordinal()] += seed % 2;
    long failed = failures[(int) (seed % FailureKind.COUNT)] + (seed % 2 == 0 ? 0 : 1);
    long degraded = seed % 4;
    long[] latencies = new long[(int) (seed % 7) + 1];
    long count = failed + degraded + latencies.length + seed % 50;
    for (int i = 0; i < latencies.length; i++) {
      latencies[i] = 1_000 + (seed * 7_919 + i * 104_729) % 400_000;
    }
    long maintenanceFailed = seed % 5 == 0 ? 0 : failed / 2;
    long maintenanceDegraded = seed % 5 == 0 ? 0 : degraded - seed % 2 * Math.min(degraded, 1);
    long maintenanceCount = seed % 5 == 0 ? 0 : Math.min(count, maintenanceFailed + maintenanceDegraded + seed % 11);
    return Rollup.of(series, resolution, start, count, degraded, failures, LatencyHistogram.of(latencies),
        maintenanceCount, maintenanceDegraded, maintenanceFailed);
  }

  @Test
  void anEmptyStoreHasNoSeriesAndWatermarksAtTheEpoch() throws Exception {
    HistoryStore store = open();

    assertThat(store.series()).isEmpty();
    assertThat(store.series("NC027")).isEmpty();
    for (Resolution resolution : Resolution.values()) {
      assertThat(store.watermark(resolution)).isEqualTo(Instant.EPOCH);
      assertThat(store.read(resolution, SeriesKey.of("NC027", "ams"), Instant.EPOCH, T0.plus(Duration.ofDays(9_000)))).isEmpty();
    }
  }

  @Test
  void readGivesOneSeriesBucketsInTheWindowByStart() throws Exception {
    HistoryStore store = open();
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    SeriesKey nyc = SeriesKey.of("NC027", "nyc");
    List<Rollup> amsMinutes = new ArrayList<>();
    List<Rollup> written = new ArrayList<>();
    for (int m = 0; m < 150; m++) {
      Rollup a = bucket(ams, Resolution.MINUTE, T0.plus(Duration.ofMinutes(m)), m);
      amsMinutes.add(a);
      written.add(a);
      written.add(bucket(nyc, Resolution.MINUTE, T0.plus(Duration.ofMinutes(m)), 1_000 + m));
    }
    Collections.shuffle(written, new Random(22));
    store.write(Resolution.MINUTE, written.subList(0, 200));
    store.write(Resolution.MINUTE, written.subList(200, written.size()));
    store.write(Resolution.HOUR, List.of(bucket(ams, Resolution.HOUR, T0, 7)));

    Instant from = T0.plus(Duration.ofMinutes(61));
    Instant to = T0.plus(Duration.ofMinutes(121));
    assertThat(store.read(Resolution.MINUTE, ams, from, to)).containsExactlyElementsOf(amsMinutes.subList(61, 121));
    assertThat(store.read(Resolution.MINUTE, ams, T0, T0.plus(Duration.ofDays(1)))).containsExactlyElementsOf(amsMinutes);
    assertThat(store.read(Resolution.MINUTE, ams, to, from)).isEmpty();
    assertThat(store.read(Resolution.MINUTE, ams, from, from)).isEmpty();
    // a window edge inside a bucket: only starts in [from, to) count
    assertThat(store.read(Resolution.MINUTE, ams, from.minusSeconds(30), to.plusSeconds(1)))
        .containsExactlyElementsOf(amsMinutes.subList(61, 122));
    assertThat(store.read(Resolution.HOUR, ams, T0, to)).containsExactly(bucket(ams, Resolution.HOUR, T0, 7));
    assertThat(store.read(Resolution.HOUR, nyc, T0, to)).isEmpty();
    List<Rollup> each = new ArrayList<>();
    store.forEach(Resolution.MINUTE, ams, from, to, each::add);
    assertThat(each).containsExactlyElementsOf(amsMinutes.subList(61, 121));
  }

  @Test
  void aWriteReplacesTheBucketWithTheSameKeyAndLeavesTheOthers() throws Exception {
    HistoryStore store = open();
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    Rollup first = bucket(ams, Resolution.HOUR, T0, 1);
    Rollup second = bucket(ams, Resolution.HOUR, T0.plus(Duration.ofHours(1)), 2);
    store.write(Resolution.HOUR, List.of(first, second));
    Rollup replaced = bucket(ams, Resolution.HOUR, T0, 41);

    store.write(Resolution.HOUR, List.of(replaced));

    assertThat(store.read(Resolution.HOUR, ams, T0, T0.plus(Duration.ofDays(1)))).containsExactly(replaced, second);
  }

  @Test
  void theWatermarkMovesWithAWriteAndStaysWithoutOne() throws Exception {
    HistoryStore store = open();
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    Instant through = T0.plus(Duration.ofHours(2));

    store.write(Resolution.HOUR, List.of(bucket(ams, Resolution.HOUR, T0, 1), bucket(ams, Resolution.HOUR, T0.plus(Duration.ofHours(1)), 2)), through);
    assertThat(store.watermark(Resolution.HOUR)).isEqualTo(through);
    assertThat(store.watermark(Resolution.DAY)).isEqualTo(Instant.EPOCH);
    assertThat(store.watermark(Resolution.MINUTE)).isEqualTo(Instant.EPOCH);

    store.write(Resolution.HOUR, List.of(bucket(ams, Resolution.HOUR, through, 3)));
    assertThat(store.watermark(Resolution.HOUR)).isEqualTo(through);

    store.write(Resolution.DAY, List.of(), T0);
    assertThat(store.watermark(Resolution.DAY)).isEqualTo(T0);
    assertThat(store.read(Resolution.HOUR, ams, T0, T0.plus(Duration.ofDays(1)))).hasSize(3);
  }

  @Test
  void deleteBeforeRemovesExactlyTheOlderBucketsOfItsResolution() throws Exception {
    HistoryStore store = open();
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    SeriesKey sin = SeriesKey.of("NC031", "sin");
    List<Rollup> minutes = new ArrayList<>();
    List<Rollup> hours = new ArrayList<>();
    for (int m = 0; m < 200; m++) {
      minutes.add(bucket(ams, Resolution.MINUTE, T0.plus(Duration.ofMinutes(m)), m));
      minutes.add(bucket(sin, Resolution.MINUTE, T0.plus(Duration.ofMinutes(m)), m + 3));
    }
    for (int h = 0; h < 30; h++) {
      hours.add(bucket(ams, Resolution.HOUR, T0.plus(Duration.ofHours(h)), h));
    }
    store.write(Resolution.MINUTE, minutes);
    store.write(Resolution.HOUR, hours);
    Instant cutoff = T0.plus(Duration.ofMinutes(75)).plusSeconds(20); // inside a bucket: that bucket started before it

    store.deleteBefore(Resolution.MINUTE, cutoff);

    Instant far = T0.plus(Duration.ofDays(30));
    assertThat(store.read(Resolution.MINUTE, ams, Instant.EPOCH, far))
        .containsExactlyElementsOf(minutes.stream().filter(r -> r.series().equals(ams) && r.start().isAfter(cutoff)).toList());
    assertThat(store.read(Resolution.MINUTE, sin, Instant.EPOCH, far)).hasSize(200 - 76);
    assertThat(store.read(Resolution.HOUR, ams, Instant.EPOCH, far)).containsExactlyElementsOf(hours);
    long[] totals = new long[3];
    store.addCounts(Resolution.MINUTE, ams, 0, far.getEpochSecond(), totals);
    assertThat(totals[0]).isEqualTo(minutes.stream().filter(r -> r.series().equals(ams) && r.start().isAfter(cutoff)).mapToLong(Rollup::count).sum());

    // a bucket written again before the cutoff is there again (retention deletes, it does not forbid)
    Rollup again = bucket(ams, Resolution.MINUTE, T0, 99);
    store.write(Resolution.MINUTE, List.of(again));
    assertThat(store.read(Resolution.MINUTE, ams, T0, T0.plusSeconds(60))).containsExactly(again);
    store.deleteBefore(Resolution.HOUR, far);
    assertThat(store.read(Resolution.HOUR, ams, Instant.EPOCH, far)).isEmpty();
  }

  @Test
  void seriesListsEverySeriesWithBuckets() throws Exception {
    HistoryStore store = open();
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    SeriesKey nyc = SeriesKey.of("NC027", "nyc");
    SeriesKey sin = SeriesKey.of("NC031", "sin");
    store.write(Resolution.MINUTE, List.of(bucket(ams, Resolution.MINUTE, T0, 1)));
    store.write(Resolution.HOUR, List.of(bucket(nyc, Resolution.HOUR, T0, 2)));
    store.write(Resolution.DAY, List.of(bucket(sin, Resolution.DAY, T0, 3)));

    assertThat(store.series()).containsExactlyInAnyOrder(ams, nyc, sin);
    assertThat(store.series("NC027")).containsExactlyInAnyOrder(ams, nyc);
    assertThat(store.series("NC031")).containsExactly(sin);
    assertThat(store.series("NC0")).isEmpty();
  }

  /** Random writes (replacing some buckets), deletes and windows: addCounts always equals the counts read. */
  @Test
  void addCountsEqualsTheCountsOfTheBucketsRead() throws Exception {
    HistoryStore store = open();
    for (long seed = 1; seed <= 12; seed++) {
      Random random = new Random(seed);
      SeriesKey key = SeriesKey.of("S" + seed, "ams");
      for (Resolution resolution : Resolution.values()) {
        long width = resolution.seconds();
        long first = T0.getEpochSecond() / width + random.nextInt(50);
        for (int round = 0; round < 6; round++) {
          List<Rollup> batch = new ArrayList<>();
          Set<Long> starts = new java.util.HashSet<>();
          for (int i = 0; i < 40; i++) {
            long start = (first + random.nextInt(400)) * width;
            if (starts.add(start)) {
              batch.add(bucket(key, resolution, Instant.ofEpochSecond(start), random.nextInt(1_000)));
            }
          }
          store.write(resolution, batch);
          if (random.nextInt(3) == 0) {
            store.deleteBefore(resolution, Instant.ofEpochSecond((first + random.nextInt(200)) * width + random.nextInt((int) width)));
          }
          for (int w = 0; w < 10; w++) {
            long from = (first - 5) * width + (long) (random.nextDouble() * 420 * width);
            long to = from + (long) (random.nextDouble() * 300 * width);
            long[] expected = new long[HistoryStore.TOTALS];
            for (Rollup r : store.read(resolution, key, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to))) {
              expected[0] += r.count();
              expected[1] += r.degraded();
              expected[2] += r.failed();
              expected[3] += r.maintenanceCount();
              expected[4] += r.maintenanceDegraded();
              expected[5] += r.maintenanceFailed();
            }
            String window = "seed " + seed + ", " + resolution + ", [" + Instant.ofEpochSecond(from) + ", " + Instant.ofEpochSecond(to) + ")";
            long[] totals = {1, 2, 3}; // addCounts adds to what is there
            store.addCounts(resolution, key, from, to, totals);
            assertThat(totals).as(window).containsExactly(expected[0] + 1, expected[1] + 2, expected[2] + 3);
            // with room for them, also the results taken during maintenance
            long[] all = {1, 2, 3, 4, 5, 6};
            store.addCounts(resolution, key, from, to, all);
            assertThat(all).as(window + " with maintenance").containsExactly(expected[0] + 1, expected[1] + 2, expected[2] + 3,
                expected[3] + 4, expected[4] + 5, expected[5] + 6);
          }
        }
      }
    }
  }

  @Test
  void bucketsWatermarksAndDeletionsSurviveAReopen() throws Exception {
    assumeTrue(isDurable(), "this store keeps nothing across a reopen");
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    SeriesKey nyc = SeriesKey.of("NC027", "nyc");
    Map<Resolution, List<Rollup>> before = new TreeMap<>();
    Instant far = T0.plus(Duration.ofDays(3_000));
    HistoryStore store = open();
    for (Resolution resolution : Resolution.values()) {
      List<Rollup> rollups = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rollups.add(bucket(i % 2 == 0 ? ams : nyc, resolution, T0.plusSeconds(i / 2 * resolution.seconds()), i));
      }
      store.write(resolution, rollups, T0.plusSeconds(30 * resolution.seconds()));
      store.deleteBefore(resolution, T0.plusSeconds(10 * resolution.seconds()));
      before.put(resolution, store.read(resolution, ams, Instant.EPOCH, far));
      assertThat(before.get(resolution)).hasSize(40);
    }
    store.close();

    HistoryStore again = reopen(dir);
    opened.add(again);
    for (Resolution resolution : Resolution.values()) {
      assertThat(again.read(resolution, ams, Instant.EPOCH, far)).as("%s", resolution).containsExactlyElementsOf(before.get(resolution));
      assertThat(again.read(resolution, nyc, Instant.EPOCH, far)).as("%s", resolution).hasSize(40);
      assertThat(again.watermark(resolution)).isEqualTo(T0.plusSeconds(30 * resolution.seconds()));
    }
    assertThat(again.series()).containsExactlyInAnyOrder(ams, nyc);
  }

  @Test
  void aSecondNodeReadsWhatTheFirstWroteAndTheOtherWayRound() throws Exception {
    HistoryStore first = open();
    HistoryStore second = openSecondNode(first, dir);
    if (second == null) {
      assumeTrue(false, "this store cannot be shared by two nodes");
      return;
    }
    opened.add(second);
    SeriesKey ams = SeriesKey.of("NC027", "ams");
    SeriesKey nyc = SeriesKey.of("NC027", "nyc");
    List<Rollup> amsMinutes = new ArrayList<>();
    List<Rollup> nycMinutes = new ArrayList<>();
    for (int m = 0; m < 90; m++) {
      amsMinutes.add(bucket(ams, Resolution.MINUTE, T0.plus(Duration.ofMinutes(m)), m));
      nycMinutes.add(bucket(nyc, Resolution.MINUTE, T0.plus(Duration.ofMinutes(m)), 500 + m));
    }

    first.write(Resolution.MINUTE, amsMinutes);
    second.write(Resolution.MINUTE, nycMinutes);
    first.write(Resolution.HOUR, List.of(bucket(ams, Resolution.HOUR, T0, 5)), T0.plus(Duration.ofHours(1)));

    Instant far = T0.plus(Duration.ofDays(1));
    assertThat(second.read(Resolution.MINUTE, ams, T0, far)).containsExactlyElementsOf(amsMinutes);
    assertThat(first.read(Resolution.MINUTE, nyc, T0, far)).containsExactlyElementsOf(nycMinutes);
    assertThat(second.watermark(Resolution.HOUR)).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(second.series("NC027")).containsExactlyInAnyOrder(ams, nyc);
    long[] totals = new long[3];
    second.addCounts(Resolution.HOUR, ams, T0.getEpochSecond(), far.getEpochSecond(), totals);
    assertThat(totals[0]).isEqualTo(bucket(ams, Resolution.HOUR, T0, 5).count());
    first.deleteBefore(Resolution.MINUTE, T0.plus(Duration.ofMinutes(60)));
    assertThat(second.read(Resolution.MINUTE, nyc, T0, far)).containsExactlyElementsOf(nycMinutes.subList(60, 90));
  }
}
