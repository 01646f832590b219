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
 * A history store in memory: a concurrent sorted map of buckets per series and resolution. Lost on
 * restart; for tests, for a single node that keeps no history, and as the index of {@link
 * FileHistoryStore}. Thread-safe; reads never lock.
 */
public final class InMemoryHistoryStore implements HistoryStore {
  private final Map<Resolution, ConcurrentHashMap<SeriesKey, ConcurrentSkipListMap<Long, Rollup>>> tables =
      new EnumMap<>(Resolution.class);
  private final Map<Resolution, Instant> watermarks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<SeriesKey>> byServer = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryHistoryStore() {
    for (Resolution resolution : Resolution.values()) {
      tables.put(resolution, new ConcurrentHashMap<>());
      watermarks.put(resolution, Instant.EPOCH);
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
}
