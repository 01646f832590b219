package io.statuskit.history;

import static java.util.Objects.requireNonNull;

import io.statuskit.history.spi.HistoryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds probe results into per-server, per-location minute buckets, flushes sealed minutes to a
 * {@link HistoryStore}, compacts minutes into hours and hours into days once they are over, and
 * drops buckets at the end of their retention. Readers ({@link #read}, {@link #summarize}) get
 * the store's buckets plus the ones not yet flushed. Thread-safe: folding takes only its series'
 * lock; {@link #flush} and {@link #compact} run on one thread at a time (the scheduler's, if one
 * is given) and hold a series' lock only to take its sealed buckets, so neither writers nor
 * readers wait for compaction.
 *
 * <pre>{@code
 * HistoryRecorder history = HistoryRecorder.builder(FileHistoryStore.open(dir))
 *     .clock(clock).scheduler(scheduler).build();
 * SeriesRecorder nc027 = history.series("NC027", "ams");
 * nc027.record(clock.millis(), Outcome.UP, null, 18_250);
 * }</pre>
 */
public final class HistoryRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorder.class);

  private final HistoryStore store;
  private final Clock clock;
  private final HistorySettings settings;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, SeriesRecorder>> series = new ConcurrentHashMap<>();
  private final AtomicLong lateDrops = new AtomicLong();
  private final AtomicLong lostResults = new AtomicLong();
  private final Object maintenance = new Object();
  private final @Nullable ScheduledFuture<?> task;
  private volatile long finalBeforeSecond;
  private volatile boolean closed;

  private HistoryRecorder(Builder builder) {
    this.store = builder.store;
    this.clock = builder.clock;
    this.settings = builder.settings;
    this.finalBeforeSecond = store.watermark(Resolution.HOUR).getEpochSecond();
    ScheduledExecutorService scheduler = builder.scheduler;
    long every = settings.compactEvery().toMillis();
    this.task = scheduler == null ? null : scheduler.scheduleWithFixedDelay(this::compactQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** A builder writing to this store. */
  public static Builder builder(HistoryStore store) {
    return new Builder(store);
  }

  /** The store. */
  public HistoryStore store() {
    return store;
  }

  /** The settings. */
  public HistorySettings settings() {
    return settings;
  }

  /** The recorder of one series, created on first use; keep it to fold results without a lookup. */
  public SeriesRecorder series(String serverId, String location) {
    ConcurrentHashMap<String, SeriesRecorder> byLocation = series.get(serverId);
    if (byLocation == null) {
      byLocation = series.computeIfAbsent(serverId, id -> new ConcurrentHashMap<>());
    }
    SeriesRecorder recorder = byLocation.get(location);
    if (recorder == null) {
      recorder = byLocation.computeIfAbsent(location, l -> new SeriesRecorder(SeriesKey.of(serverId, l), this));
    }
    return recorder;
  }

  /**
   * Folds in one result; see {@link SeriesRecorder#record}. Does not allocate once the series
   * exists and while the result falls in its open minute.
   */
  public void record(String serverId, String location, long epochMilli, Outcome outcome, @Nullable FailureKind failure, long latencyMicros) {
    series(serverId, location).record(epochMilli, outcome, failure, latencyMicros);
  }

  /**
   * Folds in one result, saying whether the server was under maintenance when it was taken; see
   * {@link SeriesRecorder#record(long, Outcome, FailureKind, long, boolean)}.
   */
  public void record(
      String serverId, String location, long epochMilli, Outcome outcome, @Nullable FailureKind failure, long latencyMicros, boolean maintenance) {
    series(serverId, location).record(epochMilli, outcome, failure, latencyMicros, maintenance);
  }

  /** Results dropped because they arrived after their minute had been compacted. */
  public long lateDrops() {
    return lateDrops.get();
  }

  long finalBeforeSecond() {
    return finalBeforeSecond;
  }

  void countLateDrop() {
    lateDrops.incrementAndGet();
  }

  /** Writes every sealed minute bucket (and the open one, if its minute is over) to the store. */
  public void flush() {
    synchronized (maintenance) {
      checkOpen();
      flush(clock.instant().getEpochSecond());
    }
  }

  /**
   * Drains every series and writes what it took in one write. If the write (or the read of a
   * stored minute a late result is merged into) fails, every bucket taken goes back into its
   * series, so the next flush writes it; past {@link HistorySettings#maxUnwrittenMinutes()} per
   * series the oldest are dropped, counted and logged. Then the failure is thrown on.
   */
  private void flush(long now) {
    Map<SeriesRecorder, List<Rollup>> taken = new LinkedHashMap<>();
    List<Rollup> out = new ArrayList<>();
    try {
      for (var byLocation : series.values()) {
        for (SeriesRecorder recorder : byLocation.values()) {
          SeriesRecorder.Drained drained = recorder.drain(now);
          List<Rollup> buckets;
          try {
            buckets = merged(recorder, drained);
          } catch (RuntimeException e) {
            countLost(recorder.restore(drained, settings.maxUnwrittenMinutes()));
            throw e;
          }
          if (!buckets.isEmpty()) {
            taken.put(recorder, buckets);
            out.addAll(buckets);
          }
        }
      }
      if (!out.isEmpty()) {
        store.write(Resolution.MINUTE, out);
      }
    } catch (RuntimeException e) {
      long lost = 0;
      for (Map.Entry<SeriesRecorder, List<Rollup>> entry : taken.entrySet()) {
        lost += entry.getKey().putBack(entry.getValue(), settings.maxUnwrittenMinutes());
      }
      countLost(lost);
      LOG.warn("history: flushing failed ({}); {} minute buckets of {} series are kept for the next flush",
          e.toString(), out.size(), taken.size());
      throw e;
    }
  }

  /** The buckets of one series to write: the whole ones as they are, late results merged into their minute. */
  private List<Rollup> merged(SeriesRecorder recorder, SeriesRecorder.Drained drained) {
    if (drained.late().isEmpty()) {
      return drained.sealed();
    }
    Map<Long, Rollup> merged = new TreeMap<>();
    for (Rollup rollup : drained.sealed()) {
      merged.merge(rollup.startSecond(), rollup, Rollup::plus);
    }
    for (Rollup rollup : drained.late()) {
      Rollup existing = merged.get(rollup.startSecond());
      if (existing == null) {
        List<Rollup> stored = store.read(Resolution.MINUTE, recorder.key(), rollup.start(), rollup.end());
        existing = stored.isEmpty() ? null : stored.get(0);
      }
      merged.put(rollup.startSecond(), existing == null ? rollup : existing.plus(rollup));
    }
    return new ArrayList<>(merged.values());
  }

  private void countLost(long results) {
    if (results > 0) {
      long total = lostResults.addAndGet(results);
      LOG.error("history: dropped {} results of minutes the store could not write (more than {} unwritten minutes in a series); {} lost so far",
          results, settings.maxUnwrittenMinutes(), total);
    }
  }

  /**
   * Results lost because the store failed to write their minutes for longer than {@link
   * HistorySettings#maxUnwrittenMinutes()} allows (the oldest minutes of a series go first).
   */
  public long lostResults() {
    return lostResults.get();
  }

  /** Minute buckets the store failed to write, kept for the next flush. */
  public long unwrittenMinutes() {
    long n = 0;
    for (var byLocation : series.values()) {
      for (SeriesRecorder recorder : byLocation.values()) {
        n += recorder.unwrittenCount();
      }
    }
    return n;
  }

  /** The start of the earliest minute of any series the store failed to write, or {@link Long#MAX_VALUE}. */
  private long earliestUnwritten() {
    long earliest = Long.MAX_VALUE;
    for (var byLocation : series.values()) {
      for (SeriesRecorder recorder : byLocation.values()) {
        earliest = Math.min(earliest, recorder.earliestUnwritten());
      }
    }
    return earliest;
  }

  /**
   * Compacts every minute bucket of hours that are over (and past the lateness) into hour buckets,
   * every hour bucket of days that are over into day buckets, and drops buckets past their
   * retention. First it marks those hours final (a result for them arriving from then on is
   * dropped and counted in {@link #lateDrops()}), then flushes, so every result for them is in the
   * store before they are added up. The background task calls this; a host without a scheduler
   * calls it.
   */
  public void compact() {
    synchronized (maintenance) {
      checkOpen();
      long now = clock.instant().getEpochSecond();
      long settled = now - settings.lateness().getSeconds();
      long hoursThrough = Math.max(Resolution.HOUR.floor(settled), store.watermark(Resolution.HOUR).getEpochSecond());
      if (hoursThrough > finalBeforeSecond) {
        finalBeforeSecond = hoursThrough;
      }
      flush(now);
      // A flush that fails throws before this; should a minute still be unwritten, no hour from its
      // on is added up (it would be sealed without it).
      hoursThrough = Math.min(hoursThrough, Math.max(Resolution.HOUR.floor(earliestUnwritten()), store.watermark(Resolution.HOUR).getEpochSecond()));
      compactInto(Resolution.HOUR, hoursThrough);
      compactInto(Resolution.DAY, Math.min(Resolution.DAY.floor(settled), Resolution.DAY.floor(store.watermark(Resolution.HOUR).getEpochSecond())));
      long minuteCutoff = Math.min(now - settings.retention(Resolution.MINUTE).getSeconds(), store.watermark(Resolution.HOUR).getEpochSecond());
      long hourCutoff = Math.min(now - settings.retention(Resolution.HOUR).getSeconds(), store.watermark(Resolution.DAY).getEpochSecond());
      store.deleteBefore(Resolution.MINUTE, Instant.ofEpochSecond(minuteCutoff));
      store.deleteBefore(Resolution.HOUR, Instant.ofEpochSecond(hourCutoff));
      store.deleteBefore(Resolution.DAY, Instant.ofEpochSecond(now - settings.retention(Resolution.DAY).getSeconds()));
    }
  }

  private void compactInto(Resolution coarse, long through) {
    Instant watermark = store.watermark(coarse);
    if (through <= watermark.getEpochSecond()) {
      return;
    }
    Resolution fine = coarse == Resolution.HOUR ? Resolution.MINUTE : Resolution.HOUR;
    Instant to = Instant.ofEpochSecond(through);
    List<Rollup> out = new ArrayList<>();
    for (SeriesKey key : store.series()) {
      Map<Long, Rollup> buckets = new HashMap<>();
      for (Rollup rollup : store.read(fine, key, watermark, to)) {
        long start = coarse.floor(rollup.startSecond());
        Rollup sum = buckets.get(start);
        buckets.put(start, sum == null ? rollup.as(coarse, start) : sum.plus(rollup, coarse, start));
      }
      out.addAll(buckets.values());
    }
    store.write(coarse, out, to);
  }

  private void compactQuietly() {
    try {
      if (!closed) {
        compact();
      }
    } catch (RuntimeException e) {
      LOG.warn("history: background compaction failed; it will be retried", e);
    }
  }

  /**
   * The buckets of one series with a start in {@code [from, to)}: the store's, and for minutes
   * also the ones not yet flushed and the open one.
   */
  public List<Rollup> read(SeriesKey key, Resolution resolution, Instant from, Instant to) {
    List<Rollup> stored = store.read(resolution, key, from, to);
    if (resolution != Resolution.MINUTE) {
      return stored;
    }
    SeriesRecorder recorder = existing(key);
    if (recorder == null) {
      return stored;
    }
    TreeMap<Long, Rollup> merged = new TreeMap<>();
    for (Rollup rollup : stored) {
      merged.put(rollup.startSecond(), rollup);
    }
    SeriesRecorder.Pending pending = recorder.pending();
    for (Rollup rollup : pending.replacing()) {
      if (rollup.startSecond() >= from.getEpochSecond() && rollup.startSecond() < to.getEpochSecond()) {
        merged.put(rollup.startSecond(), rollup);
      }
    }
    List<Rollup> unflushed = pending.adding();
    Rollup open = recorder.open();
    if (open != null) {
      unflushed.add(open);
    }
    for (Rollup rollup : unflushed) {
      if (rollup.startSecond() >= from.getEpochSecond() && rollup.startSecond() < to.getEpochSecond()) {
        merged.merge(rollup.startSecond(), rollup, Rollup::plus);
      }
    }
    return new ArrayList<>(merged.values());
  }

  /**
   * The results of one series over {@code [from, to)}, added up from the coarsest buckets that
   * fit inside the window: days where days are compacted, hours beside them, minutes at the
   * edges. A window edge that is not on a minute is rounded up to the next minute; where minutes
   * are past their retention, the partial hour at an edge is left out.
   */
  public HistorySummary summarize(SeriesKey key, Instant from, Instant to) {
    return summarize(key, from, to, true);
  }

  /**
   * As {@link #summarize(SeriesKey, Instant, Instant)}; without latency ({@code latency} false,
   * the summary's histogram is empty) it only adds counts, which is what uptime needs.
   */
  public HistorySummary summarize(SeriesKey key, Instant from, Instant to, boolean latency) {
    long[] totals = new long[3];
    if (!latency) {
      addCounts(key, from.getEpochSecond(), to.getEpochSecond(), totals);
      return new HistorySummary(key, from, to, totals[0], totals[1], totals[2], LatencyHistogram.empty());
    }
    long[] dense = latency ? new long[LatencyHistogram.BUCKETS] : new long[0];
    cover(key, Resolution.DAY, Resolution.MINUTE.ceil(from.getEpochSecond()), Resolution.MINUTE.ceil(to.getEpochSecond()), rollup -> {
      totals[0] += rollup.count();
      totals[1] += rollup.degraded();
      totals[2] += rollup.failed();
      if (latency) {
        LatencyHistogram h = rollup.latency();
        for (int i = 0; i < h.bucketCount(); i++) {
          dense[h.bucketIndex(i)] += h.bucketValueCount(i);
        }
      }
    });
    return new HistorySummary(key, from, to, totals[0], totals[1], totals[2],
        latency ? LatencyHistogram.fromDense(dense) : LatencyHistogram.empty());
  }

  /**
   * Adds the counts of one series over {@code [fromSecond, toSecond)} into {@code totals}
   * (results, degraded, failed, and with room for them the maintenance ones, as {@link
   * HistoryStore#addCounts}), from the same buckets as {@link #summarize}, without reading a
   * histogram: days and hours from the store's {@link HistoryStore#addCounts}, minutes at the
   * edges as {@link #read} gives them.
   */
  void addCounts(SeriesKey key, long fromSecond, long toSecond, long[] totals) {
    coverCounts(key, Resolution.DAY, Resolution.MINUTE.ceil(fromSecond), Resolution.MINUTE.ceil(toSecond), totals);
  }

  private void coverCounts(SeriesKey key, Resolution resolution, long from, long to, long[] totals) {
    if (from >= to) {
      return;
    }
    if (resolution == Resolution.MINUTE) {
      boolean maintenance = totals.length >= HistoryStore.TOTALS;
      for (Rollup rollup : read(key, Resolution.MINUTE, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to))) {
        totals[0] += rollup.count();
        totals[1] += rollup.degraded();
        totals[2] += rollup.failed();
        if (maintenance) {
          totals[3] += rollup.maintenanceCount();
          totals[4] += rollup.maintenanceDegraded();
          totals[5] += rollup.maintenanceFailed();
        }
      }
      return;
    }
    Resolution finer = resolution == Resolution.DAY ? Resolution.HOUR : Resolution.MINUTE;
    long start = resolution.ceil(from);
    long end = Math.min(resolution.floor(to), store.watermark(resolution).getEpochSecond());
    if (start >= end) {
      coverCounts(key, finer, from, to, totals);
      return;
    }
    coverCounts(key, finer, from, start, totals);
    store.addCounts(resolution, key, start, end, totals);
    coverCounts(key, finer, end, to, totals);
  }

  private void cover(SeriesKey key, Resolution resolution, long from, long to, java.util.function.Consumer<Rollup> sink) {
    if (from >= to) {
      return;
    }
    if (resolution == Resolution.MINUTE) {
      read(key, Resolution.MINUTE, Instant.ofEpochSecond(from), Instant.ofEpochSecond(to)).forEach(sink);
      return;
    }
    Resolution finer = resolution == Resolution.DAY ? Resolution.HOUR : Resolution.MINUTE;
    long start = resolution.ceil(from);
    long end = Math.min(resolution.floor(to), store.watermark(resolution).getEpochSecond());
    if (start >= end) {
      cover(key, finer, from, to, sink);
      return;
    }
    cover(key, finer, from, start, sink);
    store.forEach(resolution, key, Instant.ofEpochSecond(start), Instant.ofEpochSecond(end), sink);
    cover(key, finer, end, to, sink);
  }

  /** The series of one server: every location it has buckets or a recorder for. */
  public List<SeriesKey> seriesOf(String serverId) {
    java.util.Set<SeriesKey> keys = new java.util.TreeSet<>(java.util.Comparator.comparing(SeriesKey::location));
    keys.addAll(store.series(serverId));
    var byLocation = series.get(serverId);
    if (byLocation != null) {
      for (SeriesRecorder recorder : byLocation.values()) {
        keys.add(recorder.key());
      }
    }
    return new ArrayList<>(keys);
  }

  private @Nullable SeriesRecorder existing(SeriesKey key) {
    var byLocation = series.get(key.serverId());
    return byLocation == null ? null : byLocation.get(key.location());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("history recorder is closed");
    }
  }

  /** Stops the background task and flushes; does not close the store (its owner does). */
  @Override
  public void close() {
    if (task != null) {
      task.cancel(false);
    }
    synchronized (maintenance) {
      if (!closed) {
        flush();
        closed = true;
      }
    }
  }

  /** Builds a {@link HistoryRecorder}; not thread-safe. */
  public static final class Builder {
    private final HistoryStore store;
    private Clock clock = Clock.systemUTC();
    private HistorySettings settings = HistorySettings.ofDefaults();
    private @Nullable ScheduledExecutorService scheduler;

    private Builder(HistoryStore store) {
      this.store = requireNonNull(store, "store");
    }

    /** The clock that says when minutes, hours and days are over (the system UTC clock by default). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Retention, lateness and compaction interval. */
    public Builder settings(HistorySettings settings) {
      this.settings = requireNonNull(settings, "settings");
      return this;
    }

    /** Runs {@link #compact} on this scheduler every {@link HistorySettings#compactEvery()}; none by default. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The recorder. */
    public HistoryRecorder build() {
      return new HistoryRecorder(this);
    }
  }
}
