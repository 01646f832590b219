package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.history.spi.RollupCodec;
import io.statuskit.history.store.FileHistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes written before rollups knew maintenance (format 1: body tags 0 and 1, no maintenance
 * counts) are still read: the fixtures under {@code src/test/resources/history-format-1} were
 * written by that code ({@link FormatOneFixtures}), and their buckets come back with no result
 * counted as taken during maintenance.
 */
class OldFormatTest {
  private static final Path FIXTURES = FormatOneFixtures.DIRECTORY;

  @Test
  void formatOneBlobsAreReadRawAndCompressed() throws Exception {
    byte[] raw = Files.readAllBytes(FIXTURES.resolve("hour-1.blob"));
    byte[] compressed = Files.readAllBytes(FIXTURES.resolve("hour-60.blob"));
    assertThat(raw[0]).as("tag of the raw blob").isEqualTo((byte) 0);
    assertThat(compressed[0]).as("tag of the compressed blob").isEqualTo((byte) 1);

    assertThat(RollupCodec.decode(FormatOneFixtures.KEY, Resolution.HOUR, raw))
        .containsExactlyElementsOf(FormatOneFixtures.rollups(FormatOneFixtures.KEY, Resolution.HOUR, 1, 1));
    List<Rollup> sixty = RollupCodec.decode(FormatOneFixtures.KEY, Resolution.HOUR, compressed);
    assertThat(sixty).containsExactlyElementsOf(FormatOneFixtures.rollups(FormatOneFixtures.KEY, Resolution.HOUR, 60, 2));
    assertThat(sixty).allSatisfy(r -> assertThat(r.maintenanceCount()).isZero());
  }

  @Test
  void aFormatOneStoreIsReadAndAppendedToWithMaintenanceCounts(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("history");
    Files.createDirectories(store);
    try (Stream<Path> logs = Files.list(FIXTURES.resolve("store"))) {
      for (Path log : logs.toList()) {
        Files.copy(log, store.resolve(log.getFileName()));
      }
    }
    SeriesKey nyc = SeriesKey.of("NC031", "nyc");
    Instant far = Instant.parse("2030-01-01T00:00:00Z");
    Rollup added = Rollup.of(FormatOneFixtures.KEY, Resolution.HOUR, Instant.parse("2027-01-01T00:00:00Z"), 10, 3,
        failures(FailureKind.TIMEOUT, 4), LatencyHistogram.of(1_000, 2_000), 5, 2, 3);
    try (FileHistoryStore files = FileHistoryStore.open(store)) {
      for (Resolution resolution : Resolution.values()) {
        assertThat(files.read(resolution, FormatOneFixtures.KEY, Instant.EPOCH, far)).as("%s of NC027", resolution)
            .containsExactlyElementsOf(FormatOneFixtures.rollups(FormatOneFixtures.KEY, resolution, 40, 10 + resolution.ordinal()));
        assertThat(files.read(resolution, nyc, Instant.EPOCH, far)).as("%s of NC031", resolution)
            .containsExactlyElementsOf(FormatOneFixtures.rollups(nyc, resolution, 5, 20 + resolution.ordinal()));
        assertThat(files.watermark(resolution)).isEqualTo(FormatOneFixtures.T0.plus(resolution.duration().multipliedBy(30)));
      }
      files.write(Resolution.HOUR, List.of(added));
    }
    // the old log now also holds a format-2 record; both are read after a reopen
    try (FileHistoryStore files = FileHistoryStore.open(store)) {
      List<Rollup> expected = new ArrayList<>(FormatOneFixtures.rollups(FormatOneFixtures.KEY, Resolution.HOUR, 40, 11));
      expected.add(added);
      assertThat(files.read(Resolution.HOUR, FormatOneFixtures.KEY, Instant.EPOCH, far)).containsExactlyElementsOf(expected);
      long[] totals = new long[io.statuskit.history.spi.HistoryStore.TOTALS];
      files.addCounts(Resolution.HOUR, FormatOneFixtures.KEY, added.startSecond(), added.startSecond() + 3600, totals);
      assertThat(totals).containsExactly(10, 3, 4, 5, 2, 3);
    }
  }

  private static long[] failures(FailureKind kind, long n) {
    long[] failures = new long[FailureKind.COUNT];
    failures[kind.ordinal()] = n;
    return failures;
  }
}
