package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;

/**
 * The results of one series in one bucket: how many, how many degraded, how many failed and how,
 * and their latency histogram; and of those, how many were taken while the server was under
 * maintenance ({@link #maintenanceCount()}, {@link #maintenanceDegraded()}, {@link
 * #maintenanceFailed()}: a subset of the results, so uptime can apply its maintenance rule to a
 * bucket that a maintenance window only partly covers). Rollups of the same series add up ({@link #plus}), which is how
 * minutes become hours and hours days. Immutable and thread-safe.
 */
public final class Rollup {
  private final SeriesKey series;
  private final Resolution resolution;
  private final long startSecond;
  private final long count;
  private final long degraded;
  private final long[] failures;
  private final long failed;
  private final LatencyHistogram latency;
  private final long maintenanceCount;
  private final long maintenanceDegraded;
  private final long maintenanceFailed;

  private Rollup(
      SeriesKey series, Resolution resolution, long startSecond, long count, long degraded, long[] failures, LatencyHistogram latency,
      long maintenanceCount, long maintenanceDegraded, long maintenanceFailed) {
    this.series = requireNonNull(series, "series");
    this.resolution = requireNonNull(resolution, "resolution");
    this.latency = requireNonNull(latency, "latency");
    checkArgument(resolution.floor(startSecond) == startSecond, "start must be aligned to a %s: %s", resolution, Instant.ofEpochSecond(startSecond));
    checkArgument(failures.length == FailureKind.COUNT, "failures must have %s kinds, had %s", FailureKind.COUNT, failures.length);
    long failed = 0;
    for (long f : failures) {
      checkArgument(f >= 0, "failure counts must not be negative: %s", Arrays.toString(failures));
      failed += f;
    }
    checkArgument(degraded >= 0 && failed + degraded <= count, "count %s must cover degraded %s and failed %s", count, degraded, failed);
    checkArgument(latency.totalCount() <= count, "latency values %s must not exceed count %s", latency.totalCount(), count);
    checkArgument(maintenanceDegraded >= 0 && maintenanceFailed >= 0 && maintenanceDegraded + maintenanceFailed <= maintenanceCount,
        "maintenanceCount %s must cover maintenanceDegraded %s and maintenanceFailed %s", maintenanceCount, maintenanceDegraded, maintenanceFailed);
    checkArgument(maintenanceCount <= count && maintenanceDegraded <= degraded && maintenanceFailed <= failed,
        "maintenance counts (%s, degraded %s, failed %s) must be a subset of count %s, degraded %s, failed %s",
        maintenanceCount, maintenanceDegraded, maintenanceFailed, count, degraded, failed);
    this.maintenanceCount = maintenanceCount;
    this.maintenanceDegraded = maintenanceDegraded;
    this.maintenanceFailed = maintenanceFailed;
    this.startSecond = startSecond;
    this.count = count;
    this.degraded = degraded;
    this.failures = failures;
    this.failed = failed;
  }

  /**
   * A rollup with no result taken during maintenance; {@code failures} is indexed by {@link
   * FailureKind#ordinal()} and copied.
   *
   * @param start aligned to the resolution
   */
  public static Rollup of(
      SeriesKey series, Resolution resolution, Instant start, long count, long degraded, long[] failures, LatencyHistogram latency) {
    return new Rollup(series, resolution, start.getEpochSecond(), count, degraded, failures.clone(), latency, 0, 0, 0);
  }

  /**
   * A rollup; {@code failures} is indexed by {@link FailureKind#ordinal()} and copied.
   *
   * @param start aligned to the resolution
   * @param maintenanceCount of {@code count}, the results taken while the server was under maintenance
   * @param maintenanceDegraded of those, the degraded ones (at most {@code degraded})
   * @param maintenanceFailed of those, the failed ones (at most the failures' sum)
   * @throws IllegalArgumentException naming the counts when the maintenance ones are not a subset
   */
  public static Rollup of(
      SeriesKey series, Resolution resolution, Instant start, long count, long degraded, long[] failures, LatencyHistogram latency,
      long maintenanceCount, long maintenanceDegraded, long maintenanceFailed) {
    return new Rollup(series, resolution, start.getEpochSecond(), count, degraded, failures.clone(), latency,
        maintenanceCount, maintenanceDegraded, maintenanceFailed);
  }

  static Rollup ofOwned(
      SeriesKey series, Resolution resolution, long startSecond, long count, long degraded, long[] failures, LatencyHistogram latency,
      long maintenanceCount, long maintenanceDegraded, long maintenanceFailed) {
    return new Rollup(series, resolution, startSecond, count, degraded, failures, latency, maintenanceCount, maintenanceDegraded, maintenanceFailed);
  }

  /** An empty rollup of this bucket. */
  public static Rollup empty(SeriesKey series, Resolution resolution, Instant start) {
    return new Rollup(series, resolution, start.getEpochSecond(), 0, 0, new long[FailureKind.COUNT], LatencyHistogram.empty(), 0, 0, 0);
  }

  /** The series. */
  public SeriesKey series() {
    return series;
  }

  /** The bucket width. */
  public Resolution resolution() {
    return resolution;
  }

  /** The bucket's start. */
  public Instant start() {
    return Instant.ofEpochSecond(startSecond);
  }

  /** The bucket's start in epoch seconds. */
  public long startSecond() {
    return startSecond;
  }

  /** The bucket's end (exclusive). */
  public Instant end() {
    return Instant.ofEpochSecond(startSecond + resolution.seconds());
  }

  /** The number of results. */
  public long count() {
    return count;
  }

  /** The number of degraded results. */
  public long degraded() {
    return degraded;
  }

  /** The number of failed results of this kind. */
  public long failures(FailureKind kind) {
    return failures[kind.ordinal()];
  }

  /** The number of failed results of any kind. */
  public long failed() {
    return failed;
  }

  /** The number of results that were up (neither degraded nor failed). */
  public long up() {
    return count - degraded - failed();
  }

  /** Of {@link #count()}, the results taken while the server was under maintenance. */
  public long maintenanceCount() {
    return maintenanceCount;
  }

  /** Of {@link #degraded()}, the ones taken while the server was under maintenance. */
  public long maintenanceDegraded() {
    return maintenanceDegraded;
  }

  /** Of {@link #failed()}, the ones taken while the server was under maintenance. */
  public long maintenanceFailed() {
    return maintenanceFailed;
  }

  /** The latency histogram of the results that carried a latency. */
  public LatencyHistogram latency() {
    return latency;
  }

  /** This rollup's counts added to that one's, as a bucket of {@code resolution} starting at {@code start}. */
  public Rollup plus(Rollup that, Resolution resolution, long startSecond) {
    checkArgument(series.equals(that.series), "cannot add rollups of different series: %s, %s", series, that.series);
    long[] sum = failures.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += that.failures[i];
    }
    return new Rollup(series, resolution, startSecond, count + that.count, degraded + that.degraded, sum, latency.merge(that.latency),
        maintenanceCount + that.maintenanceCount, maintenanceDegraded + that.maintenanceDegraded, maintenanceFailed + that.maintenanceFailed);
  }

  /** This rollup's counts added to that one's, in this rollup's bucket. */
  public Rollup plus(Rollup that) {
    return plus(that, resolution, startSecond);
  }

  /** This rollup as a bucket of another resolution and start (for summaries over a window). */
  public Rollup as(Resolution resolution, long startSecond) {
    return new Rollup(series, resolution, startSecond, count, degraded, failures, latency, maintenanceCount, maintenanceDegraded, maintenanceFailed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rollup that
        && series.equals(that.series)
        && resolution == that.resolution
        && startSecond == that.startSecond
        && count == that.count
        && degraded == that.degraded
        && Arrays.equals(failures, that.failures)
        && maintenanceCount == that.maintenanceCount
        && maintenanceDegraded == that.maintenanceDegraded
        && maintenanceFailed == that.maintenanceFailed
        && latency.equals(that.latency);
  }

  @Override
  public int hashCode() {
    return ((series.hashCode() * 31 + resolution.hashCode()) * 31 + Long.hashCode(startSecond)) * 31 + Long.hashCode(count);
  }

  @Override
  public String toString() {
    return "Rollup{" + series.serverId() + "@" + series.location() + " " + resolution + " " + start()
        + ", count=" + count + ", degraded=" + degraded + ", failed=" + failed()
        + (maintenanceCount == 0 ? "" : ", maintenance=" + maintenanceCount + " (degraded " + maintenanceDegraded + ", failed " + maintenanceFailed + ")")
        + ", " + latency + "}";
  }
}
