package io.statuskit.history.spi;

import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Keeps rollup buckets: one table per {@link Resolution}, keyed by (server, location, bucket
 * start), plus one watermark per resolution saying up to when its buckets are final (compacted
 * from the finer resolution). The recorder is the only writer of a store's buckets within one
 * process; implementations must be thread-safe for one writer and any number of readers, and a
 * reader must never wait for a writer longer than one short critical section.
 *
 * <p>On PostgreSQL (status-store-postgres' {@code PostgresHistoryStore}) this maps onto three
 * tables {@code history_minute}, {@code history_hour}, {@code history_day} with primary key
 * {@code (server_id, location, block_start)}, a row per series and block of buckets (an hour of
 * minutes, a day of hours, a month of days) in {@link RollupCodec}'s layout; {@link #write} is one
 * transaction with the watermark row; {@link #deleteBefore} deletes whole blocks and trims one.
 * See docs/history.md. The contract is checked by status-testkit's {@code HistoryStoreContract}.
 */
public interface HistoryStore extends AutoCloseable {
  /**
   * The length of a {@link #addCounts} totals array that also takes the maintenance counts:
   * results, degraded, failed, then the same of the results taken during maintenance.
   */
  int TOTALS = 6;

  /**
   * Stores these buckets, each replacing any bucket with the same key, and (if not null) moves the
   * resolution's watermark to {@code compactedThrough}, atomically: after a crash either all of
   * them and the watermark are there, or none.
   *
   * @param rollups all of {@code resolution}
   */
  void write(Resolution resolution, List<Rollup> rollups, Instant compactedThrough);

  /** Stores these buckets without moving the watermark. */
  default void write(Resolution resolution, List<Rollup> rollups) {
    write(resolution, rollups, watermark(resolution));
  }

  /** The buckets of one series with a start in {@code [from, to)}, by start. */
  List<Rollup> read(Resolution resolution, SeriesKey series, Instant from, Instant to);

  /**
   * Hands the buckets of one series with a start in {@code [from, to)} to {@code sink}, by start,
   * without copying them into a list (what uptime over many servers does); the default uses
   * {@link #read}.
   */
  default void forEach(Resolution resolution, SeriesKey series, Instant from, Instant to, java.util.function.Consumer<Rollup> sink) {
    read(resolution, series, from, to).forEach(sink);
  }

  /**
   * Adds up the counts of the buckets of one series with a start in {@code [fromSecond,
   * toSecond)} (epoch seconds) into {@code totals}: {@code totals[0]} results, {@code totals[1]}
   * degraded, {@code totals[2]} failed, and when {@code totals} has room for them ({@link
   * #TOTALS} longs) {@code totals[3]} results taken during maintenance, {@code totals[4]} of
   * those degraded, {@code totals[5]} of those failed ({@link Rollup#maintenanceCount()} and its
   * kin). What uptime reads: no histogram is touched, nothing is allocated by the stores that ship
   * with StatusKit. The default adds up {@link #forEach}.
   *
   * @param totals 3 longs (results, degraded, failed) or {@link #TOTALS} (and the maintenance ones)
   */
  default void addCounts(Resolution resolution, SeriesKey series, long fromSecond, long toSecond, long[] totals) {
    if (fromSecond >= toSecond) {
      return;
    }
    boolean maintenance = totals.length >= TOTALS;
    forEach(resolution, series, Instant.ofEpochSecond(fromSecond), Instant.ofEpochSecond(toSecond), rollup -> {
      totals[0] += rollup.count();
      totals[1] += rollup.degraded();
      totals[2] += rollup.failed();
      if (maintenance) {
        totals[3] += rollup.maintenanceCount();
        totals[4] += rollup.maintenanceDegraded();
        totals[5] += rollup.maintenanceFailed();
      }
    });
  }

  /** Every series that has a bucket of any resolution. */
  Set<SeriesKey> series();

  /**
   * The series of one server (its locations); the default filters {@link #series()}, which an
   * implementation with an index should answer faster.
   */
  default Set<SeriesKey> series(String serverId) {
    Set<SeriesKey> mine = new java.util.HashSet<>();
    for (SeriesKey key : series()) {
      if (key.serverId().equals(serverId)) {
        mine.add(key);
      }
    }
    return mine;
  }

  /**
   * The instant before which this resolution's buckets are final: for hours and days, the end of
   * the last bucket compacted from the finer resolution; {@link Instant#EPOCH} if none yet.
   */
  Instant watermark(Resolution resolution);

  /** Removes the buckets of this resolution that start before {@code cutoff} (retention). */
  void deleteBefore(Resolution resolution, Instant cutoff);

  /** Releases files or connections; the default does nothing. */
  @Override
  default void close() {}
}
