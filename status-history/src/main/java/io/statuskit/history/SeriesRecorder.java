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
  private final long[] failures = new long[FailureKind.COUNT];
  private final long[] latency = new long[LatencyHistogram.BUCKETS];
  // The open minute was sealed by a flush after it ended: results for it now go the late way,
  // merged with the flushed bucket, instead of starting a second bucket that would replace it.
  private boolean openSealed;
  private int lowest = Integer.MAX_VALUE;
  private int highest = -1;
  private List<Rollup> sealed = new ArrayList<>();
  private List<Rollup> late = new ArrayList<>();

  SeriesRecorder(SeriesKey key, HistoryRecorder owner) {
    this.key = key;
    this.owner = owner;
  }

  /** The series. */
  public SeriesKey key() {
    return key;
  }

  /**
   * Folds in one result.
   *
   * @param epochMilli when the probe ran
   * @param outcome up, degraded or down
   * @param failure how it failed if down ({@code null} counts as {@link FailureKind#OTHER}); ignored otherwise
   * @param latencyMicros its latency in microseconds, or negative if it has none (the caller
   *     decides whether failed results carry one; the monitor passes none for failures)
   */
  public void record(long epochMilli, Outcome outcome, @Nullable FailureKind failure, long latencyMicros) {
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
        fold(outcome, failure, latencyMicros);
        return;
      }
      if (start > openStart) {
        sealOpen();
        openStart = start;
        openSealed = false;
        fold(outcome, failure, latencyMicros);
        return;
      }
      late.add(lateRollup(start, outcome, failure, latencyMicros));
    }
  }

  private void fold(Outcome outcome, @Nullable FailureKind failure, long latencyMicros) {
    count++;
    if (outcome == Outcome.DEGRADED) {
      degraded++;
    } else if (outcome == Outcome.DOWN) {
      failures[failure == null ? FailureKind.OTHER.ordinal() : failure.ordinal()]++;
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
  private Rollup lateRollup(long start, Outcome outcome, @Nullable FailureKind failure, long latencyMicros) {
    long[] one = new long[FailureKind.COUNT];
    if (outcome == Outcome.DOWN) {
      one[failure == null ? FailureKind.OTHER.ordinal() : failure.ordinal()] = 1;
    }
    return Rollup.ofOwned(key, Resolution.MINUTE, start, 1, outcome == Outcome.DEGRADED ? 1 : 0, one,
        latencyMicros >= 0 ? LatencyHistogram.of(latencyMicros) : LatencyHistogram.empty());
  }

  /** Seals the open bucket into the list of buckets to flush; caller holds the lock. */
  private void sealOpen() {
    if (count == 0) {
      return;
    }
    LatencyHistogram histogram = highest < 0 ? LatencyHistogram.empty() : LatencyHistogram.fromDense(latency, lowest, highest);
    sealed.add(Rollup.ofOwned(key, Resolution.MINUTE, openStart, count, degraded, failures.clone(), histogram));
    for (int i = lowest; i <= highest; i++) {
      latency[i] = 0;
    }
    java.util.Arrays.fill(failures, 0);
    count = 0;
    degraded = 0;
    lowest = Integer.MAX_VALUE;
    highest = -1;
  }

  /** The open bucket as a rollup, or null if empty. */
  synchronized @Nullable Rollup open() {
    if (count == 0) {
      return null;
    }
    LatencyHistogram histogram = highest < 0 ? LatencyHistogram.empty() : LatencyHistogram.fromDense(latency, lowest, highest);
    return Rollup.ofOwned(key, Resolution.MINUTE, openStart, count, degraded, failures.clone(), histogram);
  }

  /** Takes the sealed and late buckets, sealing the open one first if its minute ended before {@code nowSecond}. */
  synchronized Drained drain(long nowSecond) {
    if (openStart != Long.MIN_VALUE && openStart + 60 <= nowSecond && !openSealed) {
      sealOpen();
      openSealed = true;
    }
    Drained drained = new Drained(sealed, late);
    sealed = new ArrayList<>();
    late = new ArrayList<>();
    return drained;
  }

  /** Sealed and late buckets not yet flushed, for readers. */
  synchronized List<Rollup> pending() {
    List<Rollup> pending = new ArrayList<>(sealed);
    pending.addAll(late);
    return pending;
  }

  record Drained(List<Rollup> sealed, List<Rollup> late) {}

  @Override
  public String toString() {
    return "SeriesRecorder{" + key + "}";
  }
}
