package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Page;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Timeline;
import io.statuskit.history.spi.HistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Computes uptime reports from the board's timelines under an {@link UptimePolicy}: maintenance
 * is the board's maintenance windows, the recurring maintenance given here, and time a timeline
 * says "under maintenance"; where a timeline has no status (before a server's first observation,
 * "unknown", or since its monitor fell silent, as the page shows it), the history's rollups give
 * the figure if they have results there (the share of failed results, degraded weighted by the
 * policy, results taken during maintenance as the policy says), else the time is no data.
 * Immutable and thread-safe.
 */
public final class UptimeReporter {
  private final UptimePolicy policy;
  private final ImmutableList<RecurringMaintenance> recurring;
  private final @Nullable HistoryRecorder history;
  private final Clock clock;

  private UptimeReporter(UptimePolicy policy, ImmutableList<RecurringMaintenance> recurring, @Nullable HistoryRecorder history, Clock clock) {
    this.policy = requireNonNull(policy, "policy");
    this.recurring = recurring;
    this.history = history;
    this.clock = requireNonNull(clock, "clock");
  }

  /** A reporter under this policy, with no recurring maintenance and no rollups, on the system UTC clock. */
  public static UptimeReporter of(UptimePolicy policy) {
    return new UptimeReporter(policy, ImmutableList.of(), null, Clock.systemUTC());
  }

  /** This reporter, also leaving out (per the policy) these recurring windows. */
  public UptimeReporter withRecurringMaintenance(List<RecurringMaintenance> definitions) {
    return new UptimeReporter(policy, ImmutableList.copyOf(definitions), history, clock);
  }

  /** This reporter, reading rollups where timelines have no status. */
  public UptimeReporter withHistory(HistoryRecorder recorder) {
    return new UptimeReporter(policy, recurring, requireNonNull(recorder, "recorder"), clock);
  }

  /**
   * This reporter, with the clock that says "now" for servers whose monitor has fallen silent
   * (the page's clock; the system UTC clock by default).
   */
  public UptimeReporter withClock(Clock clock) {
    return new UptimeReporter(policy, recurring, history, clock);
  }

  /** The policy. */
  public UptimePolicy policy() {
    return policy;
  }

  /** A report for one server. */
  public UptimeReport server(StatusBoard board, String serverId, UptimeWindow window) {
    return servers(board, List.of(serverId), window, serverId);
  }

  /** A report for every server of a group (Server#group), plus the group's total. */
  public UptimeReport group(StatusBoard board, String group, UptimeWindow window) {
    List<String> ids = board.servers().stream().map(ServerStatus::server).filter(s -> group.equals(s.group())).map(s -> s.id()).toList();
    return servers(board, ids, window, group);
  }

  /**
   * A report for these servers, with a total under this name. Each server's timeline is the one
   * the page shows now ({@link ServerStatus#asOf}): from when its monitor fell silent, {@link
   * ServerStatus#whileSilent()}, "no data" unless a declared status stands.
   */
  public UptimeReport servers(StatusBoard board, List<String> serverIds, UptimeWindow window, String totalName) {
    List<UptimeFigure> figures = new ArrayList<>();
    Instant now = clock.instant();
    for (String id : serverIds) {
      figures.add(figure(id, timelineAsOf(board, id, now), maintenanceOf(board, id, window), window));
    }
    return new UptimeReport(window, policy.rule(), ImmutableList.copyOf(figures), UptimeFigure.sum(totalName, figures, policy.rule()));
  }

  /**
   * The server's timeline as of {@code now}: the board is only rewritten when something reports,
   * so a silent monitor would leave the last status standing; {@link ServerStatus#asOf} is the
   * page's rule that turns the time since the silence began into "no data".
   */
  private static Timeline timelineAsOf(StatusBoard board, String serverId, Instant now) {
    ServerStatus server = board.serverStatus(serverId).orElse(null);
    return server == null ? board.timeline(serverId) : server.asOf(now).timeline();
  }

  /**
   * The figures of one server day by day, for a page's daily bars: {@code days} days from {@code
   * first} on the calendar of {@code zone} (each from one midnight to the next, so 23 or 25 hours
   * on the days clocks change), the last cut at {@code end}; a day that starts at or after {@code
   * end} has a figure of no time at all (no percent). Each day's figure is the one {@link
   * #server} gives for that day's window, but the cost is one report's, not {@code days}': the
   * server's maintenance windows are gathered once for the whole span (its incidents through the
   * board's index by server, the recurring occurrences once), and each day reads only its own part
   * of the timeline (a binary search, then that day's changes).
   *
   * @param first the first day
   * @param days how many days, 0 or more
   * @param zone the zone whose midnights cut the days
   * @param end where the last counted day stops (now, for a page)
   * @return one figure per day, oldest first
   */
  public ImmutableList<UptimeFigure> daily(StatusBoard board, String serverId, LocalDate first, int days, ZoneId zone, Instant end) {
    requireNonNull(board, "board");
    requireNonNull(serverId, "serverId");
    requireNonNull(zone, "zone");
    requireNonNull(end, "end");
    checkArgument(days >= 0, "days must not be negative: %s", days);
    Instant spanStart = first.atStartOfDay(zone).toInstant();
    Instant spanEnd = first.plusDays(days).atStartOfDay(zone).toInstant();
    if (end.isBefore(spanEnd)) {
      spanEnd = end;
    }
    List<MaintenanceWindow> maintenance = spanStart.isBefore(spanEnd) ? maintenanceWithin(board, serverId, spanStart, spanEnd) : List.of();
    Timeline timeline = timelineAsOf(board, serverId, clock.instant());
    ImmutableList.Builder<UptimeFigure> figures = ImmutableList.builderWithExpectedSize(days);
    for (int i = 0; i < days; i++) {
      Instant from = first.plusDays(i).atStartOfDay(zone).toInstant();
      Instant to = first.plusDays(i + 1L).atStartOfDay(zone).toInstant();
      if (to.isAfter(end)) {
        to = end;
      }
      if (!from.isBefore(to)) {
        figures.add(new UptimeFigure(serverId, 0, 0, 0, 0, 0, 0, policy.rule()));
        continue;
      }
      List<MaintenanceWindow> today = new ArrayList<>();
      for (MaintenanceWindow w : maintenance) {
        if (w.end().isAfter(from) && w.start().isBefore(to)) {
          today.add(w);
        }
      }
      // labelled by the date: UptimeWindow.between's label (two Instant.toString) cost more than the figure
      figures.add(figure(serverId, timeline, today, new UptimeWindow(first.plusDays(i).toString(), from, to)));
    }
    return figures.build();
  }

  /**
   * The maintenance windows of a server that overlap {@code [from, to)}: the same ones {@link
   * #maintenanceOf} finds for that window, but its incidents read through the board's index by
   * server (whose cost follows that server's incidents, not the board's).
   */
  private List<MaintenanceWindow> maintenanceWithin(StatusBoard board, String serverId, Instant from, Instant to) {
    List<MaintenanceWindow> windows = new ArrayList<>();
    IncidentQuery.Builder query = IncidentQuery.builder().server(serverId).kind(IncidentKind.MAINTENANCE).limit(IncidentQuery.MAX_LIMIT);
    for (int offset = 0; ; offset += IncidentQuery.MAX_LIMIT) {
      Page<Incident> page = board.incidents(query.offset(offset).build());
      for (Incident incident : page.items()) {
        MaintenanceWindow w = incident.window();
        if (w != null && incident.state() != IncidentState.CANCELLED && w.end().isAfter(from) && w.start().isBefore(to)) {
          windows.add(w);
        }
      }
      if (!page.hasNext()) {
        break;
      }
    }
    for (RecurringMaintenance definition : recurring) {
      if (definition.servers().contains(serverId)) {
        windows.addAll(definition.occurrences(from, to));
      }
    }
    return windows;
  }

  private List<MaintenanceWindow> maintenanceOf(StatusBoard board, String serverId, UptimeWindow window) {
    List<MaintenanceWindow> windows = new ArrayList<>();
    for (Incident incident : board.incidents()) {
      MaintenanceWindow w = incident.window();
      if (incident.kind() == IncidentKind.MAINTENANCE && w != null && incident.affects(serverId) && incident.state() != IncidentState.CANCELLED) {
        windows.add(w);
      }
    }
    for (RecurringMaintenance definition : recurring) {
      if (definition.servers().contains(serverId)) {
        windows.addAll(definition.occurrences(window.from(), window.to()));
      }
    }
    return windows;
  }

  /**
   * The figure of one timeline over a window, with these maintenance windows (and the recurring
   * ones of this reporter are not added here: pass them in).
   *
   * <p>A stretch where the timeline has no status (a gap between its intervals, or an "unknown"
   * one) is read from the rollups as one piece, whole buckets included where a maintenance window
   * cuts through it: the rollups count the results
   * taken during maintenance apart ({@link Rollup#maintenanceCount()}), and the policy decides
   * what they do. Under {@link UptimePolicy.Maintenance#LEFT_OUT} the
   * maintenance time of the stretch is left out and the rest counts with the share down of the
   * results taken outside maintenance; under {@link UptimePolicy.Maintenance#COUNTED_AS_UP} the
   * whole stretch counts with the share down of all its results, those during maintenance as up;
   * under {@link UptimePolicy.Maintenance#AS_OBSERVED} with the share down of all its results as
   * they were.
   */
  public UptimeFigure figure(String subject, Timeline timeline, List<MaintenanceWindow> maintenance, UptimeWindow window) {
    Instant from = window.from();
    Instant to = window.to();
    List<StatusInterval> known = timeline.intervals(from, to);
    TreeSet<Instant> cuts = new TreeSet<>();
    cuts.add(from);
    cuts.add(to);
    for (StatusInterval interval : known) {
      cuts.add(interval.start());
      cuts.add(interval.end());
    }
    for (MaintenanceWindow w : maintenance) {
      if (w.end().isAfter(from) && w.start().isBefore(to)) {
        cuts.add(w.start().isBefore(from) ? from : w.start());
        cuts.add(w.end().isAfter(to) ? to : w.end());
      }
    }
    double counted = 0;
    double down = 0;
    double maintenanceLeftOut = 0;
    double noData = 0;
    double fromRollups = 0;
    // The rollups' counts over the stretch without status that the current cut lies in (read
    // once per stretch), and where that stretch ends.
    long[] stretch = new long[HistoryStore.TOTALS];
    Instant stretchEnd = from;
    double share = Double.NaN;
    int k = 0;
    Instant a = cuts.first();
    for (Instant b : cuts.tailSet(a, false)) {
      double seconds = seconds(a, b);
      while (k < known.size() && !known.get(k).end().isAfter(a)) {
        k++;
      }
      Status status = k < known.size() && !known.get(k).start().isAfter(a) ? known.get(k).status() : Status.UNKNOWN;
      Instant at = a;
      boolean inMaintenance = status == Status.UNDER_MAINTENANCE || maintenance.stream().anyMatch(w -> w.contains(at));
      if (status == Status.UNKNOWN) {
        if (!a.isBefore(stretchEnd)) {
          stretchEnd = unknownUntil(known, k, a, to);
          share = rollupCounts(subject, a, stretchEnd, stretch) ? rollupDownShare(stretch) : Double.NaN;
        }
        if (inMaintenance && policy.maintenance() == UptimePolicy.Maintenance.LEFT_OUT) {
          maintenanceLeftOut += seconds;
        } else if (!Double.isNaN(share)) {
          counted += seconds;
          down += seconds * share;
          fromRollups += seconds;
        } else if (inMaintenance && policy.maintenance() == UptimePolicy.Maintenance.COUNTED_AS_UP) {
          counted += seconds;
        } else if (policy.noData() == UptimePolicy.NoData.COUNTED_DOWN) {
          counted += seconds;
          down += seconds;
        } else {
          noData += seconds;
        }
      } else if (inMaintenance && policy.maintenance() == UptimePolicy.Maintenance.LEFT_OUT) {
        maintenanceLeftOut += seconds;
      } else if (inMaintenance && policy.maintenance() == UptimePolicy.Maintenance.COUNTED_AS_UP) {
        counted += seconds;
      } else {
        counted += seconds;
        down += seconds * policy.weight(status);
      }
      a = b;
    }
    return new UptimeFigure(subject, seconds(from, to), counted, down, maintenanceLeftOut, noData, fromRollups, policy.rule());
  }

  /**
   * The end of the stretch without status that {@code a} lies in: the "unknown" interval of the
   * timeline covering {@code a}, or the gap between its intervals, up to {@code to}; {@code k} is
   * the first interval ending after {@code a}. Only maintenance cuts a stretch into pieces, so
   * the rollups are read over the same stretches as without maintenance.
   */
  private static Instant unknownUntil(List<StatusInterval> known, int k, Instant a, Instant to) {
    Instant end;
    if (k < known.size() && !known.get(k).start().isAfter(a)) {
      end = known.get(k).end();
    } else {
      end = k < known.size() ? known.get(k).start() : to;
    }
    return end.isAfter(to) ? to : end;
  }

  /**
   * Sets {@code totals} ({@link HistoryStore#TOTALS} longs) to the rollups' counts of every
   * series of this server over [a, b); false if there are no rollups.
   */
  private boolean rollupCounts(String serverId, Instant a, Instant b, long[] totals) {
    java.util.Arrays.fill(totals, 0);
    HistoryRecorder recorder = history;
    if (recorder == null) {
      return false;
    }
    for (SeriesKey key : recorder.seriesOf(serverId)) {
      recorder.addCounts(key, a.getEpochSecond(), b.getEpochSecond(), totals); // counts only: no histogram is read
    }
    return true;
  }

  /**
   * The share of time that counts as down according to these counts ({@link HistoryStore#TOTALS}
   * longs), under the policy's maintenance rule, or NaN if no result counts: failed plus degraded
   * × weight, over results; {@link UptimePolicy.Maintenance#LEFT_OUT} drops the results taken
   * during maintenance, {@link UptimePolicy.Maintenance#COUNTED_AS_UP} counts them as up, {@link
   * UptimePolicy.Maintenance#AS_OBSERVED} as they were.
   */
  private double rollupDownShare(long[] t) {
    double w = policy.degradedWeight();
    return switch (policy.maintenance()) {
      case LEFT_OUT -> t[0] - t[3] == 0 ? Double.NaN : (t[2] - t[5] + w * (t[1] - t[4])) / (t[0] - t[3]);
      case COUNTED_AS_UP -> t[0] == 0 ? Double.NaN : (t[2] - t[5] + w * (t[1] - t[4])) / t[0];
      case AS_OBSERVED -> t[0] == 0 ? Double.NaN : (t[2] + w * t[1]) / t[0];
    };
  }

  private static double seconds(Instant a, Instant b) {
    Duration d = Duration.between(a, b);
    return d.getSeconds() + d.getNano() / 1e9;
  }

  @Override
  public String toString() {
    return "UptimeReporter{" + policy.rule() + ", recurring=" + recurring.size() + ", history=" + Objects.nonNull(history) + ", " + clock + "}";
  }
}
