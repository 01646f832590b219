package io.statuskit.history.store;

import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.spi.HistoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A history store in memory: a concurrent sorted map of buckets per series and resolution, and
 * for hours and days also their counts (results, degraded, failed, and the same of the results
 * taken during maintenance) in one primitive array per series, indexed by bucket, which is what {@link #addCounts} (uptime) reads: a sequential walk
 * over a few longs per bucket instead of a skip list and a rollup with its histogram per bucket.
 * Lost on restart; for tests, for a single node that keeps no history, and as the index of {@link
 * FileHistoryStore}. Thread-safe; reads of buckets never lock, {@link #addCounts} holds a series'
 * counts lock while it adds (as long as one write of a bucket holds it).
 */
public final class InMemoryHistoryStore implements HistoryStore {
  private final Map<Resolution, ConcurrentHashMap<SeriesKey, ConcurrentSkipListMap<Long, Rollup>>> tables =
      new EnumMap<>(Resolution.class);
  private final Map<Resolution, Instant> watermarks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<SeriesKey>> byServer = new ConcurrentHashMap<>();
  private final Map<Resolution, ConcurrentHashMap<SeriesKey, Counts>> counts = new EnumMap<>(Resolution.class);

  /** An empty store. */
  public InMemoryHistoryStore() {
    for (Resolution resolution : Resolution.values()) {
      tables.put(resolution, new ConcurrentHashMap<>());
      watermarks.put(resolution, Instant.EPOCH);
      if (resolution != Resolution.MINUTE) {
        counts.put(resolution, new ConcurrentHashMap<>());
      }
    }
  }

  @Override
  public void write(Resolution resolution, List<Rollup> rollups, Instant compactedThrough) {
    ConcurrentHashMap<SeriesKey, ConcurrentSkipListMap<Long, Rollup>> table = table(resolution);
    for (Rollup rollup : rollups) {
      if (rollup.resolution() != resolution) {
        throw new IllegalArgumentException("rollup of " + rollup.resolution() + " written as " + resolution + ": " + rollup);
      }
      table.computeIfAbsent(rollup.series(), s -> {
        byServer.computeIfAbsent(s.serverId(), id -> ConcurrentHashMap.newKeySet()).add(s);
        return new ConcurrentSkipListMap<>();
      }).put(rollup.startSecond(), rollup);
      var columns = counts.get(resolution);
      if (columns != null) {
        columns.computeIfAbsent(rollup.series(), s -> new Counts(resolution.seconds())).put(rollup);
      }
    }
    watermarks.put(resolution, compactedThrough);
  }

  @Override
  public List<Rollup> read(Resolution resolution, SeriesKey series, Instant from, Instant to) {
    ConcurrentSkipListMap<Long, Rollup> buckets = table(resolution).get(series);
    if (buckets == null || !from.isBefore(to)) {
      return List.of();
    }
    ConcurrentNavigableMap<Long, Rollup> range = buckets.subMap(from.getEpochSecond(), true, to.getEpochSecond(), false);
    return new ArrayList<>(range.values());
  }

  @Override
  public void forEach(Resolution resolution, SeriesKey series, Instant from, Instant to, java.util.function.Consumer<Rollup> sink) {
    ConcurrentSkipListMap<Long, Rollup> buckets = table(resolution).get(series);
    if (buckets != null && from.isBefore(to)) {
      buckets.subMap(from.getEpochSecond(), true, to.getEpochSecond(), false).values().forEach(sink);
    }
  }

  @Override
  public void addCounts(Resolution resolution, SeriesKey series, long fromSecond, long toSecond, long[] totals) {
    var columns = counts.get(resolution);
    if (columns == null) {
      HistoryStore.super.addCounts(resolution, series, fromSecond, toSecond, totals);
      return;
    }
    Counts column = columns.get(series);
    if (column != null && fromSecond < toSecond && !column.add(fromSecond, toSecond, totals)) {
      HistoryStore.super.addCounts(resolution, series, fromSecond, toSecond, totals);
    }
  }

  @Override
  public Set<SeriesKey> series() {
    Set<SeriesKey> all = new HashSet<>();
    for (var table : tables.values()) {
      all.addAll(table.keySet());
    }
    return all;
  }

  @Override
  public Set<SeriesKey> series(String serverId) {
    Set<SeriesKey> mine = byServer.get(serverId);
    return mine == null ? Set.of() : Set.copyOf(mine);
  }

  @Override
  public Instant watermark(Resolution resolution) {
    return watermarks.getOrDefault(resolution, Instant.EPOCH);
  }

  @Override
  public void deleteBefore(Resolution resolution, Instant cutoff) {
    for (var buckets : table(resolution).values()) {
      buckets.headMap(cutoff.getEpochSecond(), false).clear();
    }
    var columns = counts.get(resolution);
    if (columns != null) {
      for (Counts column : columns.values()) {
        column.deleteBefore(cutoff.getEpochSecond());
      }
    }
  }

  /** Whether any bucket of this resolution starts before {@code cutoff}. */
  boolean anyBefore(Resolution resolution, Instant cutoff) {
    for (var buckets : table(resolution).values()) {
      Long first = buckets.isEmpty() ? null : buckets.firstKey();
      if (first != null && first < cutoff.getEpochSecond()) {
        return true;
      }
    }
    return false;
  }

  /** Every bucket of a resolution, for the file store's snapshot. */
  List<Rollup> all(Resolution resolution) {
    List<Rollup> all = new ArrayList<>();
    for (var buckets : table(resolution).values()) {
      all.addAll(buckets.values());
    }
    return all;
  }

  /** The number of buckets of a resolution. */
  public long size(Resolution resolution) {
    long size = 0;
    for (var buckets : table(resolution).values()) {
      size += buckets.size();
    }
    return size;
  }

  private ConcurrentHashMap<SeriesKey, ConcurrentSkipListMap<Long, Rollup>> table(Resolution resolution) {
    var table = tables.get(resolution);
    if (table == null) {
      throw new IllegalStateException("no table for " + resolution);
    }
    return table;
  }

  /**
   * The counts of one series' buckets of one resolution: {@link #STRIDE} longs (results, degraded,
   * failed, maintenance results, maintenance degraded, maintenance failed) per bucket, slot {@code
   * i} holding bucket index {@code base + i} (index = start / width). An absent bucket is zeros, which adds nothing. A series whose buckets would span more than
   * {@link #MAX_SLOTS} (buckets written years apart) gives up the array and is read from the
   * sorted map. Guarded by its own monitor.
   */
  private static final class Counts {
    static final long MAX_SLOTS = 1 << 20;
    static final int STRIDE = 6;
    private final long width;
    private boolean sparse;
    private long base;
    private long live; // the first index not deleted
    private long end; // one past the highest index written
    private long[] values = new long[0];

    Counts(long width) {
      this.width = width;
    }

    synchronized void put(Rollup rollup) {
      if (sparse) {
        return;
      }
      long index = rollup.startSecond() / width;
      if (values.length > 0 && (Math.max(end, index + 1) - Math.min(live, index) > MAX_SLOTS)) {
        sparse = true;
        values = new long[0];
        return;
      }
      if (values.length == 0) {
        base = index;
        live = index;
        end = index;
      }
      if (index < base) {
        int shift = Math.toIntExact(base - index);
        long[] grown = new long[values.length + STRIDE * shift];
        System.arraycopy(values, 0, grown, STRIDE * shift, values.length);
        values = grown;
        base = index;
      }
      if (index < live) {
        live = index;
      }
      int slot = Math.toIntExact(index - base);
      if (STRIDE * slot + STRIDE > values.length) {
        int used = Math.toIntExact(end - live);
        int first = Math.toIntExact(live - base);
        // rebase at the first live bucket, doubling the room
        long[] grown = new long[Math.max(STRIDE * (slot - first + 1), 2 * STRIDE * Math.max(used, 8))];
        System.arraycopy(values, STRIDE * first, grown, 0, STRIDE * used);
        values = grown;
        base = live;
        slot = Math.toIntExact(index - base);
      }
      int at = STRIDE * slot;
      values[at] = rollup.count();
      values[at + 1] = rollup.degraded();
      values[at + 2] = rollup.failed();
      values[at + 3] = rollup.maintenanceCount();
      values[at + 4] = rollup.maintenanceDegraded();
      values[at + 5] = rollup.maintenanceFailed();
      if (index >= end) {
        end = index + 1;
      }
    }

    /** Adds the counts of the buckets in the window to totals; false (nothing added) if this series is sparse. */
    synchronized boolean add(long fromSecond, long toSecond, long[] totals) {
      if (sparse) {
        return false;
      }
      long from = Math.max(-Math.floorDiv(-fromSecond, width), live);
      long to = Math.min(-Math.floorDiv(-toSecond, width), end);
      long count = 0;
      long degraded = 0;
      long failed = 0;
      long maintenanceCount = 0;
      long maintenanceDegraded = 0;
      long maintenanceFailed = 0;
      long[] v = values;
      for (int i = STRIDE * (int) (from - base), last = STRIDE * (int) (to - base); i < last; i += STRIDE) {
        count += v[i];
        degraded += v[i + 1];
        failed += v[i + 2];
        maintenanceCount += v[i + 3];
        maintenanceDegraded += v[i + 4];
        maintenanceFailed += v[i + 5];
      }
      totals[0] += count;
      totals[1] += degraded;
      totals[2] += failed;
      if (totals.length >= HistoryStore.TOTALS) {
        totals[3] += maintenanceCount;
        totals[4] += maintenanceDegraded;
        totals[5] += maintenanceFailed;
      }
      return true;
    }

    synchronized void deleteBefore(long cutoffSecond) {
      if (sparse || values.length == 0) {
        return;
      }
      long cutoff = Math.min(-Math.floorDiv(-cutoffSecond, width), end);
      if (cutoff <= live) {
        return;
      }
      java.util.Arrays.fill(values, STRIDE * (int) (live - base), STRIDE * (int) (cutoff - base), 0);
      live = cutoff;
    }
  }
}
