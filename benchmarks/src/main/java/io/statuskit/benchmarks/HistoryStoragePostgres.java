package io.statuskit.benchmarks;

import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.SeriesRecorder;
import io.statuskit.history.store.InMemoryHistoryStore;
import io.statuskit.store.postgres.PostgresHistoryStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Bytes on disk in PostgreSQL for 5 years of 1-minute checks (issue 22's figure; target under
 * 1 GB for 1,000 servers × 3 locations). The same simulation as {@link HistoryStorage} (a manual
 * clock, one result a minute per series for 5 years, compacted every simulated hour with the
 * default retention) for {@code servers} × 3 series; then:
 *
 * <ol>
 *   <li>the live buckets are written to a {@link PostgresHistoryStore} on a new schema (one write
 *       per series and resolution), and {@code pg_total_relation_size} of the history tables is
 *       measured: right after, after {@code VACUUM}, and after {@code VACUUM FULL} (the floor);
 *   <li>a recorder on that store goes on for one more simulated day the way a host runs it (a
 *       flush every minute, a compaction every hour: minute blocks updated 60 times, retention
 *       deleting a block an hour), and the size is measured again before and after {@code VACUUM}
 *       (autovacuum has no time to run in a simulated day, so the first is the bloat of a day
 *       without it).
 * </ol>
 *
 * Each figure has the empty tables' size (measured first) taken off and is extrapolated per
 * series to 3,000 series, then the empty size added back; with each figure, where the bytes are
 * per table (heap, TOAST, their free-space and visibility maps, indexes, and the sum of the blobs).
 * The free-space and visibility maps are a fixed 24 + 8 KB per relation once VACUUM has made them,
 * so with few series they weigh more per series than they will with 3,000 (the default is 10
 * servers, 30 series, for that reason). The day step also reports the WAL written meanwhile (the
 * server's whole WAL: other databases' writes count too). The schema is dropped at the end.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.statuskit.benchmarks.HistoryStoragePostgres [servers] [jdbc-url]}
 */
public final class HistoryStoragePostgres {
  private HistoryStoragePostgres() {}

  public static void main(String[] args) throws Exception {
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String url = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    byte[] random = new byte[4];
    new java.security.SecureRandom().nextBytes(random);
    String schema = "statuskit_bench_" + HexFormat.of().formatHex(random);
    int n = servers * HistoryStorage.LOCATIONS.length;

    HistoryStorage.ManualClock clock = new HistoryStorage.ManualClock();
    long began = System.nanoTime();
    InMemoryHistoryStore memory = HistoryStorage.simulate(servers, clock);
    System.out.printf(Locale.ROOT, "folded %,d results (%d series × %,d minutes) in %d s%n",
        (long) n * HistoryStorage.MINUTES, n, HistoryStorage.MINUTES, (System.nanoTime() - began) / 1_000_000_000L);

    try (PostgresHistoryStore store = PostgresHistoryStore.builder().url(url).schema(schema).build();
        Connection admin = DriverManager.getConnection(url)) {
      long empty = store.bytesOnDisk();
      System.out.printf(Locale.ROOT, "empty history tables: %,d bytes%n", empty);
      Instant far = Instant.parse("2100-01-01T00:00:00Z");
      long written = System.nanoTime();
      for (Resolution resolution : Resolution.values()) {
        long buckets = 0;
        for (SeriesKey key : memory.series()) {
          List<Rollup> rollups = memory.read(resolution, key, Instant.EPOCH, far);
          store.write(resolution, rollups, memory.watermark(resolution));
          buckets += rollups.size();
        }
        System.out.printf(Locale.ROOT, "%-6s %,9d buckets in %,7d rows%n", resolution, buckets, rows(admin, schema, resolution));
      }
      System.out.printf(Locale.ROOT, "written in %.1f s%n", (System.nanoTime() - written) / 1e9);
      report("after writing", store, empty, n, admin, schema);
      vacuum(admin, schema, "VACUUM");
      report("after VACUUM", store, empty, n, admin, schema);
      vacuum(admin, schema, "VACUUM FULL");
      report("after VACUUM FULL", store, empty, n, admin, schema);

      HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
      List<SeriesRecorder> series = new ArrayList<>();
      for (SeriesKey key : memory.series()) {
        series.add(recorder.series(key.serverId(), key.location()));
      }
      Random results = new Random(23);
      long first = Math.floorDiv(clock.millis, 60_000L) * 60_000L + 60_000;
      long wal = walPosition(admin);
      long day = System.nanoTime();
      for (int m = 0; m < 24 * 60; m++) {
        clock.millis = first + m * 60_000L + 1_000;
        for (SeriesRecorder one : series) {
          HistoryStorage.fold(one, results, clock.millis);
        }
        clock.millis += 59_000;
        if (m % 60 == 59) {
          clock.millis += 3 * 60_000; // past the lateness
          recorder.compact();
        } else {
          recorder.flush();
        }
      }
      recorder.close();
      double daySeconds = (System.nanoTime() - day) / 1e9;
      long walBytes = walPosition(admin) - wal;
      System.out.printf(Locale.ROOT, "one more simulated day through the store (1,440 flushes, 24 compactions) in %.1f s;"
          + " WAL written meanwhile (all of the server's databases): %,d bytes = %,.0f bytes per series%n",
          daySeconds, walBytes, (double) walBytes / n);
      for (Resolution resolution : Resolution.values()) {
        System.out.printf(Locale.ROOT, "%-6s %,7d rows%n", resolution, rows(admin, schema, resolution));
      }
      report("after a day of flushes and compactions, no vacuum", store, empty, n, admin, schema);
      vacuum(admin, schema, "VACUUM");
      report("after VACUUM", store, empty, n, admin, schema);
    } finally {
      try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static long rows(Connection admin, String schema, Resolution resolution) throws Exception {
    try (Statement statement = admin.createStatement();
        var rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".history_" + resolution.name().toLowerCase(Locale.ROOT))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void vacuum(Connection admin, String schema, String command) throws Exception {
    try (Statement statement = admin.createStatement()) {
      for (String table : new String[] {"history_minute", "history_hour", "history_day", "history_watermark"}) {
        statement.execute(command + " " + schema + "." + table);
      }
    }
  }

  private static long walPosition(Connection admin) throws Exception {
    try (Statement statement = admin.createStatement();
        var rows = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void report(String when, PostgresHistoryStore store, long empty, int n, Connection admin, String schema)
      throws Exception {
    long bytes = store.bytesOnDisk();
    double perSeries = (double) (bytes - empty) / n;
    System.out.printf(Locale.ROOT, "%s: %,d bytes for %d series = %,.0f bytes per series above the empty tables;"
        + " 1,000 servers × 3 locations: %.1f MB%n", when, bytes, n, perSeries, (perSeries * 3000 + empty) / 1e6);
    // where the bytes are: heap (main fork), its free-space and visibility maps, TOAST with its maps,
    // the indexes (the primary key; TOAST's index), and the blobs themselves
    try (Statement statement = admin.createStatement()) {
      for (String table : new String[] {"history_minute", "history_hour", "history_day"}) {
        String name = schema + "." + table;
        try (var rows = statement.executeQuery("SELECT pg_relation_size(c.oid, 'main'),"
            + " pg_relation_size(c.oid, 'fsm') + pg_relation_size(c.oid, 'vm'),"
            + " coalesce(pg_relation_size(nullif(c.reltoastrelid, 0), 'main'), 0),"
            + " coalesce(pg_relation_size(nullif(c.reltoastrelid, 0), 'fsm') + pg_relation_size(nullif(c.reltoastrelid, 0), 'vm'), 0),"
            + " pg_indexes_size(c.oid), coalesce(pg_indexes_size(nullif(c.reltoastrelid, 0)), 0),"
            + " (SELECT coalesce(sum(octet_length(rollups)), 0) FROM " + name + ") FROM pg_class c WHERE c.oid = '" + name + "'::regclass")) {
          rows.next();
          System.out.printf(Locale.ROOT, "    %-15s heap %,10d  heap fsm+vm %,7d  toast %,10d  toast fsm+vm %,7d  pkey %,9d"
                  + "  toast index %,8d  blobs %,10d (%,.0f per series)%n", table, rows.getLong(1), rows.getLong(2), rows.getLong(3),
              rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7), (double) rows.getLong(7) / n);
        }
      }
    }
  }
}
