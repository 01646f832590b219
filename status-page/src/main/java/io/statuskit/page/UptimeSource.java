package io.statuskit.page;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where the page gets uptime figures from when a host keeps uptime history (the
 * {@code status-history} module's rollups under an operator's accounting rule); the page itself
 * does not depend on that module. With a source, each server page shows a table of the last 12
 * months, and the 90-day bars of the server pages and of the front page take their figures from
 * it ({@link #daily}), each with the rule printed beside them; when it has {@link #latency
 * latency} buckets, the response-time chart shows them instead of the live checks.
 * Implementations are thread-safe.
 */
public interface UptimeSource {
  /**
   * The accounting rule the figures follow, printed beside them (such as {@code down = major
   * outage ×1, partial outage ×0.3, degraded ×0; maintenance left out; no data left out}).
   */
  String rule();

  /**
   * The uptime of a server over {@code [from, to)} in percent (0 to 100), or NaN when no time in
   * the window counted (everything was maintenance or no data left out).
   *
   * @param board the board the page is rendering
   */
  double percent(StatusBoard board, String serverId, Instant from, Instant to);

  /**
   * The uptime of a server day by day, for the 90-day bars: {@code days} days from {@code first}
   * on the calendar of {@code zone}, each from one midnight to the next (23 or 25 hours on the
   * days clocks change), the last cut at {@code end}; a day that starts at or after {@code end}
   * is NaN. The total is the whole span's, {@code [first's midnight, min(end, the midnight after
   * the last day))}. The front page asks this for every server each time the board changes, so a
   * source whose figures cost something per call should answer it in one pass; the default asks
   * {@link #percent} once per day and once for the total.
   *
   * @param board the board the page is rendering
   * @param first the first day
   * @param days how many days, 0 or more
   * @param zone the page's zone
   * @param end now, for a page: where the last day stops
   */
  default DailyUptime daily(StatusBoard board, String serverId, LocalDate first, int days, ZoneId zone, Instant end) {
    checkArgument(days >= 0, "days must not be negative: %s", days);
    double[] percents = new double[days];
    for (int i = 0; i < days; i++) {
      Instant from = first.plusDays(i).atStartOfDay(zone).toInstant();
      Instant to = first.plusDays(i + 1L).atStartOfDay(zone).toInstant();
      if (to.isAfter(end)) {
        to = end;
      }
      percents[i] = from.isBefore(to) ? percent(board, serverId, from, to) : Double.NaN;
    }
    Instant start = first.atStartOfDay(zone).toInstant();
    Instant stop = first.plusDays(days).atStartOfDay(zone).toInstant();
    if (stop.isAfter(end)) {
      stop = end;
    }
    return DailyUptime.of(percents, start.isBefore(stop) ? percent(board, serverId, start, stop) : Double.NaN);
  }

  /**
   * The response-time chart's buckets of a server over {@code [from, to)}, oldest first (the
   * page asks for the last 7 days and draws one point per bucket). The default, for a source
   * without latency history, is none: the chart then shows the live checks.
   */
  default ImmutableList<LatencyPoint> latency(String serverId, Instant from, Instant to) {
    return ImmutableList.of();
  }
}
