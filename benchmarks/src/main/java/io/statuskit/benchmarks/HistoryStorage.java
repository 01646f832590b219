package io.statuskit.benchmarks;

import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.Outcome;
import io.statuskit.history.Resolution;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.SeriesRecorder;
import io.statuskit.history.store.FileHistoryStore;
import io.statuskit.history.store.InMemoryHistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;

/**
 * Bytes on disk for 5 years of 1-minute checks (issue 22's figure; target under 1 GB for 1,000
 * servers × 3 locations). Driven by a manual clock: every series gets one result a minute for
 * 5 years (latency log-normal around 20 ms, 0.1 % timeouts, 0.5 % degraded), compacted once a
 * simulated hour with the default retention (minutes 48 h, hours 90 days, days 5 years); then the
 * live buckets are written to a {@link FileHistoryStore} and its files are measured. Series are
 * independent, so the bytes for 3,000 series are the measured bytes per series × 3,000; run with
 * {@code servers} = 1000 to fold them all (about 8 billion results).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.statuskit.benchmarks.HistoryStorage [servers] [dir]}
 */
public final class HistoryStorage {
  private HistoryStorage() {}

  /** A clock the loop moves. */
  static final class ManualClock extends Clock {
    long millis;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
      return millis;
    }
  }

  /** The first simulated minute. */
  static final Instant START = Instant.parse("2021-12-01T00:00:00Z");
  /** Five years of minutes. */
  static final long MINUTES = Duration.ofDays(5 * 365).toMinutes();
  static final String[] LOCATIONS = {"ams", "nyc", "sin"};

  /**
   * Folds five years of one result a minute for {@code servers} × 3 locations into an in-memory
   * store, compacting every simulated hour with the default retention; the clock ends just past
   * the last compaction.
   */
  static InMemoryHistoryStore simulate(int servers, ManualClock clock) {
    clock.millis = START.toEpochMilli();
    InMemoryHistoryStore memory = new InMemoryHistoryStore();
    HistoryRecorder recorder = HistoryRecorder.builder(memory).clock(clock).build();
    SeriesRecorder[] series = new SeriesRecorder[servers * LOCATIONS.length];
    for (int s = 0; s < servers; s++) {
      for (int l = 0; l < LOCATIONS.length; l++) {
        series[s * LOCATIONS.length + l] = recorder.series(String.format(Locale.ROOT, "NC%03d", s), LOCATIONS[l]);
      }
    }
    Random random = new Random(22);
    for (long m = 0; m < MINUTES; m++) {
      clock.millis = START.toEpochMilli() + m * 60_000 + 1_000;
      for (SeriesRecorder one : series) {
        fold(one, random, clock.millis);
      }
      if (m % 60 == 59) {
        clock.millis += 59_000 + 3 * 60_000; // the end of the minute, past the lateness
        recorder.compact();
      }
    }
    recorder.compact();
    return memory;
  }

  /** One result: 0.1 % timeouts, 0.5 % degraded, latency log-normal around 20 ms. */
  static void fold(SeriesRecorder one, Random random, long epochMilli) {
    int roll = random.nextInt(1000);
    if (roll == 0) {
      one.record(epochMilli, Outcome.DOWN, FailureKind.TIMEOUT, -1);
    } else {
      long latency = (long) (20_000 * Math.exp(random.nextGaussian() * 0.3));
      one.record(epochMilli, roll <= 5 ? Outcome.DEGRADED : Outcome.UP, null, latency);
    }
  }

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("statuskit-history");
    long minutes = MINUTES;
    ManualClock clock = new ManualClock();
    long began = System.nanoTime();
    InMemoryHistoryStore memory = simulate(servers, clock);
    int seriesCount = servers * LOCATIONS.length;
    long seconds = (System.nanoTime() - began) / 1_000_000_000L;
    try (FileHistoryStore file = FileHistoryStore.open(dir)) {
      for (Resolution resolution : Resolution.values()) {
        java.util.List<io.statuskit.history.Rollup> all = new java.util.ArrayList<>();
        for (SeriesKey key : memory.series()) {
          all.addAll(memory.read(resolution, key, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
        }
        file.write(resolution, all, memory.watermark(resolution));
      }
      file.rewriteAll();
      long bytes = file.bytesOnDisk();
      int n = seriesCount;
      System.out.printf(Locale.ROOT, "folded %,d results (%d series × %,d minutes) in %d s%n", (long) n * minutes, n, minutes, seconds);
      for (Resolution resolution : Resolution.values()) {
        long size = Files.size(file.file(resolution));
        System.out.printf(Locale.ROOT, "%-6s %,9d buckets %,12d bytes  %6.1f bytes/bucket%n",
            resolution, memory.size(resolution), size, (double) size / Math.max(1, memory.size(resolution)));
      }
      double perSeries = (double) bytes / n;
      System.out.printf(Locale.ROOT, "on disk: %,d bytes for %d series = %,.0f bytes per series%n", bytes, n, perSeries);
      System.out.printf(Locale.ROOT, "1,000 servers × 3 locations: %,.0f bytes = %.1f MB after a rewrite; up to 1.5× that between rewrites (%.1f MB)%n",
          perSeries * 3000, perSeries * 3000 / 1e6, 1.5 * perSeries * 3000 / 1e6);
    }
  }
}
