package io.statuskit.history.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.internal.HistoryFormat;
import java.util.List;

/**
 * The buckets of one series as one compact blob, for stores that keep runs of buckets rather than
 * a row per bucket (the PostgreSQL store keeps an hour of minutes, a day of hours or a month of
 * days per row). The layout is the file store's (docs/history.md): a tag byte, then a body of
 * varints (bucket count; per bucket the start delta in buckets, count, degraded, failures by kind,
 * the counts of the results taken during maintenance, the histogram's non-empty buckets as index
 * delta and count), DEFLATE-compressed when that is smaller. The tag says whether the body is
 * compressed and whether the buckets carry maintenance counts: blobs written before they did
 * (tags 0 and 1) are still decoded, with no result counted as taken during maintenance.
 * Stateless and thread-safe.
 */
public final class RollupCodec {
  private RollupCodec() {}

  /**
   * The blob of these buckets, all of one series and of {@code resolution}, in any order (they
   * are sorted by start; starts must differ).
   *
   * @throws IllegalArgumentException naming the bucket that is of another series or resolution
   */
  public static byte[] encode(Resolution resolution, List<Rollup> rollups) {
    requireNonNull(resolution, "resolution");
    if (!rollups.isEmpty()) {
      SeriesKey series = rollups.get(0).series();
      for (Rollup rollup : rollups) {
        checkArgument(rollup.resolution() == resolution, "rollup of %s in a blob of %s: %s", rollup.resolution(), resolution, rollup);
        checkArgument(rollup.series().equals(series), "rollups of different series in one blob: %s, %s", series, rollup.series());
      }
    }
    return HistoryFormat.encodeSeries(resolution, rollups);
  }

  /**
   * The buckets of a blob from {@link #encode}, by start.
   *
   * @throws IllegalArgumentException if the blob does not parse (saying where)
   */
  public static List<Rollup> decode(SeriesKey series, Resolution resolution, byte[] blob) {
    requireNonNull(series, "series");
    requireNonNull(resolution, "resolution");
    return HistoryFormat.decodeSeries(series, resolution, blob);
  }
}
