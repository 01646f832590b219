package io.statuskit.history;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The recorder of one series (one server from one location): a caller that probes the same
 * series again and again keeps this handle and folds each result in with {@link #record}, which
 * does not allocate while results stay in the open minute (one small allocation when a minute is
 * sealed). Thread-safe: each series has its own lock, held only for the fold.
 */
public final class SeriesRecorder {
  private final SeriesKey key;
  private final HistoryRecorder owner;

  // Guarded by this.
  private long openStart = Long.MIN_VALUE;
  private long count;
  private long degraded;
  private long maintenanceCount;
  private long maintenanceDegraded;
  private long maintenanceFailed;
  private final long[] failures = new long[FailureKind.COUNT];
  private final long[] latency = new long[LatencyHistogram.BUCKETS];
  // The open minute was sealed by a flush after it ended: results for it now go the late way,
  // merged with the flushed bucket, instead of starting a second bucket that would replace it.
  private boolean openSealed;
  private int lowest = Integer.MAX_VALUE;
  private int highest = -1;
  private List<Rollup> sealed = new ArrayList<>();
  private List<Rollup> late = new ArrayList<>();
  // Minute buckets a flush took and the store failed to write, by start: whole values that
  // replace the stored bucket of their minute (a late result was already merged into them).
  private final java.util.TreeMap<Long, Rollup> unwritten = new java.util.TreeMap<>();

  SeriesRecorder(SeriesKey key, HistoryRecorder owner) {
    this.key = key;
    this.owner = owner;
  }

  /** The series. */
  public SeriesKey key() {
    return key;
  }

  /**
   * Folds in one result taken while the server was not under maintenance.
   *
   * @param epochMilli when the probe ran
   * @param outcome up, degraded or down
   * @param failure how it failed if down ({@code null} counts as {@link FailureKind#OTHER}); ignored otherwise
   * @param latencyMicros its latency in microseconds, or negative if it has none (the caller
   *     decides whether failed results carry one; the monitor passes none for failures)
   */
  public void record(long epochMilli, Outcome outcome, @Nullable FailureKind failure, long latencyMicros) {
    record(epochMilli, outcome, failure, latencyMicros, false);
  }

  /**
   * Folds in one result, saying whether the server was under maintenance when it was taken (then
   * it also counts in the bucket's {@link Rollup#maintenanceCount()} and its degraded or failed
   * share, which uptime applies its maintenance rule to). As allocation-free as {@link
   * #record(long, Outcome, FailureKind, long)}.
   *
   * @param epochMilli when the probe ran
   * @param outcome up, degraded or down
   * @param failure how it failed if down ({@code null} counts as {@link FailureKind#OTHER}); ignored otherwise
   * @param latencyMicros its latency in microseconds, or negative if it has none
   * @param maintenance whether the server was under maintenance at {@code epochMilli}
   */
  public void record(long epochMilli, Outcome outcome, @Nullable FailureKind failure, long latencyMicros, boolean maintenance) {
    long start = Math.floorDiv(epochMilli, 60_000L) * 60;
    synchronized (this) {
      // Checked under the series' lock: the compactor moves this mark before it drains the series
      // (under the same lock), so a result for a minute it has taken is either drained with it or
      // dropped here, never left behind for an hour already added up.
      if (start < owner.finalBeforeSecond()) {
        owner.countLateDrop();
        return;
      }
      if (start == openStart && !openSealed) {
        fold(outcome, failure, latencyMicros, maintenance);
        return;
      }
      if (start > openStart) {
        sealOpen();
        openStart = start;
        openSealed = false;
        fold(outcome, failure, latencyMicros, maintenance);
        return;
      }
      late.add(lateRollup(start, outcome, failure, latencyMicros, maintenance));
    }
  }

  private void fold(Outcome outcome, @Nullable FailureKind failure, long latencyMicros, boolean maintenance) {
    count++;
    if (outcome == Outcome.DEGRADED) {
      degraded++;
    } else if (outcome == Outcome.DOWN) {
      failures[failure == null ? FailureKind.OTHER.ordinal() : failure.ordinal()]++;
    }
    if (maintenance) {
      maintenanceCount++;
      if (outcome == Outcome.DEGRADED) {
        maintenanceDegraded++;
      } else if (outcome == Outcome.DOWN) {
        maintenanceFailed++;
      }
    }
    if (latencyMicros >= 0) {
      int index = LatencyHistogram.index(latencyMicros);
      latency[index]++;
      if (index < lowest) {
        lowest = index;
      }
      if (index > highest) {
        highest = index;
      }
    }
  }

  /** A one-result bucket for a minute that is no longer open (rare: allocates). */
  private Rollup lateRollup(long start, Outcome outcome, @Nullable FailureKind failure, long latencyMicros, boolean maintenance) {
    long[] one = new long[FailureKind.COUNT];
    if (outcome == Outcome.DOWN) {
      one[failure == null ? FailureKind.OTHER.ordinal() : failure.ordinal()] = 1;
    }
    return Rollup.ofOwned(key, Resolution.MINUTE, start, 1, outcome == Outcome.DEGRADED ? 1 : 0, one,
        latencyMicros >= 0 ? LatencyHistogram.of(latencyMicros) : LatencyHistogram.empty(),
        maintenance ? 1 : 0, maintenance && outcome == Outcome.DEGRADED ? 1 : 0, maintenance && outcome == Outcome.DOWN ? 1 : 0);
  }

  /** Seals the open bucket into the list of buckets to flush; caller holds the lock. */
  private void sealOpen() {
    if (count == 0) {
      return;
    }
    LatencyHistogram histogram = highest < 0 ? LatencyHistogram.empty() : LatencyHistogram.fromDense(latency, lowest, highest);
    sealed.add(Rollup.ofOwned(key, Resolution.MINUTE, openStart, count, degraded, failures.clone(), histogram,
        maintenanceCount, maintenanceDegraded, maintenanceFailed));
    for (int i = lowest; i <= highest; i++) {
      latency[i] = 0;
    }
    java.util.Arrays.fill(failures, 0);
    count = 0;
    degraded = 0;
    maintenanceCount = 0;
    maintenanceDegraded = 0;
    maintenanceFailed = 0;
    lowest = Integer.MAX_VALUE;
    highest = -1;
  }

  /** The open bucket as a rollup, or null if empty. */
  synchronized @Nullable Rollup open() {
    if (count == 0) {
      return null;
    }
    LatencyHistogram histogram = highest < 0 ? LatencyHistogram.empty() : LatencyHistogram.fromDense(latency, lowest, highest);
    return Rollup.ofOwned(key, Resolution.MINUTE, openStart, count, degraded, failures.clone(), histogram,
        maintenanceCount, maintenanceDegraded, maintenanceFailed);
  }

  /**
   * Takes the unwritten, sealed and late buckets, sealing the open one first if its minute ended
   * before {@code nowSecond}.
   */
  synchronized Drained drain(long nowSecond) {
    if (openStart != Long.MIN_VALUE && openStart + 60 <= nowSecond && !openSealed) {
      sealOpen();
      openSealed = true;
    }
    List<Rollup> ready = sealed;
    if (!unwritten.isEmpty()) {
      ready = new ArrayList<>(unwritten.values());
      ready.addAll(sealed);
      unwritten.clear();
    }
    Drained drained = new Drained(ready, late);
    sealed = new ArrayList<>();
    late = new ArrayList<>();
    return drained;
  }

  /**
   * Puts back minute buckets that a flush took and the store failed to write, so the next flush
   * writes them; keeps at most {@code max} (the newest), returning the results of those dropped.
   */
  synchronized long putBack(List<Rollup> buckets, int max) {
    for (Rollup rollup : buckets) {
      unwritten.put(rollup.startSecond(), rollup);
    }
    long lost = 0;
    while (unwritten.size() > max) {
      lost += unwritten.pollFirstEntry().getValue().count();
    }
    return lost;
  }

  /**
   * Puts back what {@link #drain} took when the flush failed before writing: the whole buckets as
   * unwritten, the late results as late again; returns the results dropped beyond {@code max}.
   */
  synchronized long restore(Drained drained, int max) {
    late.addAll(0, drained.late());
    return putBack(drained.sealed(), max);
  }

  /** The number of minute buckets the store failed to write, kept for the next flush. */
  synchronized int unwrittenCount() {
    return unwritten.size();
  }

  /** The start of the earliest minute the store failed to write, or {@link Long#MAX_VALUE}. */
  synchronized long earliestUnwritten() {
    return unwritten.isEmpty() ? Long.MAX_VALUE : unwritten.firstKey();
  }

  /** Buckets not yet written, for readers: {@code replacing} stand for the stored bucket of their minute, {@code adding} add to it. */
  synchronized Pending pending() {
    List<Rollup> adding = new ArrayList<>(sealed);
    adding.addAll(late);
    return new Pending(new ArrayList<>(unwritten.values()), adding);
  }

  record Drained(List<Rollup> sealed, List<Rollup> late) {}

  record Pending(List<Rollup> replacing, List<Rollup> adding) {}

  @Override
  public String toString() {
    return "SeriesRecorder{" + key + "}";
  }
}
