package io.statuskit.feeds.statuspage;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The Statuspage component fields a StatusKit server has no place for, kept beside the board so a
 * page reads and writes back unchanged. Immutable and thread-safe.
 *
 * @param showcase whether Statuspage shows the component's uptime bars
 * @param onlyShowIfDegraded whether the component is hidden while operational
 * @param startDate the date uptime is counted from, or null
 */
public record ComponentInfo(boolean showcase, boolean onlyShowIfDegraded, @Nullable LocalDate startDate) {
  /** Statuspage's defaults: not showcased, always shown, no start date. */
  public static final ComponentInfo DEFAULTS = new ComponentInfo(false, false, null);
}
