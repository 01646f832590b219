package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A server's effective status history: the points at which it changed, oldest first, each status
 * lasting until the next change. Before the first change nothing is known: like time in {@link
 * Status#UNKNOWN} it is "no data", neither up nor down, and left out of uptime. Windows are
 * half-open, {@code [from, to)}.
 *
 * <p>Downtime is time in {@link Status#isOutage() partial or major outage}; time under
 * maintenance counts as up unless asked otherwise. So uptime lies in [0, 100] and adds up over
 * adjacent windows: {@code downtime(a, c) == downtime(a, b) + downtime(b, c)}. Immutable and
 * thread-safe.
 *
 * @param serverId the server
 * @param changes the changes, oldest first, each at or after the one before, no two in a row
 *     with the same status
 */
public record Timeline(String serverId, ImmutableList<StatusChange> changes) {
  /** Checks the order of the changes. */
  public Timeline {
    Checks.id("serverId", serverId);
    requireNonNull(changes, "changes");
    for (int i = 1; i < changes.size(); i++) {
      if (changes.get(i).at().isBefore(changes.get(i - 1).at())) {
        throw new IllegalArgumentException(
            "timeline of " + serverId + " goes back in time at " + changes.get(i).at());
      }
    }
  }

  /** An empty timeline. */
  public static Timeline empty(String serverId) {
    return new Timeline(serverId, ImmutableList.of());
  }

  /**
   * This timeline with the status from {@code at} on; unchanged when that is already the status.
   * A change at the same instant as the last one replaces it.
   *
   * @throws IllegalArgumentException if {@code at} is before the last change
   */
  public Timeline with(Instant at, Status status) {
    requireNonNull(at, "at");
    requireNonNull(status, "status");
    if (changes.isEmpty()) {
      return new Timeline(serverId, ImmutableList.of(new StatusChange(at, status)));
    }
    StatusChange last = changes.get(changes.size() - 1);
    if (at.isBefore(last.at())) {
      throw new IllegalArgumentException(
          "time "
              + at
              + " is before the last status change of "
              + serverId
              + " at "
              + last.at()
              + "; history cannot be rewritten");
    }
    if (last.status() == status) {
      return this;
    }
    List<StatusChange> next = new ArrayList<>(changes.size() + 1);
    next.addAll(changes);
    if (at.equals(last.at())) {
      next.remove(next.size() - 1);
      if (!next.isEmpty() && next.get(next.size() - 1).status() == status) {
        return new Timeline(serverId, ImmutableList.copyOf(next));
      }
    }
    next.add(new StatusChange(at, status));
    return new Timeline(serverId, ImmutableList.copyOf(next));
  }

  /** The status at {@code instant}, or {@link Status#UNKNOWN} before the first change. */
  public Status statusAt(Instant instant) {
    requireNonNull(instant, "instant");
    int index = indexAt(instant);
    return index < 0 ? Status.UNKNOWN : changes.get(index).status();
  }

  /** When the last change happened, or null when there is none. */
  public @Nullable Instant lastChangeAt() {
    return changes.isEmpty() ? null : changes.get(changes.size() - 1).at();
  }

  /** The status now: that of the last change, or {@link Status#UNKNOWN} before any. */
  public Status current() {
    return changes.isEmpty() ? Status.UNKNOWN : changes.get(changes.size() - 1).status();
  }

  /** When the current status began, if anything is known. */
  public Optional<Instant> currentSince() {
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of(changes.get(changes.size() - 1).at());
  }

  /** Index of the last change at or before {@code instant}, or -1. */
  private int indexAt(Instant instant) {
    int low = 0;
    int high = changes.size() - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (changes.get(mid).at().isAfter(instant)) {
        high = mid - 1;
      } else {
        found = mid;
        low = mid + 1;
      }
    }
    return found;
  }

  /**
   * The known intervals within {@code [from, to)}, clipped to the window; time before the first
   * change is left out.
   */
  public List<StatusInterval> intervals(Instant from, Instant to) {
    checkWindow(from, to);
    List<StatusInterval> result = new ArrayList<>();
    int start = Math.max(indexAt(from), 0);
    for (int i = start; i < changes.size(); i++) {
      StatusChange change = changes.get(i);
      if (!change.at().isBefore(to)) {
        break;
      }
      Instant begin = change.at().isBefore(from) ? from : change.at();
      Instant end = i + 1 < changes.size() ? min(changes.get(i + 1).at(), to) : to;
      if (end.isAfter(begin)) {
        result.add(new StatusInterval(change.status(), begin, end));
      }
    }
    return result;
  }

  /** Time in outage within {@code [from, to)}; maintenance counts as up. */
  public Duration downtime(Instant from, Instant to) {
    return downtime(from, to, true);
  }

  /**
   * Time in outage within {@code [from, to)}.
   *
   * @param maintenanceCountsAsUp whether time under maintenance counts as up
   */
  public Duration downtime(Instant from, Instant to, boolean maintenanceCountsAsUp) {
    checkWindow(from, to);
    // The same walk as intervals(from, to), summing in place instead of building the list.
    long seconds = 0;
    long nanos = 0;
    int size = changes.size();
    for (int i = Math.max(indexAt(from), 0); i < size; i++) {
      StatusChange change = changes.get(i);
      Instant at = change.at();
      if (!at.isBefore(to)) {
        break;
      }
      if (!isDown(change.status(), maintenanceCountsAsUp)) {
        continue;
      }
      Instant begin = at.isBefore(from) ? from : at;
      Instant end = i + 1 < size ? min(changes.get(i + 1).at(), to) : to;
      if (end.isAfter(begin)) {
        seconds += end.getEpochSecond() - begin.getEpochSecond();
        nanos += end.getNano() - begin.getNano();
      }
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  /**
   * Uptime in percent over the time with data in {@code [from, to)}, from 0 to 100; maintenance
   * counts as up. Time without data (before the first change, or {@link Status#UNKNOWN}: no
   * monitor reported) is left out, never counted as up; NaN when the window has no data at all.
   */
  public double uptimePercent(Instant from, Instant to) {
    return uptimePercent(from, to, true);
  }

  /**
   * Uptime in percent over the time with data in {@code [from, to)}: 100 × (known − downtime) /
   * known, where known is the window less the time without data ({@link #noDataTime}). NaN when
   * nothing is known in the window (also for an empty window).
   *
   * @param maintenanceCountsAsUp whether time under maintenance counts as up
   */
  public double uptimePercent(Instant from, Instant to, boolean maintenanceCountsAsUp) {
    checkWindow(from, to);
    long known = Duration.between(from, to).minus(noDataTime(from, to)).toMillis();
    if (known <= 0) {
      return Double.NaN;
    }
    long down = downtime(from, to, maintenanceCountsAsUp).toMillis();
    return 100.0 * (known - down) / known;
  }

  /**
   * Time without data within {@code [from, to)}: before the first change, and in {@link
   * Status#UNKNOWN} (never observed, or no monitor reporting).
   */
  public Duration noDataTime(Instant from, Instant to) {
    checkWindow(from, to);
    Duration known = Duration.ZERO;
    for (StatusInterval interval : intervals(from, to)) {
      if (interval.status() != Status.UNKNOWN) {
        known = known.plus(Duration.between(interval.start(), interval.end()));
      }
    }
    return Duration.between(from, to).minus(known);
  }

  /**
   * The outages that overlap {@code [from, to)}, oldest first: maximal runs of outage statuses,
   * not clipped to the window. The last one has no end while it goes on.
   */
  public List<Outage> outages(Instant from, Instant to) {
    return outages(from, to, true);
  }

  /**
   * The outages that overlap {@code [from, to)}, oldest first.
   *
   * @param maintenanceCountsAsUp whether time under maintenance counts as up
   */
  public List<Outage> outages(Instant from, Instant to, boolean maintenanceCountsAsUp) {
    checkWindow(from, to);
    List<Outage> result = new ArrayList<>();
    // Start at the last change at or before the window, back up to the start of the run of
    // outage statuses it belongs to; runs that ended before that change cannot overlap.
    int first = Math.max(indexAt(from), 0);
    while (first > 0 && isDown(changes.get(first - 1).status(), maintenanceCountsAsUp)) {
      first--;
    }
    @Nullable Instant start = null;
    Status worst = Status.OPERATIONAL;
    for (int i = first; i < changes.size(); i++) {
      StatusChange change = changes.get(i);
      boolean down = isDown(change.status(), maintenanceCountsAsUp);
      if (start == null && !change.at().isBefore(to)) {
        break;
      }
      if (down && start == null) {
        start = change.at();
        worst = change.status();
      } else if (down) {
        worst = worst.worst(change.status());
      } else if (start != null) {
        addIfOverlapping(result, new Outage(serverId, start, change.at(), worst), from, to);
        start = null;
      }
    }
    if (start != null) {
      addIfOverlapping(result, new Outage(serverId, start, null, worst), from, to);
    }
    return result;
  }

  /** The longest outage overlapping {@code [from, to)}, measured up to {@code to} if ongoing. */
  public Optional<Outage> longestOutage(Instant from, Instant to) {
    return outages(from, to).stream().max(Comparator.comparing(outage -> outage.duration(to)));
  }

  /** Every outage in the whole history, oldest first. */
  public List<Outage> outages() {
    return outages(Instant.MIN, Instant.MAX);
  }

  private static void addIfOverlapping(List<Outage> result, Outage outage, Instant from, Instant to) {
    Instant end = outage.end();
    if (outage.start().isBefore(to) && (end == null || end.isAfter(from))) {
      result.add(outage);
    }
  }

  private static boolean isDown(Status status, boolean maintenanceCountsAsUp) {
    return status.isOutage() || (!maintenanceCountsAsUp && status == Status.UNDER_MAINTENANCE);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void checkWindow(Instant from, Instant to) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    checkArgument(!to.isBefore(from), "window: to %s is before from %s", to, from);
  }
}
