package io.statuskit.store.postgres.internal;

import io.statuskit.core.spi.StoreException;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.spi.RollupCodec;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The history tables of one schema: {@code history_minute}, {@code history_hour}, {@code
 * history_day}, one row per series and block (six hours of minute buckets from 00, 06, 12 or 18
 * UTC, a UTC day of hour buckets, a UTC year of day buckets) holding the block's buckets as one
 * {@link RollupCodec} blob, and {@code history_watermark}. A row per bucket would be about 150
 * bytes with its index entry, 3 GB for 1,000 servers × 3 locations; a row per block is what keeps
 * it under 1 GB (docs/benchmarks.md).
 *
 * <p>The block sizes follow how often a block is rewritten. The open minute block is rewritten on
 * every flush (once a minute) and the open hour block on every compaction (once an hour): they
 * stay small (about 600 bytes) so that they stay in the row, where PostgreSQL updates them in their
 * page (HOT) and reclaims the old versions without VACUUM. Day blocks are rewritten once a day (and
 * the oldest once a day by retention): a year of days, about 22 KB, goes to TOAST in 2 KB chunks
 * packed four to a page, and DEFLATEs better than a month (146 KB a series in months, 132 KB in
 * years). The column is {@code STORAGE EXTERNAL}: the blobs are DEFLATE'd already, so PostgreSQL
 * does not try to compress them again.
 *
 * <p>Writes run on one connection at a time (the caller's lock), each in one transaction: new
 * blocks inserted whole in key order ({@code ON CONFLICT DO NOTHING}), then the blocks that exist
 * locked in key order ({@code FOR UPDATE}) and read, merged in Java, written back, the watermark
 * moved. Two stores writing the same block wait for each other instead of losing a bucket; if they
 * deadlock, PostgreSQL fails one and it runs again. Reads use {@link Readers}. A write whose
 * connection broke is tried again on a new connection (twice, after 0.2 and 1 s): it replaces
 * buckets by key, so doing it twice changes nothing. Thread-safe.
 */
public final class HistoryTables implements AutoCloseable {
  private static final int ATTEMPTS = 3;

  private final Connections connections;
  private final Readers readers;
  private final String schema;
  private final Object writeLock = new Object();
  private @Nullable Connection writer; // guarded by writeLock

  /** The history tables of {@code sql}'s schema. */
  public HistoryTables(Connections connections, Sql sql) {
    this.connections = connections;
    this.readers = new Readers(connections, sql);
    this.schema = sql.schema;
  }

  private String table(Resolution resolution) {
    return schema + ".history_" + resolution.name().toLowerCase(Locale.ROOT);
  }

  private static String name(Resolution resolution) {
    return resolution.name().toLowerCase(Locale.ROOT);
  }

  /** Minute blocks: a quarter of a UTC day (00:00, 06:00, 12:00, 18:00). */
  static final long MINUTE_BLOCK_SECONDS = 6 * 3_600;

  /** The start (epoch second) of the block holding this bucket start. */
  static long blockStart(Resolution resolution, long second) {
    return switch (resolution) {
      case MINUTE -> Math.floorDiv(second, MINUTE_BLOCK_SECONDS) * MINUTE_BLOCK_SECONDS;
      case HOUR -> Resolution.DAY.floor(second);
      case DAY -> LocalDate.ofEpochDay(Math.floorDiv(second, 86_400L)).withDayOfYear(1).toEpochDay() * 86_400L;
    };
  }

  /** The end (epoch second, exclusive) of the block starting at {@code blockStart}. */
  static long blockEnd(Resolution resolution, long blockStart) {
    return switch (resolution) {
      case MINUTE -> blockStart + MINUTE_BLOCK_SECONDS;
      case HOUR -> blockStart + 86_400;
      case DAY -> LocalDate.ofEpochDay(Math.floorDiv(blockStart, 86_400L)).plusYears(1).toEpochDay() * 86_400L;
    };
  }

  private record Block(String serverId, String location, long start) {}

  private record Trim(Block block, List<Rollup> kept) {}

  private static final Comparator<Block> ORDER =
      Comparator.comparing(Block::serverId).thenComparing(Block::location).thenComparingLong(Block::start);

  /** Upserts these buckets by key and moves the watermark, in one transaction. */
  public void write(Resolution resolution, List<Rollup> rollups, @Nullable Instant watermark) {
    for (Rollup rollup : rollups) {
      if (rollup.resolution() != resolution) {
        throw new IllegalArgumentException("rollup of " + rollup.resolution() + " written as " + resolution + ": " + rollup);
      }
    }
    TreeMap<Block, List<Rollup>> blocks = new TreeMap<>(ORDER);
    for (Rollup rollup : rollups) {
      SeriesKey series = rollup.series();
      blocks.computeIfAbsent(new Block(series.serverId(), series.location(), blockStart(resolution, rollup.startSecond())),
          b -> new ArrayList<>()).add(rollup);
    }
    inTransaction("cannot write " + rollups.size() + " " + name(resolution) + " buckets", connection -> {
      String table = table(resolution);
      // New blocks are inserted whole (no placeholder row that would leave a dead version behind),
      // in key order; a block that exists (the insert finds the conflict, waiting for a writer that
      // is inserting it) is then locked in key order, merged in Java and written back.
      TreeMap<Block, List<Rollup>> existing = new TreeMap<>(ORDER);
      if (!blocks.isEmpty()) {
        List<Map.Entry<Block, List<Rollup>>> tried = new ArrayList<>(blocks.entrySet());
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO " + table + " (server_id, location, block_start, first_start, rollups)"
                + " VALUES (?, ?, to_timestamp(?), to_timestamp(?), ?)"
                + " ON CONFLICT (server_id, location, block_start) DO NOTHING")) {
          for (Map.Entry<Block, List<Rollup>> entry : tried) {
            Block block = entry.getKey();
            List<Rollup> sorted = sorted(entry.getValue());
            insert.setString(1, block.serverId());
            insert.setString(2, block.location());
            insert.setLong(3, block.start());
            insert.setLong(4, sorted.get(0).startSecond());
            insert.setBytes(5, RollupCodec.encode(resolution, sorted));
            insert.addBatch();
          }
          int[] counts = insert.executeBatch();
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1) { // 0: it exists; SUCCESS_NO_INFO (reWriteBatchedInserts): look
              existing.put(tried.get(i).getKey(), tried.get(i).getValue());
            }
          }
        }
      }
      if (!existing.isEmpty()) {
        Map<Block, List<Rollup>> found = lock(connection, resolution, existing.keySet());
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE " + table + " SET first_start = to_timestamp(?), rollups = ?"
                + " WHERE server_id = ? AND location = ? AND block_start = to_timestamp(?)")) {
          for (Map.Entry<Block, List<Rollup>> entry : existing.entrySet()) {
            Block block = entry.getKey();
            TreeMap<Long, Rollup> merged = new TreeMap<>();
            for (Rollup rollup : found.getOrDefault(block, List.of())) {
              merged.put(rollup.startSecond(), rollup);
            }
            for (Rollup rollup : entry.getValue()) {
              merged.put(rollup.startSecond(), rollup);
            }
            update.setLong(1, merged.firstKey());
            update.setBytes(2, RollupCodec.encode(resolution, new ArrayList<>(merged.values())));
            update.setString(3, block.serverId());
            update.setString(4, block.location());
            update.setLong(5, block.start());
            update.addBatch();
          }
          update.executeBatch();
        }
      }
      if (watermark != null) {
        try (PreparedStatement move = connection.prepareStatement(
            "UPDATE " + schema + ".history_watermark SET compacted_through = to_timestamp(?) WHERE resolution = ?")) {
          move.setLong(1, watermark.getEpochSecond());
          move.setString(2, name(resolution));
          move.executeUpdate();
        }
      }
      return Boolean.TRUE;
    });
  }

  /**
   * Brings every history table of {@code schema} to this layout's blocks (history schema version
   * 2): the rows of each series that fall into one block of this layout (an hour-of-minutes row of
   * version 1 into its six-hour block, a month-of-days row into its year) are decoded, merged and
   * written back as one row. Rows already in this layout are left alone. Runs in the caller's
   * transaction.
   *
   * @throws SQLException if the database refuses
   * @throws StoreException if a row does not decode
   */
  static void reblock(Connection connection, String schema) throws SQLException {
    for (Resolution resolution : Resolution.values()) {
      String table = schema + ".history_" + name(resolution);
      // one pass in key order through a cursor (so the table is never in memory), the changes sent
      // in batches: a statement a row would take minutes for 3,000 series
      try (Statement scan = connection.createStatement();
          PreparedStatement delete = connection.prepareStatement(
              "DELETE FROM " + table + " WHERE server_id = ? AND location = ? AND block_start = to_timestamp(?)");
          PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO " + table + " (server_id, location, block_start, first_start, rollups)"
                  + " VALUES (?, ?, to_timestamp(?), to_timestamp(?), ?)")) {
        scan.setFetchSize(1_000);
        try (ResultSet rows = scan.executeQuery("SELECT server_id, location, extract(epoch FROM block_start)::bigint, rollups FROM "
            + table + " ORDER BY server_id, location, block_start")) {
          @Nullable Block group = null;
          List<Long> starts = new ArrayList<>();
          List<byte[]> blobs = new ArrayList<>();
          int pending = 0;
          while (true) {
            boolean more = rows.next();
            @Nullable Block block = more ? new Block(rows.getString(1), rows.getString(2), blockStart(resolution, rows.getLong(3))) : null;
            if (group != null && (block == null || ORDER.compare(block, group) != 0)) {
              if (starts.size() > 1 || starts.get(0) != group.start()) {
                TreeMap<Long, Rollup> merged = new TreeMap<>();
                for (int i = 0; i < blobs.size(); i++) {
                  for (Rollup rollup : decodeOld(resolution, group, starts.get(i), blobs.get(i))) {
                    merged.put(rollup.startSecond(), rollup);
                  }
                }
                for (long start : starts) {
                  delete.setString(1, group.serverId());
                  delete.setString(2, group.location());
                  delete.setLong(3, start);
                  delete.addBatch();
                }
                if (!merged.isEmpty()) {
                  insert.setString(1, group.serverId());
                  insert.setString(2, group.location());
                  insert.setLong(3, group.start());
                  insert.setLong(4, merged.firstKey());
                  insert.setBytes(5, RollupCodec.encode(resolution, new ArrayList<>(merged.values())));
                  insert.addBatch();
                }
                if (++pending == 500) {
                  delete.executeBatch();
                  insert.executeBatch();
                  pending = 0;
                }
              }
              starts.clear();
              blobs.clear();
            }
            if (block == null) {
              break;
            }
            group = block;
            starts.add(rows.getLong(3));
            blobs.add(rows.getBytes(4));
          }
          delete.executeBatch();
          insert.executeBatch();
        }
      }
    }
  }

  private static List<Rollup> decodeOld(Resolution resolution, Block block, long start, byte[] blob) {
    if (blob.length == 0) {
      return List.of();
    }
    try {
      return RollupCodec.decode(SeriesKey.of(block.serverId(), block.location()), resolution, blob);
    } catch (IllegalArgumentException e) {
      throw new StoreException("cannot re-block the " + name(resolution) + " buckets of " + block.serverId() + "@"
          + block.location() + ": the row from " + Instant.ofEpochSecond(start) + " does not decode: " + e.getMessage(), e);
    }
  }

  /** These buckets by start, the last of equal starts kept. */
  private static List<Rollup> sorted(List<Rollup> rollups) {
    TreeMap<Long, Rollup> byStart = new TreeMap<>();
    for (Rollup rollup : rollups) {
      byStart.put(rollup.startSecond(), rollup);
    }
    return new ArrayList<>(byStart.values());
  }

  /** Locks ({@code FOR UPDATE}, in key order) and decodes the rows of these blocks that exist. */
  private Map<Block, List<Rollup>> lock(Connection connection, Resolution resolution, Set<Block> blocks) throws SQLException {
    Array servers = connection.createArrayOf("text", blocks.stream().map(Block::serverId).toArray(String[]::new));
    Array locations = connection.createArrayOf("text", blocks.stream().map(Block::location).toArray(String[]::new));
    Array starts = connection.createArrayOf("bigint", blocks.stream().map(Block::start).toArray(Long[]::new));
    Map<Block, List<Rollup>> existing = new TreeMap<>(ORDER);
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT t.server_id, t.location, extract(epoch FROM t.block_start)::bigint, t.rollups FROM " + table(resolution) + " t"
            + " JOIN unnest(?::text[], ?::text[], ?::bigint[]) AS u(s, l, b)"
            + " ON t.server_id = u.s AND t.location = u.l AND t.block_start = to_timestamp(u.b)"
            + " ORDER BY t.server_id, t.location, t.block_start FOR UPDATE OF t")) {
      select.setArray(1, servers);
      select.setArray(2, locations);
      select.setArray(3, starts);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          Block block = new Block(rows.getString(1), rows.getString(2), rows.getLong(3));
          existing.put(block, decode(resolution, block, rows.getBytes(4)));
        }
      }
    }
    return existing;
  }

  /** Deletes the buckets that start before {@code cutoff}: whole blocks, and the older buckets of the block it falls in. */
  public void deleteBefore(Resolution resolution, Instant cutoff) {
    long cut = cutoff.getEpochSecond() + (cutoff.getNano() > 0 ? 1 : 0);
    long boundary = blockStart(resolution, cut);
    inTransaction("cannot delete the " + name(resolution) + " buckets before " + cutoff, connection -> {
      String table = table(resolution);
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE block_start < to_timestamp(?)")) {
        delete.setLong(1, boundary);
        delete.executeUpdate();
      }
      if (cut > boundary) {
        List<Trim> trimmed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT server_id, location, rollups FROM " + table
                + " WHERE block_start = to_timestamp(?) AND first_start < to_timestamp(?)"
                + " ORDER BY server_id, location FOR UPDATE")) {
          select.setLong(1, boundary);
          select.setLong(2, cut);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              Block block = new Block(rows.getString(1), rows.getString(2), boundary);
              List<Rollup> kept = new ArrayList<>();
              for (Rollup rollup : decode(resolution, block, rows.getBytes(3))) {
                if (rollup.startSecond() >= cut) {
                  kept.add(rollup);
                }
              }
              trimmed.add(new Trim(block, kept));
            }
          }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET first_start = to_timestamp(?), rollups = ?"
                    + " WHERE server_id = ? AND location = ? AND block_start = to_timestamp(?)");
            PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE server_id = ? AND location = ? AND block_start = to_timestamp(?)")) {
          for (Trim trim : trimmed) {
            Block block = trim.block();
            List<Rollup> kept = trim.kept();
            if (kept.isEmpty()) {
              delete.setString(1, block.serverId());
              delete.setString(2, block.location());
              delete.setLong(3, block.start());
              delete.addBatch();
            } else {
              update.setLong(1, kept.get(0).startSecond());
              update.setBytes(2, RollupCodec.encode(resolution, kept));
              update.setString(3, block.serverId());
              update.setString(4, block.location());
              update.setLong(5, block.start());
              update.addBatch();
            }
          }
          update.executeBatch();
          delete.executeBatch();
        }
      }
      return Boolean.TRUE;
    });
  }

  /** The buckets of one series with a start in {@code [from, to)}, by start, handed to {@code sink}. */
  public void forEach(Resolution resolution, SeriesKey series, Instant from, Instant to, Consumer<Rollup> sink) {
    if (!from.isBefore(to)) {
      return;
    }
    long fromSecond = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
    long toSecond = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
    List<Rollup> found = readers.read("cannot read the " + name(resolution) + " buckets of " + series.serverId() + "@" + series.location(),
        connection -> {
          List<Rollup> rollups = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(
              "SELECT extract(epoch FROM block_start)::bigint, rollups FROM " + table(resolution)
                  + " WHERE server_id = ? AND location = ? AND block_start >= to_timestamp(?) AND block_start < to_timestamp(?)"
                  + " ORDER BY block_start")) {
            select.setString(1, series.serverId());
            select.setString(2, series.location());
            select.setLong(3, blockStart(resolution, fromSecond));
            select.setLong(4, toSecond);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Block block = new Block(series.serverId(), series.location(), rows.getLong(1));
                for (Rollup rollup : decode(resolution, block, rows.getBytes(2))) {
                  if (rollup.startSecond() >= fromSecond && rollup.startSecond() < toSecond) {
                    rollups.add(rollup);
                  }
                }
              }
            }
          }
          return rollups;
        });
    found.forEach(sink);
  }

  /** The series with a bucket of any resolution; of one server if {@code serverId} is not null. */
  public Set<SeriesKey> series(@Nullable String serverId) {
    return readers.read("cannot list the history's series", connection -> {
      StringBuilder query = new StringBuilder();
      for (Resolution resolution : Resolution.values()) {
        if (query.length() > 0) {
          query.append(" UNION ");
        }
        query.append("SELECT server_id, location FROM ").append(table(resolution));
        if (serverId != null) {
          query.append(" WHERE server_id = ?");
        }
      }
      Set<SeriesKey> series = new HashSet<>();
      try (PreparedStatement select = connection.prepareStatement(query.toString())) {
        if (serverId != null) {
          for (int i = 1; i <= Resolution.values().length; i++) {
            select.setString(i, serverId);
          }
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            series.add(SeriesKey.of(rows.getString(1), rows.getString(2)));
          }
        }
      }
      return series;
    });
  }

  /** The resolution's watermark. */
  public Instant watermark(Resolution resolution) {
    return readers.read("cannot read the " + name(resolution) + " watermark", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT extract(epoch FROM compacted_through)::bigint FROM " + schema + ".history_watermark WHERE resolution = ?")) {
        select.setString(1, name(resolution));
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            throw new StoreException("PostgreSQL store (" + connections.target() + "): history_watermark has no row for "
                + name(resolution) + "; was it changed by hand?");
          }
          return Instant.ofEpochSecond(rows.getLong(1));
        }
      }
    });
  }

  /** The bytes of the history tables with their indexes and TOAST ({@code pg_total_relation_size}). */
  public long bytesOnDisk() {
    return readers.read("cannot measure the history tables", connection -> {
      long bytes = 0;
      for (String table : new String[] {table(Resolution.MINUTE), table(Resolution.HOUR), table(Resolution.DAY), schema + ".history_watermark"}) {
        try (PreparedStatement select = connection.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
          select.setString(1, table);
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
            bytes += rows.getLong(1);
          }
        }
      }
      return bytes;
    });
  }

  private List<Rollup> decode(Resolution resolution, Block block, byte[] blob) {
    if (blob.length == 0) {
      return List.of();
    }
    try {
      return RollupCodec.decode(SeriesKey.of(block.serverId(), block.location()), resolution, blob);
    } catch (IllegalArgumentException e) {
      throw new StoreException("PostgreSQL store (" + connections.target() + "): the " + name(resolution) + " block of "
          + block.serverId() + "@" + block.location() + " from " + Instant.ofEpochSecond(block.start()) + " does not decode: "
          + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(String what, Readers.Read<T> work) {
    synchronized (writeLock) {
      for (int attempt = 1; ; attempt++) {
        Connection connection = null;
        try {
          connection = writer();
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException e) {
          boolean deadlock = Errors.isDeadlock(e);
          boolean lost = !deadlock && Errors.connectionLost(e, connection);
          Connections.rollbackQuietly(connection);
          if (lost) {
            Connections.closeQuietly(connection);
            writer = null;
          }
          if (deadlock && attempt < ATTEMPTS) {
            continue; // two writers locked the same blocks in different orders; the work is idempotent
          }
          if (!lost || attempt == ATTEMPTS) {
            throw new StoreException("PostgreSQL store (" + connections.target() + "): " + what + ": " + Errors.describe(e)
                + (lost ? "; the store reconnects by itself once the database answers" : ""), e);
          }
          sleep(attempt == 1 ? Duration.ofMillis(200) : Duration.ofSeconds(1));
        } catch (RuntimeException e) {
          Connections.rollbackQuietly(connection);
          throw e;
        }
      }
    }
  }

  private Connection writer() throws SQLException {
    Connection connection = writer;
    if (connection == null) {
      connection = connections.open("history");
      try {
        connection.setAutoCommit(false);
      } catch (SQLException e) {
        Connections.closeQuietly(connection);
        throw e;
      }
      writer = connection;
    }
    return connection;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting to reconnect to PostgreSQL", e);
    }
  }

  /** Closes the connections. */
  @Override
  public void close() {
    synchronized (writeLock) {
      Connections.closeQuietly(writer);
      writer = null;
    }
    readers.close();
  }
}
