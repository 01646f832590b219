package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;

/**
 * The results of one series over a window, added up from its rollups (the coarsest that fit).
 *
 * @param series the series
 * @param from the window's start
 * @param to the window's end (exclusive)
 * @param count the number of results
 * @param degraded the number of degraded results
 * @param failed the number of failed results
 * @param latency the latency histogram of the results that carried one
 */
public record HistorySummary(
    SeriesKey series, Instant from, Instant to, long count, long degraded, long failed, LatencyHistogram latency) {
  /** Checks the counts. */
  public HistorySummary {
    checkArgument(!to.isBefore(from), "to must not be before from: %s, %s", from, to);
    checkArgument(count >= 0 && degraded >= 0 && failed >= 0 && degraded + failed <= count,
        "counts must be consistent: count %s, degraded %s, failed %s", count, degraded, failed);
  }

  /** The results that were up. */
  public long up() {
    return count - degraded - failed;
  }
}
