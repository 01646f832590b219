package io.statuskit.page;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import java.time.Instant;

/**
 * Where the page gets uptime figures from when a host keeps uptime history (the
 * {@code status-history} module's rollups under an operator's accounting rule); the page itself
 * does not depend on that module. With a source, each server page shows a table of the last 12
 * months and its 90-day bars take their figures from it, each with the rule printed beside them;
 * when it has {@link #latency latency} buckets, the response-time chart shows them instead of
 * the live checks. Implementations are thread-safe.
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
   * The response-time chart's buckets of a server over {@code [from, to)}, oldest first (the
   * page asks for the last 7 days and draws one point per bucket). The default, for a source
   * without latency history, is none: the chart then shows the live checks.
   */
  default ImmutableList<LatencyPoint> latency(String serverId, Instant from, Instant to) {
    return ImmutableList.of();
  }
}
