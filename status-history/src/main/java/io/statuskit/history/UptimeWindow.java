package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The window of an uptime report: a month, a quarter or a year on a zone's calendar, or any
 * {@code [from, to)}.
 *
 * @param label what reports print ({@code 2026-03}, {@code 2026-Q1}, {@code 2026}, or the instants)
 * @param from the start
 * @param to the end (exclusive), after the start
 */
public record UptimeWindow(String label, Instant from, Instant to) {
  /** Checks the window. */
  public UptimeWindow {
    checkArgument(!label.isBlank(), "label must not be blank");
    checkArgument(from.isBefore(to), "from must be before to: %s, %s", from, to);
  }

  /** A calendar month in a zone. */
  public static UptimeWindow month(YearMonth month, ZoneId zone) {
    return new UptimeWindow(month.toString(), month.atDay(1).atStartOfDay(zone).toInstant(), month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** A quarter (1 to 4) in a zone. */
  public static UptimeWindow quarter(int year, int quarter, ZoneId zone) {
    java.util.Objects.requireNonNull(zone, "zone");
    checkArgument(quarter >= 1 && quarter <= 4, "quarter must be 1 to 4: %s", quarter);
    YearMonth first = YearMonth.of(year, quarter * 3 - 2);
    return new UptimeWindow(year + "-Q" + quarter, first.atDay(1).atStartOfDay(zone).toInstant(), first.plusMonths(3).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** A calendar year in a zone. */
  public static UptimeWindow year(Year year, ZoneId zone) {
    return new UptimeWindow(year.toString(), year.atDay(1).atStartOfDay(zone).toInstant(), year.plusYears(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** Any window. */
  public static UptimeWindow between(Instant from, Instant to) {
    return new UptimeWindow(from + "/" + to, from, to);
  }
}
