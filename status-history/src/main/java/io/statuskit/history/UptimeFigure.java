package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.OptionalDouble;

/**
 * The uptime of one server (or a group) over a window, with the time it was computed from and
 * the rule in force.
 *
 * @param subject the server id, or the group's name
 * @param windowSeconds the window's length
 * @param countedSeconds the time that counted (the window minus what was left out)
 * @param downSeconds the weighted time down within the counted time
 * @param maintenanceSeconds maintenance time left out
 * @param noDataSeconds time without data left out
 * @param fromRollupsSeconds counted time whose figure came from rollups (no status known there)
 * @param rule the policy's rule, {@link UptimePolicy#rule()}
 */
public record UptimeFigure(
    String subject,
    double windowSeconds,
    double countedSeconds,
    double downSeconds,
    double maintenanceSeconds,
    double noDataSeconds,
    double fromRollupsSeconds,
    String rule) {
  /** Checks the figures. */
  public UptimeFigure {
    checkArgument(countedSeconds >= 0 && downSeconds >= 0 && downSeconds <= countedSeconds + 1e-6,
        "down %s must be within counted %s", downSeconds, countedSeconds);
  }

  /** Uptime in percent, 0 to 100; empty when no time counted (everything was left out). */
  public OptionalDouble percent() {
    return countedSeconds == 0 ? OptionalDouble.empty() : OptionalDouble.of(100 * (1 - downSeconds / countedSeconds));
  }

  /** The sum of these figures under one subject (a group: time-weighted, not an average of percents). */
  static UptimeFigure sum(String subject, Iterable<UptimeFigure> figures, String rule) {
    double window = 0;
    double counted = 0;
    double down = 0;
    double maintenance = 0;
    double noData = 0;
    double rollups = 0;
    for (UptimeFigure f : figures) {
      window += f.windowSeconds;
      counted += f.countedSeconds;
      down += f.downSeconds;
      maintenance += f.maintenanceSeconds;
      noData += f.noDataSeconds;
      rollups += f.fromRollupsSeconds;
    }
    return new UptimeFigure(subject, window, counted, down, maintenance, noData, rollups, rule);
  }
}
