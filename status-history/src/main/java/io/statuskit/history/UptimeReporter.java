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
 * or "unknown"), the history's rollups give the figure if they have results there (the share of
 * failed results, degraded weighted by the policy), else the time is no data. Immutable and
 * thread-safe.
 */
public final class UptimeReporter {
  private final UptimePolicy policy;
  private final ImmutableList<RecurringMaintenance> recurring;
  private final @Nullable HistoryRecorder history;

  private UptimeReporter(UptimePolicy policy, ImmutableList<RecurringMaintenance> recurring, @Nullable HistoryRecorder history) {
    this.policy = requireNonNull(policy, "policy");
    this.recurring = recurring;
    this.history = history;
  }

  /** A reporter under this policy, with no recurring maintenance and no rollups. */
  public static UptimeReporter of(UptimePolicy policy) {
    return new UptimeReporter(policy, ImmutableList.of(), null);
  }

  /** This reporter, also leaving out (per the policy) these recurring windows. */
  public UptimeReporter withRecurringMaintenance(List<RecurringMaintenance> definitions) {
    return new UptimeReporter(policy, ImmutableList.copyOf(definitions), history);
  }

  /** This reporter, reading rollups where timelines have no status. */
  public UptimeReporter withHistory(HistoryRecorder recorder) {
    return new UptimeReporter(policy, recurring, requireNonNull(recorder, "recorder"));
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

  /** A report for these servers, with a total under this name. */
  public UptimeReport servers(StatusBoard board, List<String> serverIds, UptimeWindow window, String totalName) {
    List<UptimeFigure> figures = new ArrayList<>();
    for (String id : serverIds) {
      figures.add(figure(id, board.timeline(id), maintenanceOf(board, id, window), window));
    }
    return new UptimeReport(window, policy.rule(), ImmutableList.copyOf(figures), UptimeFigure.sum(totalName, figures, policy.rule()));
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
    Timeline timeline = board.timeline(serverId);
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
      boolean done = false;
      if (inMaintenance) {
        switch (policy.maintenance()) {
          case LEFT_OUT -> {
            maintenanceLeftOut += seconds;
            done = true;
          }
          case COUNTED_AS_UP -> {
            counted += seconds;
            done = true;
          }
          case AS_OBSERVED -> { }
        }
      }
      if (!done && status == Status.UNKNOWN) {
        double share = rollupDownShare(subject, a, b);
        if (!Double.isNaN(share)) {
          counted += seconds;
          down += seconds * share;
          fromRollups += seconds;
        } else if (policy.noData() == UptimePolicy.NoData.COUNTED_DOWN) {
          counted += seconds;
          down += seconds;
        } else {
          noData += seconds;
        }
      } else if (!done) {
        counted += seconds;
        down += seconds * policy.weight(status);
      }
      a = b;
    }
    return new UptimeFigure(subject, seconds(from, to), counted, down, maintenanceLeftOut, noData, fromRollups, policy.rule());
  }

  /** The share of [a, b) that counts as down according to the rollups, or NaN if they have no results there. */
  private double rollupDownShare(String serverId, Instant a, Instant b) {
    HistoryRecorder recorder = history;
    if (recorder == null) {
      return Double.NaN;
    }
    long count = 0;
    double down = 0;
    long[] totals = new long[3];
    for (SeriesKey key : recorder.seriesOf(serverId)) {
      totals[0] = 0;
      totals[1] = 0;
      totals[2] = 0;
      recorder.addCounts(key, a.getEpochSecond(), b.getEpochSecond(), totals); // counts only: no histogram is read
      count += totals[0];
      down += totals[2] + policy.degradedWeight() * totals[1];
    }
    return count == 0 ? Double.NaN : down / count;
  }

  private static double seconds(Instant a, Instant b) {
    Duration d = Duration.between(a, b);
    return d.getSeconds() + d.getNano() / 1e9;
  }

  @Override
  public String toString() {
    return "UptimeReporter{" + policy.rule() + ", recurring=" + recurring.size() + ", history=" + Objects.nonNull(history) + "}";
  }
}
