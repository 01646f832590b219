package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import io.statuskit.history.FailureKind;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.spi.RollupCodec;
import io.statuskit.store.postgres.internal.Migrations;
import io.statuskit.store.postgres.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the PostgreSQL history store packs buckets into rows (six hours of minutes, a UTC day of
 * hours, a UTC year of days): buckets on both sides of a block's edge, a year boundary, a leap
 * day, retention trimming inside a year block, two stores writing one block at once, and the
 * migration that re-blocks the rows of history schema version 1 (an hour of minutes, a month of
 * days).
 */
class PostgresHistoryBlocksTest {
  private static final SeriesKey KEY = SeriesKey.of("NC027", "ams");
  private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
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

  private static List<Instant> blockStarts(String schema, String table) throws Exception {
    List<Instant> starts = new ArrayList<>();
    try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT extract(epoch FROM block_start)::bigint FROM " + schema + "." + table + " ORDER BY server_id, location, block_start")) {
      while (rows.next()) {
        starts.add(Instant.ofEpochSecond(rows.getLong(1)));
      }
    }
    return starts;
  }

  private static Rollup bucket(SeriesKey key, Resolution resolution, Instant start, int n) {
    long[] failures = new long[FailureKind.COUNT];
    failures[n % FailureKind.COUNT] = n % 2;
    return Rollup.of(key, resolution, start, 60 + n % 7, n % 3, failures, LatencyHistogram.of(10_000 + n * 37L, 20_000 + n));
  }

  private static List<Rollup> buckets(SeriesKey key, Resolution resolution, Instant first, int count) {
    List<Rollup> rollups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rollups.add(bucket(key, resolution, first.plus(resolution.duration().multipliedBy(i)), i));
    }
    return rollups;
  }

  private static List<Rollup> between(List<Rollup> rollups, Instant from, Instant to) {
    return rollups.stream().filter(r -> !r.start().isBefore(from) && r.start().isBefore(to)).toList();
  }

  @Test
  void minuteBucketsOnBothSidesOfASixHourEdgeGoToTwoRowsAndReadAsOne() throws Exception {
    String schema = schema();
    // 05:58 .. 06:01 and 23:59 .. 00:00 of the next day: four blocks (00:00, 06:00, 18:00, next day 00:00)
    List<Rollup> minutes = new ArrayList<>(buckets(KEY, Resolution.MINUTE, Instant.parse("2026-03-01T05:58:00Z"), 4));
    minutes.addAll(buckets(KEY, Resolution.MINUTE, Instant.parse("2026-03-01T23:59:00Z"), 2));
    try (PostgresHistoryStore store = store(schema)) {
      store.write(Resolution.MINUTE, minutes.subList(0, 3)); // 05:58, 05:59, 06:00
      store.write(Resolution.MINUTE, minutes.subList(3, 6)); // 06:01 (an existing block), 23:59, 00:00 (new ones)
      assertThat(blockStarts(schema, "history_minute")).containsExactly(Instant.parse("2026-03-01T00:00:00Z"),
          Instant.parse("2026-03-01T06:00:00Z"), Instant.parse("2026-03-01T18:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"));
      assertThat(store.read(Resolution.MINUTE, KEY, Instant.EPOCH, FAR)).containsExactlyElementsOf(minutes);
      Instant edge = Instant.parse("2026-03-01T06:00:00Z");
      assertThat(store.read(Resolution.MINUTE, KEY, edge, edge.plusSeconds(60))).containsExactly(minutes.get(2));
      assertThat(store.read(Resolution.MINUTE, KEY, edge.minusSeconds(60), edge)).containsExactly(minutes.get(1));
      assertThat(store.read(Resolution.MINUTE, KEY, Instant.parse("2026-03-01T23:59:30Z"), FAR)).containsExactly(minutes.get(5));
    }
  }

  @Test
  void dayBucketsArePackedPerUtcYearAcrossAYearBoundaryAndALeapDay() throws Exception {
    String schema = schema();
    // 2023-12-30 .. 2024-03-02: two year blocks; 2024-02-29 is in the middle
    List<Rollup> days = buckets(KEY, Resolution.DAY, Instant.parse("2023-12-30T00:00:00Z"), 64);
    Instant leapDay = Instant.parse("2024-02-29T00:00:00Z");
    try (PostgresHistoryStore store = store(schema)) {
      for (Rollup day : days) {
        store.write(Resolution.DAY, List.of(day), day.start().plus(Duration.ofDays(1))); // one a day, as compaction does
      }
      assertThat(blockStarts(schema, "history_day"))
          .containsExactly(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"));
      assertThat(store.read(Resolution.DAY, KEY, Instant.EPOCH, FAR)).containsExactlyElementsOf(days);
      assertThat(store.read(Resolution.DAY, KEY, leapDay, leapDay.plus(Duration.ofDays(1))))
          .singleElement().satisfies(r -> assertThat(r.start()).isEqualTo(leapDay));
      Instant newYear = Instant.parse("2024-01-01T00:00:00Z");
      assertThat(store.read(Resolution.DAY, KEY, newYear.minus(Duration.ofDays(1)), newYear.plus(Duration.ofDays(1))))
          .containsExactlyElementsOf(between(days, newYear.minus(Duration.ofDays(1)), newYear.plus(Duration.ofDays(1))));
      assertThat(store.read(Resolution.DAY, KEY, Instant.parse("2024-02-28T12:00:00Z"), Instant.parse("2024-03-01T00:00:01Z")))
          .extracting(Rollup::start).containsExactly(leapDay, Instant.parse("2024-03-01T00:00:00Z"));
      assertThat(store.watermark(Resolution.DAY)).isEqualTo(days.get(days.size() - 1).start().plus(Duration.ofDays(1)));
    }
  }

  @Test
  void deletingBeforeACutoffInsideAYearBlockTrimsItAndAtItsEndDropsIt() throws Exception {
    String schema = schema();
    Instant first = Instant.parse("2024-01-01T00:00:00Z");
    List<Rollup> days = buckets(KEY, Resolution.DAY, first, 366 + 40); // all of 2024 (a leap year), 40 days of 2025
    try (PostgresHistoryStore store = store(schema)) {
      store.write(Resolution.DAY, days, FAR);
      assertThat(blockStarts(schema, "history_day")).containsExactly(first, Instant.parse("2025-01-01T00:00:00Z"));
      Instant july = Instant.parse("2024-07-01T00:00:00Z");
      store.deleteBefore(Resolution.DAY, july.minusSeconds(1).plusMillis(500)); // inside June 30: that day goes too
      assertThat(store.read(Resolution.DAY, KEY, Instant.EPOCH, FAR)).containsExactlyElementsOf(between(days, july, FAR));
      assertThat(blockStarts(schema, "history_day")).containsExactly(first, Instant.parse("2025-01-01T00:00:00Z"));
      try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT extract(epoch FROM first_start)::bigint FROM " + schema
              + ".history_day WHERE block_start = '2024-01-01T00:00:00Z'")) {
        rows.next();
        assertThat(Instant.ofEpochSecond(rows.getLong(1))).isEqualTo(july);
      }
      Instant newYear = Instant.parse("2025-01-01T00:00:00Z");
      store.deleteBefore(Resolution.DAY, newYear);
      assertThat(blockStarts(schema, "history_day")).containsExactly(newYear);
      assertThat(store.read(Resolution.DAY, KEY, Instant.EPOCH, FAR)).containsExactlyElementsOf(between(days, newYear, FAR));
      store.deleteBefore(Resolution.DAY, FAR);
      assertThat(blockStarts(schema, "history_day")).isEmpty();
      assertThat(store.series()).isEmpty();
    }
  }

  @Test
  void twoStoresWritingTheSameBlocksAtOnceLoseNoBucket() throws Exception {
    String schema = schema();
    Instant first = Instant.parse("2026-03-01T00:00:00Z");
    int rounds = 120;
    // both write, in each round, one minute bucket of their own to the same block of each of two
    // series, in opposite series order (so each holds one block's lock while asking for the other);
    // the blocks are new in the first round, so both insert them at once
    SeriesKey other = SeriesKey.of("NC027", "nyc");
    try (PostgresHistoryStore one = store(schema); PostgresHistoryStore two = store(schema)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
          PostgresHistoryStore store = w == 0 ? one : two;
          int writer = w;
          writers.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < rounds; i++) {
              Instant minute = first.plus(Duration.ofMinutes(2L * i + writer));
              List<Rollup> both = new ArrayList<>(List.of(bucket(KEY, Resolution.MINUTE, minute, i),
                  bucket(other, Resolution.MINUTE, minute, i)));
              store.write(Resolution.MINUTE, writer == 0 ? both : Lists.reverse(both));
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
          writer.get();
        }
      } finally {
        pool.shutdownNow();
      }
      for (SeriesKey key : List.of(KEY, other)) {
        List<Rollup> read = one.read(Resolution.MINUTE, key, Instant.EPOCH, FAR);
        assertThat(read).as("%s", key).hasSize(2 * rounds);
        assertThat(read).extracting(Rollup::start).containsExactlyElementsOf(
            IntStream.range(0, 2 * rounds).mapToObj(m -> first.plus(Duration.ofMinutes(m))).toList());
      }
      assertThat(blockStarts(schema, "history_minute")).containsExactly(first, first);
    }
  }

  @Test
  void theMigrationReblocksTheRowsOfVersionOneAndKeepsEveryBucket() throws Exception {
    String schema = schema();
    SeriesKey other = SeriesKey.of("NC028", "sin");
    Map<SeriesKey, Map<Resolution, List<Rollup>>> kept = new TreeMap<>(
        Comparator.comparing(SeriesKey::serverId).thenComparing(SeriesKey::location));
    try (Connection connection = TestDatabase.connect()) {
      Migrations.migrate(connection, new Sql(schema), "test", new Migrations.Plan(Migrations.HISTORY.versionTable(),
          Migrations.HISTORY.label(), ImmutableList.of(Migrations.HISTORY.migrations().get(0))));
      connection.setAutoCommit(true);
      for (SeriesKey key : List.of(KEY, other)) {
        Map<Resolution, List<Rollup>> series = new TreeMap<>();
        // 48 h of minutes from 2024-02-28 13:00 (over a leap day), 30 days of hours, 2 years and a bit of days
        series.put(Resolution.MINUTE, buckets(key, Resolution.MINUTE, Instant.parse("2024-02-28T13:00:00Z"), 48 * 60));
        series.put(Resolution.HOUR, buckets(key, Resolution.HOUR, Instant.parse("2024-02-01T00:00:00Z"), 30 * 24));
        series.put(Resolution.DAY, buckets(key, Resolution.DAY, Instant.parse("2022-11-15T00:00:00Z"), 2 * 365 + 120));
        kept.put(key, series);
        // the rows as version 1 wrote them: an hour of minutes, a UTC day of hours, a UTC month of days
        writeVersionOne(connection, schema, "history_minute", key, series.get(Resolution.MINUTE), Resolution.MINUTE,
            s -> Resolution.HOUR.floor(s));
        writeVersionOne(connection, schema, "history_hour", key, series.get(Resolution.HOUR), Resolution.HOUR,
            s -> Resolution.DAY.floor(s));
        writeVersionOne(connection, schema, "history_day", key, series.get(Resolution.DAY), Resolution.DAY,
            s -> LocalDate.ofEpochDay(Math.floorDiv(s, 86_400L)).withDayOfMonth(1).toEpochDay() * 86_400L);
      }
    }
    assertThat(blockStarts(schema, "history_minute")).hasSize(2 * 48);
    assertThat(blockStarts(schema, "history_day")).hasSize(2 * 29);

    try (PostgresHistoryStore store = store(schema)) {
      assertThat(store.series()).containsExactlyInAnyOrder(KEY, other);
      for (Map.Entry<SeriesKey, Map<Resolution, List<Rollup>>> series : kept.entrySet()) {
        for (Map.Entry<Resolution, List<Rollup>> resolution : series.getValue().entrySet()) {
          assertThat(store.read(resolution.getKey(), series.getKey(), Instant.EPOCH, FAR)).as("%s %s", series.getKey(), resolution.getKey())
              .containsExactlyElementsOf(resolution.getValue());
        }
      }
      // 2024-02-28 13:00 .. 2024-03-01 13:00: blocks from 12:00 on the 28th to 12:00 on the 1st, 9 a series
      List<Instant> minuteBlocks = new ArrayList<>();
      for (int b = 0; b < 9; b++) {
        minuteBlocks.add(Instant.parse("2024-02-28T12:00:00Z").plus(Duration.ofHours(6L * b)));
      }
      List<Instant> twice = new ArrayList<>(minuteBlocks);
      twice.addAll(minuteBlocks);
      assertThat(blockStarts(schema, "history_minute")).containsExactlyElementsOf(twice);
      assertThat(blockStarts(schema, "history_hour")).hasSize(2 * 30);
      List<Instant> years = List.of(Instant.parse("2022-01-01T00:00:00Z"), Instant.parse("2023-01-01T00:00:00Z"),
          Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
      List<Instant> yearsTwice = new ArrayList<>(years);
      yearsTwice.addAll(years);
      assertThat(blockStarts(schema, "history_day")).containsExactlyElementsOf(yearsTwice);
      try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_attribute WHERE attname = 'rollups'"
              + " AND attstorage = 'e' AND attrelid IN ('" + schema + ".history_minute'::regclass, '" + schema
              + ".history_hour'::regclass, '" + schema + ".history_day'::regclass)")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(3);
      }
      // and a write after the migration lands in the re-blocked row
      Instant newYearsEve = Instant.parse("2024-12-31T00:00:00Z");
      Rollup next = bucket(KEY, Resolution.DAY, newYearsEve, 1_000);
      assertThat(store.read(Resolution.DAY, KEY, newYearsEve, newYearsEve.plus(Duration.ofDays(1)))).doesNotContain(next).hasSize(1);
      store.write(Resolution.DAY, List.of(next));
      assertThat(blockStarts(schema, "history_day")).containsExactlyElementsOf(yearsTwice);
      assertThat(store.read(Resolution.DAY, KEY, newYearsEve, newYearsEve.plus(Duration.ofDays(1)))).containsExactly(next);
    }
    try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT max(version) FROM " + schema + ".history_schema_version")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(Migrations.HISTORY.current()).isEqualTo(2);
    }
  }

  private static void writeVersionOne(Connection connection, String schema, String table, SeriesKey key, List<Rollup> rollups,
      Resolution resolution, Function<Long, Long> blockOf) throws Exception {
    TreeMap<Long, List<Rollup>> blocks = new TreeMap<>();
    for (Rollup rollup : rollups) {
      blocks.computeIfAbsent(blockOf.apply(rollup.startSecond()), b -> new ArrayList<>()).add(rollup);
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + "." + table
        + " (server_id, location, block_start, first_start, rollups) VALUES (?, ?, to_timestamp(?), to_timestamp(?), ?)")) {
      for (Map.Entry<Long, List<Rollup>> block : blocks.entrySet()) {
        insert.setString(1, key.serverId());
        insert.setString(2, key.location());
        insert.setLong(3, block.getKey());
        insert.setLong(4, block.getValue().get(0).startSecond());
        insert.setBytes(5, RollupCodec.encode(resolution, block.getValue()));
        insert.executeUpdate();
      }
    }
  }
}
