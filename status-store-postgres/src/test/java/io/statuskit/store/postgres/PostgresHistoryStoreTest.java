package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.spi.StoreException;
import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.HistorySettings;
import io.statuskit.history.HistorySummary;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Outcome;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.store.InMemoryHistoryStore;
import io.statuskit.store.postgres.internal.Migrations;
import io.statuskit.testkit.ManualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL history store with a recorder on it: the same rollups as the in-memory store,
 * bounded rows however long it runs, a second node reading what the first folded, one schema
 * version table of its own beside the status store's, and a writer killed with SIGKILL losing nothing it
 * had flushed.
 */
class PostgresHistoryStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> SCHEMAS = new ArrayList<>();

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterAll
  static void dropSchemas() {
    SCHEMAS.forEach(TestDatabase::drop);
  }

  private static String schema() {
    String schema = TestDatabase.newSchema();
    SCHEMAS.add(schema);
    return schema;
  }

  private static PostgresHistoryStore store(String schema) {
    return PostgresHistoryStore.builder().url(TestDatabase.url()).schema(schema).build();
  }

  private static long query(String sql) throws Exception {
    try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * One recorder on PostgreSQL and one in memory fold the same random results over eight days with
   * two-day minute retention, compacting as the clock moves: every resolution's buckets, the
   * watermarks and the summaries of random windows are equal; a second store on the schema (a
   * second node) reads the same summaries; the rows stay bounded.
   */
  @Test
  void aRecorderOnPostgresKeepsWhatTheInMemoryOneKeepsAndASecondNodeReadsIt() throws Exception {
    String schema = schema();
    ManualClock clock = ManualClock.at(T0);
    HistorySettings settings = HistorySettings.builder().retention(Resolution.MINUTE, Duration.ofHours(48))
        .retention(Resolution.HOUR, Duration.ofDays(4)).build();
    InMemoryHistoryStore memory = new InMemoryHistoryStore();
    try (PostgresHistoryStore postgres = store(schema); PostgresHistoryStore second = store(schema)) {
      HistoryRecorder onPostgres = HistoryRecorder.builder(postgres).clock(clock).settings(settings).build();
      HistoryRecorder inMemory = HistoryRecorder.builder(memory).clock(clock).settings(settings).build();
      Random random = new Random(22);
      String[] locations = {"ams", "nyc"};
      for (int minute = 0; minute < 8 * 24 * 60; minute++) {
        clock.set(T0.plus(Duration.ofMinutes(minute)).plusSeconds(random.nextInt(60)));
        for (String location : locations) {
          int roll = random.nextInt(20);
          Outcome outcome = roll == 0 ? Outcome.DOWN : roll == 1 ? Outcome.DEGRADED : Outcome.UP;
          FailureKind kind = FailureKind.values()[random.nextInt(FailureKind.COUNT)];
          long latency = outcome == Outcome.DOWN ? -1 : (long) (20_000 * Math.exp(random.nextGaussian() * 0.4));
          onPostgres.record("NC027", location, clock.millis(), outcome, kind, latency);
          inMemory.record("NC027", location, clock.millis(), outcome, kind, latency);
        }
        if (minute % 10 == 9) {
          onPostgres.flush();
          inMemory.flush();
        }
        if (minute % 60 == 59) {
          onPostgres.compact();
          inMemory.compact();
        }
      }
      clock.advance(Duration.ofMinutes(5)); // past the last minute and the lateness: everything is flushed and compacted
      onPostgres.compact();
      inMemory.compact();
      Instant far = T0.plus(Duration.ofDays(30));
      for (Resolution resolution : Resolution.values()) {
        assertThat(postgres.watermark(resolution)).as("%s", resolution).isEqualTo(memory.watermark(resolution));
        for (String location : locations) {
          SeriesKey key = SeriesKey.of("NC027", location);
          assertThat(postgres.read(resolution, key, Instant.EPOCH, far)).as("%s %s", resolution, location)
              .isNotEmpty().containsExactlyElementsOf(memory.read(resolution, key, Instant.EPOCH, far));
        }
      }
      assertThat(postgres.watermark(Resolution.DAY)).isEqualTo(T0.plus(Duration.ofDays(8)));
      // bounded: minutes of the last 48 hours (+ the hour being settled), hours of 4 days, days
      assertThat(memory.size(Resolution.MINUTE)).isLessThanOrEqualTo(2 * (49 * 60 + 5));
      assertThat(query("SELECT count(*) FROM " + schema + ".history_minute")).isLessThanOrEqualTo(2 * 51);
      assertThat(query("SELECT count(*) FROM " + schema + ".history_hour")).isLessThanOrEqualTo(2 * 6);
      assertThat(query("SELECT count(*) FROM " + schema + ".history_day")).isEqualTo(2);

      HistoryRecorder onSecondNode = HistoryRecorder.builder(second).clock(clock).settings(settings).build();
      for (int w = 0; w < 30; w++) {
        Instant from = T0.plus(Duration.ofMinutes(random.nextInt(8 * 24 * 60)));
        Instant to = from.plus(Duration.ofMinutes(random.nextInt(4 * 24 * 60)));
        SeriesKey key = SeriesKey.of("NC027", locations[w % 2]);
        HistorySummary expected = inMemory.summarize(key, from, to);
        assertThat(onSecondNode.summarize(key, from, to)).as("[%s, %s)", from, to).isEqualTo(expected);
        assertThat(onSecondNode.summarize(key, from, to, false).count()).isEqualTo(expected.count());
      }
      assertThat(onSecondNode.seriesOf("NC027")).containsExactly(SeriesKey.of("NC027", "ams"), SeriesKey.of("NC027", "nyc"));
    }
  }

  @Test
  void dayBucketsArePackedPerUtcYearAndReadAcrossYears() throws Exception {
    String schema = schema();
    SeriesKey key = SeriesKey.of("NC027", "ams");
    List<Rollup> days = new ArrayList<>();
    Instant first = Instant.parse("2025-12-20T00:00:00Z");
    for (int d = 0; d < 80; d++) {
      days.add(Rollup.of(key, Resolution.DAY, first.plus(Duration.ofDays(d)), 1_440, d % 3, new long[FailureKind.COUNT],
          LatencyHistogram.of(10_000 + d, 20_000 + d)));
    }
    try (PostgresHistoryStore store = store(schema)) {
      store.write(Resolution.DAY, days, first.plus(Duration.ofDays(80)));
      // 2025, 2026
      assertThat(query("SELECT count(*) FROM " + schema + ".history_day")).isEqualTo(2);
      assertThat(query("SELECT count(*) FROM " + schema + ".history_day WHERE block_start = '2026-01-01T00:00:00Z'")).isEqualTo(1);
      Instant from = Instant.parse("2025-12-31T00:00:00Z");
      Instant to = Instant.parse("2026-03-02T00:00:00Z");
      assertThat(store.read(Resolution.DAY, key, from, to))
          .containsExactlyElementsOf(days.stream().filter(r -> !r.start().isBefore(from) && r.start().isBefore(to)).toList());
      store.deleteBefore(Resolution.DAY, Instant.parse("2026-02-10T00:00:00Z"));
      assertThat(query("SELECT count(*) FROM " + schema + ".history_day")).isEqualTo(1);
      assertThat(store.read(Resolution.DAY, key, Instant.EPOCH, to).get(0).start()).isEqualTo(Instant.parse("2026-02-10T00:00:00Z"));
    }
  }

  @Test
  void theHistoryTablesHaveTheirOwnVersionBesideTheStatusStoresTables() throws Exception {
    String schema = schema();
    TestDatabase.store(schema).build().close(); // the status store creates the schema and its own tables
    try (PostgresHistoryStore store = store(schema)) {
      assertThat(store.series()).isEmpty();
    }
    assertThat(query("SELECT max(version) FROM " + schema + ".schema_version")).isEqualTo(Migrations.CURRENT);
    assertThat(query("SELECT max(version) FROM " + schema + ".history_schema_version"))
        .isEqualTo(Migrations.HISTORY.current());
    assertThat(query("SELECT count(*) FROM " + schema + ".history_watermark")).isEqualTo(3);
  }

  @Test
  void badSettingsAndAnUnreachableDatabaseAreNamed() {
    assertThatThrownBy(() -> PostgresHistoryStore.builder().url(TestDatabase.url()).schema("Bad-Name").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema").hasMessageContaining("Bad-Name");
    assertThatThrownBy(() -> PostgresHistoryStore.builder().schema("s").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("url");
    assertThatThrownBy(() -> PostgresHistoryStore.builder().url("jdbc:postgresql://127.0.0.1:1/test?user=postgres").schema("nowhere").build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema nowhere at jdbc:postgresql://127.0.0.1:1/test")
        .hasMessageNotContaining("user=");
  }

  /** A child JVM folds results into PostgreSQL and is killed with SIGKILL; what it had flushed is there. */
  @Test
  void whatWasFlushedSurvivesSigkill() throws Exception {
    String schema = schema();
    for (int round = 0; round < 3; round++) {
      Instant start = T0.plus(Duration.ofDays(round));
      long previousTotal = total(schema);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
          HistoryCrashChild.class.getName(), TestDatabase.url(), schema, start.toString()));
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long flushed = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int lines = 0;
        String line;
        // past at least one compaction (every 60 flushes), stopping at a different point each round
        while ((line = out.readLine()) != null && lines < 75 + round * 17) {
          if (line.startsWith("flushed ")) {
            flushed = Long.parseLong(line.substring(8));
            lines++;
          }
        }
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(child.exitValue()).as("round %s: killed by SIGKILL", round).isEqualTo(137);
      assertThat(flushed).as("round %s: the child flushed", round).isPositive();
      long total = total(schema);
      assertThat(total - previousTotal).as("round %s: results kept after the kill, of %s flushed", round, flushed)
          .isGreaterThanOrEqualTo(flushed);
    }
  }

  /** Results in the store, counted once: days, then hours after the day watermark, then minutes after the hour watermark. */
  private static long total(String schema) {
    try (PostgresHistoryStore store = store(schema)) {
      long total = 0;
      Instant far = Instant.parse("2100-01-01T00:00:00Z");
      Instant days = store.watermark(Resolution.DAY);
      Instant hours = store.watermark(Resolution.HOUR);
      for (SeriesKey key : store.series()) {
        for (Rollup r : store.read(Resolution.DAY, key, Instant.EPOCH, days)) {
          total += r.count();
        }
        for (Rollup r : store.read(Resolution.HOUR, key, days, hours)) {
          total += r.count();
        }
        for (Rollup r : store.read(Resolution.MINUTE, key, hours, far)) {
          total += r.count();
        }
      }
      return total;
    }
  }
}
