package io.statuskit.history;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Timeline;
import java.time.Duration;
import java.time.Instant;
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
