package io.statuskit.history;

import io.statuskit.history.spi.RollupCodec;
import io.statuskit.history.store.FileHistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The rollups in the fixtures under {@code src/test/resources/history-format-1}, bytes written by
 * StatusKit before rollups knew maintenance (RollupCodec blobs with body tags 0 and 1, and a file
 * store's three logs). {@link #writeFixtures} wrote them with that code (commit "history: format-1
 * fixtures"); it runs only with {@code -Dstatuskit.writeFixtures=true} and must not be run again,
 * or the fixtures would no longer be old bytes. {@code OldFormatTest} reads them back.
 */
class FormatOneFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final SeriesKey KEY = SeriesKey.of("NC027", "ams");
  static final Path DIRECTORY = Path.of("src/test/resources/history-format-1");

  /** {@code n} buckets of one series, every third bucket from T0, from a seeded generator. */
  static List<Rollup> rollups(SeriesKey key, Resolution resolution, int n, long seed) {
    Random random = new Random(seed);
    List<Rollup> rollups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long[] failures = new long[FailureKind.COUNT];
      failures[random.nextInt(FailureKind.COUNT)] = random.nextInt(4);
      long[] latencies = new long[random.nextInt(30)];
      for (int k = 0; k < latencies.length; k++) {
        latencies[k] = (long) Math.exp(random.nextGaussian() * 2 + 9);
      }
      rollups.add(Rollup.of(key, resolution, T0.plus(resolution.duration().multipliedBy(i * 3L)), 100 + latencies.length,
          random.nextInt(5), failures, LatencyHistogram.of(latencies)));
    }
    return rollups;
  }

  @Test
  @EnabledIfSystemProperty(named = "statuskit.writeFixtures", matches = "true")
  void writeFixtures() throws Exception {
    Files.createDirectories(DIRECTORY);
    // one bucket stays raw (tag 0); sixty compress (tag 1)
    Files.write(DIRECTORY.resolve("hour-1.blob"), RollupCodec.encode(Resolution.HOUR, rollups(KEY, Resolution.HOUR, 1, 1)));
    Files.write(DIRECTORY.resolve("hour-60.blob"), RollupCodec.encode(Resolution.HOUR, rollups(KEY, Resolution.HOUR, 60, 2)));
    Path store = DIRECTORY.resolve("store");
    try (FileHistoryStore files = FileHistoryStore.open(store)) {
      for (Resolution resolution : Resolution.values()) {
        List<Rollup> buckets = new ArrayList<>(rollups(KEY, resolution, 40, 10 + resolution.ordinal()));
        buckets.addAll(rollups(SeriesKey.of("NC031", "nyc"), resolution, 5, 20 + resolution.ordinal()));
        files.write(resolution, buckets, T0.plus(resolution.duration().multipliedBy(30)));
      }
    }
  }
}
