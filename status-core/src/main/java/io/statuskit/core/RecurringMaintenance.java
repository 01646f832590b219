package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance that recurs: defined once with a local start, a time zone, a duration and a {@link
 * Recurrence} (for example every Tuesday 02:00–03:00 Europe/Amsterdam:
 * {@code RecurringMaintenance.of("db-patch", "Database patching", Set.of("NC027"),
 * LocalDateTime.parse("2026-01-06T02:00"), ZoneId.of("Europe/Amsterdam"), Duration.ofHours(1),
 * Recurrence.parse("FREQ=WEEKLY;BYDAY=TU"))}). Occurrences keep their local wall-clock time across
 * daylight-saving changes, as iCalendar's {@code DTSTART;TZID=} does: 02:00 stays 02:00 local
 * when the offset changes; a start that falls in a spring-forward gap moves forward by the gap
 * (02:30 becomes 03:30 on the day clocks skip 02:00–03:00), and one that falls twice in an
 * autumn overlap takes the first (the earlier offset), both as RFC 5545 section 3.3.5 says.
 *
 * @param id a stable id, used as the iCalendar UID
 * @param title what the page and the calendar show
 * @param servers the servers it holds back alerts for and leaves out of uptime
 * @param start the first occurrence's local start (DTSTART)
 * @param zone the zone the local times are in (TZID)
 * @param duration how long each occurrence lasts, more than zero and at most 7 days
 * @param rule the recurrence
 */
public record RecurringMaintenance(
    String id, String title, ImmutableSet<String> servers, LocalDateTime start, ZoneId zone, Duration duration, Recurrence rule) {

  /** Checks every part. */
  public RecurringMaintenance {
    Checks.id("maintenance.id", id);
    Checks.line("maintenance.title", title);
    requireNonNull(servers, "maintenance.servers");
    for (String server : servers) {
      Checks.id("maintenance.servers", server);
    }
    requireNonNull(start, "maintenance.start");
    requireNonNull(zone, "maintenance.zone");
    requireNonNull(rule, "maintenance.rule");
    checkArgument(duration.compareTo(Duration.ZERO) > 0 && duration.compareTo(Duration.ofDays(7)) <= 0,
        "maintenance.duration must be more than 0 and at most 7 days: %s", duration);
  }

  /** A definition; {@code servers} is copied. */
  public static RecurringMaintenance of(
      String id, String title, Iterable<String> servers, LocalDateTime start, ZoneId zone, Duration duration, Recurrence rule) {
    return new RecurringMaintenance(id, title, ImmutableSet.copyOf(servers), start, zone, duration, rule);
  }

  /** The occurrences that overlap {@code [from, to)}, in order. */
  public ImmutableList<MaintenanceWindow> occurrences(Instant from, Instant to) {
    checkArgument(!to.isBefore(from), "to must not be before from: %s, %s", from, to);
    Instant until = rule.until();
    LocalDate skipBefore = from.minus(duration).atZone(zone).toLocalDate().minusDays(1);
    List<MaintenanceWindow> windows = new ArrayList<>();
    rule.expand(start, skipBefore, local -> {
      Instant begin = ZonedDateTime.of(local, zone).toInstant();
      if (!begin.isBefore(to) || (until != null && begin.isAfter(until))) {
        return false;
      }
      Instant end = begin.plus(duration);
      if (end.isAfter(from)) {
        windows.add(MaintenanceWindow.of(begin, end));
      }
      return true;
    });
    return ImmutableList.copyOf(windows);
  }

  /** The occurrence in progress at this instant, if any. */
  public Optional<MaintenanceWindow> occurrenceAt(Instant instant) {
    List<MaintenanceWindow> around = occurrences(instant, instant.plusNanos(1));
    return around.stream().filter(w -> w.contains(instant)).findFirst();
  }

  /**
   * Whether this server is in an occurrence at this instant: what a monitor asks before opening an
   * incident on its own, and what uptime asks to leave time out.
   */
  public boolean covers(String serverId, Instant instant) {
    return servers.contains(serverId) && occurrenceAt(instant).isPresent();
  }
}
