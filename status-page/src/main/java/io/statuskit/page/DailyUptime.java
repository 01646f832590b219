package io.statuskit.page;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A server's uptime day by day, as an {@link UptimeSource} gives it for the 90-day bars: one
 * percent per day, oldest first, and one for all the days together (time-weighted, not an
 * average of the days); NaN wherever no time counted. Immutable and thread-safe.
 */
public final class DailyUptime {
  private final double[] days;
  private final double total;

  private DailyUptime(double[] days, double total) {
    this.days = days;
    this.total = total;
  }

  /**
   * The figures of these days (copied) and of the whole span.
   *
   * @param days each day's percent, 0 to 100, or NaN when nothing counted that day
   * @param total the whole span's percent, 0 to 100, or NaN when nothing counted
   */
  public static DailyUptime of(double[] days, double total) {
    requireNonNull(days, "days");
    for (int i = 0; i < days.length; i++) {
      checkPercent(days[i], "days[" + i + "]");
    }
    checkPercent(total, "total");
    return new DailyUptime(days.clone(), total);
  }

  private static void checkPercent(double percent, String name) {
    checkArgument(Double.isNaN(percent) || (percent >= 0 && percent <= 100), "%s must be NaN or 0 to 100: %s", name, percent);
  }

  /** How many days. */
  public int days() {
    return days.length;
  }

  /** The percent of a day (0 is the oldest), or NaN when nothing counted that day. */
  public double percent(int day) {
    return days[day];
  }

  /** The percent of all the days together, or NaN when nothing counted. */
  public double total() {
    return total;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof DailyUptime that
        && Arrays.equals(days, that.days)
        && Double.compare(total, that.total) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(days) + Double.hashCode(total);
  }

  @Override
  public String toString() {
    return "DailyUptime{days=" + Arrays.toString(days) + ", total=" + total + "}";
  }
}
