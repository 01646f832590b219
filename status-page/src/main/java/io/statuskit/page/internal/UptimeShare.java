package io.statuskit.page.internal;

import io.statuskit.core.Timeline;
import io.statuskit.page.PageSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * The page's uptime rule ({@link PageSettings#noData()}) over one server's timeline and window:
 * how much time counts and how much of it was up. The pages and the badges both use it, so a
 * badge never shows another figure than the page. Shares of several servers add up to the
 * group's figure, weighted by each server's counted time. Immutable and thread-safe.
 *
 * @param countedMillis the time that counts: the window less the time without data ({@code
 *     LEFT_OUT}), or the window since the server was added ({@code COUNTED_DOWN}); 0 when the
 *     window has no data at all
 * @param upMillis the part of it that was up (maintenance counts as up)
 */
record UptimeShare(long countedMillis, long upMillis) {
  /** Nothing counts. */
  static final UptimeShare NONE = new UptimeShare(0, 0);

  /**
   * The share of {@code [from, to)}: with {@code LEFT_OUT} over the time with data only; with
   * {@code COUNTED_DOWN} the time without data since the server was added counts as down. A
   * window without any data counts nothing either way ("no data", never 0 % or 100 %).
   */
  static UptimeShare of(Timeline timeline, Instant addedAt, Instant from, Instant to, PageSettings.NoData rule) {
    if (!from.isBefore(to)) {
      return NONE;
    }
    long known = Duration.between(from, to).minus(timeline.noDataTime(from, to)).toMillis();
    if (known <= 0) {
      return NONE;
    }
    Instant since = addedAt.isAfter(from) ? addedAt : from;
    if (rule == PageSettings.NoData.LEFT_OUT || !since.isBefore(to)) {
      return new UptimeShare(known, known - timeline.downtime(from, to).toMillis());
    }
    long counted = Duration.between(since, to).toMillis();
    long down = timeline.downtime(since, to).plus(timeline.noDataTime(since, to)).toMillis();
    return new UptimeShare(counted, counted - down);
  }

  /** The two shares together, as a group's. */
  UptimeShare plus(UptimeShare other) {
    return new UptimeShare(countedMillis + other.countedMillis, upMillis + other.upMillis);
  }

  /** Uptime in percent, from 0 to 100; NaN when nothing counts. */
  double percent() {
    return countedMillis <= 0 ? Double.NaN : 100.0 * upMillis / countedMillis;
  }
}
