package io.statuskit.page;

import io.statuskit.core.StatusBoard;
import java.time.Instant;

/**
 * Where the page gets uptime figures from when a host keeps uptime history (the
 * {@code status-history} module's rollups under an operator's accounting rule); the page itself
 * does not depend on that module. With a source, each server page shows a table of the last 12
 * months and its 90-day bars take their figures from it, each with the rule printed beside them.
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
}
