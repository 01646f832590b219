package io.statuskit.micrometer;

import io.statuskit.core.Status;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The names, tags and encodings of the meters this module registers, in one place for dashboards
 * and alerts. Tag values are lower case.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>registered by</th></tr>
 *   <tr><td>{@value #PROBE_DURATION}</td><td>timer</td><td>server, probe, outcome</td>
 *       <td>{@link MonitorMetrics}</td></tr>
 *   <tr><td>{@value #PROBE_RESULTS}</td><td>counter</td><td>server, probe, outcome, error</td>
 *       <td>{@link MonitorMetrics}</td></tr>
 *   <tr><td>{@value #MONITOR_CHANGES}</td><td>counter</td><td>server, state</td>
 *       <td>{@link MonitorMetrics}</td></tr>
 *   <tr><td>{@value #SERVER_STATUS}</td><td>gauge</td><td>server</td><td>{@link BoardMetrics}</td></tr>
 *   <tr><td>{@value #OPEN_INCIDENTS}</td><td>gauge</td><td></td><td>{@link BoardMetrics}</td></tr>
 *   <tr><td>{@value #BOARD_VERSION}</td><td>gauge</td><td></td><td>{@link BoardMetrics}</td></tr>
 *   <tr><td>{@value #TRACKER_COMMANDS}</td><td>timer</td><td>command, outcome</td>
 *       <td>{@link TrackerMetrics}</td></tr>
 *   <tr><td>{@value #STORE_COMMITS}</td><td>timer</td><td>outcome</td>
 *       <td>{@link TimedStatusStore}</td></tr>
 * </table>
 *
 * <p>Not instantiable; thread-safe.
 */
public final class StatusKitMeters {
  /** Timer of each probe run's total latency, as the probe measured it. */
  public static final String PROBE_DURATION = "statuskit.probe.duration";

  /** Counter of probe results. */
  public static final String PROBE_RESULTS = "statuskit.probe.results";

  /** Counter of a monitor's hard changes of a server (down, up, degraded). */
  public static final String MONITOR_CHANGES = "statuskit.monitor.changes";

  /** Gauge of each server's current effective status, encoded by {@link #statusValue}. */
  public static final String SERVER_STATUS = "statuskit.server.status";

  /** Gauge of the open incidents on the board (maintenance and notices included). */
  public static final String OPEN_INCIDENTS = "statuskit.incidents.open";

  /** Gauge of the board's version: the sequence of the last event kept. */
  public static final String BOARD_VERSION = "statuskit.board.version";

  /** Timer of tracker commands, from the call to its return or exception. */
  public static final String TRACKER_COMMANDS = "statuskit.tracker.commands";

  /** Timer of store appends, from the call until the event is durable or refused. */
  public static final String STORE_COMMITS = "statuskit.store.commits";

  /** The value of {@value #SERVER_STATUS} for {@link Status#UNKNOWN}: no observation yet. */
  public static final double UNKNOWN = -1;

  private StatusKitMeters() {}

  /**
   * The number {@value #SERVER_STATUS} reports for a status: 0 operational, 1 under maintenance, 2
   * degraded performance, 3 partial outage, 4 major outage, and -1 ({@link #UNKNOWN}) when
   * nothing is known, so "no data" is never read as up and {@code > 2} means an outage. A server
   * that is no longer on the board reports NaN.
   *
   * @param status a status
   * @return its number
   */
  public static double statusValue(Status status) {
    return switch (status) {
      case OPERATIONAL -> 0;
      case UNDER_MAINTENANCE -> 1;
      case DEGRADED_PERFORMANCE -> 2;
      case PARTIAL_OUTAGE -> 3;
      case MAJOR_OUTAGE -> 4;
      case UNKNOWN -> UNKNOWN;
    };
  }

  /** The {@code outcome} tag of a probe result: {@code up}, {@code degraded}, {@code down}, {@code unsupported}. */
  static String tag(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  /** The {@code error} tag of a probe result: its error kind in lower case, or {@code none}. */
  static String tag(@Nullable ErrorKind kind) {
    return kind == null ? "none" : kind.name().toLowerCase(Locale.ROOT);
  }
}
