package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A recurrence rule: the subset of iCalendar's RRULE (RFC 5545 section 3.3.10) that maintenance
 * windows need. {@code FREQ=DAILY|WEEKLY|MONTHLY}, {@code INTERVAL}, {@code BYDAY} (weekdays; in
 * a monthly rule also with an ordinal, {@code 1TU}, {@code -1FR}), {@code BYMONTHDAY} (monthly,
 * {@code 1..31} and {@code -1..-31}), {@code COUNT}, {@code UNTIL}, and {@code WKST=MO}. Anything
 * else ({@code FREQ=YEARLY}, {@code BYSETPOS}, {@code BYHOUR}, {@code BYWEEKNO}, another {@code
 * WKST}, ...) is rejected with a message naming it, never silently ignored. A month without the
 * day ({@code BYMONTHDAY=31} in April) has no occurrence that month, as RFC 5545 says. Dates are
 * expanded on the local calendar of the definition's zone; {@link RecurringMaintenance} turns them
 * into instants. Immutable and thread-safe.
 */
public final class Recurrence {
  /** How often the rule repeats. */
  public enum Frequency {
    DAILY,
    WEEKLY,
    MONTHLY
  }

  /**
   * One BYDAY entry.
   *
   * @param ordinal 0 for every such weekday; in a monthly rule 1..5 or -1..-5 for the nth (from
   *     the end)
   * @param day the weekday
   */
  public record WeekdayNum(int ordinal, DayOfWeek day) {
    /** Checks the ordinal. */
    public WeekdayNum {
      requireNonNull(day, "day");
      checkArgument(ordinal >= -5 && ordinal <= 5, "BYDAY ordinal must be -5..5: %s", ordinal);
    }

    @Override
    public String toString() {
      return (ordinal == 0 ? "" : Integer.toString(ordinal)) + code(day);
    }
  }

  private static final DateTimeFormatter UNTIL_FORMAT =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Frequency frequency;
  private final int interval;
  private final ImmutableList<WeekdayNum> byDay;
  private final ImmutableList<Integer> byMonthDay;
  private final @Nullable Integer count;
  private final @Nullable Instant until;

  private Recurrence(
      Frequency frequency, int interval, List<WeekdayNum> byDay, List<Integer> byMonthDay, @Nullable Integer count, @Nullable Instant until) {
    this.frequency = requireNonNull(frequency, "frequency");
    checkArgument(interval >= 1 && interval <= 1000, "INTERVAL must be 1..1000: %s", interval);
    checkArgument(count == null || count >= 1, "COUNT must be at least 1: %s", count);
    checkArgument(count == null || until == null, "COUNT and UNTIL must not both be given (RFC 5545)");
    for (WeekdayNum day : byDay) {
      checkArgument(day.ordinal() == 0 || frequency == Frequency.MONTHLY, "BYDAY with an ordinal (%s) is only for FREQ=MONTHLY", day);
    }
    for (int day : byMonthDay) {
      checkArgument(day != 0 && day >= -31 && day <= 31, "BYMONTHDAY must be 1..31 or -31..-1: %s", day);
    }
    checkArgument(byMonthDay.isEmpty() || frequency == Frequency.MONTHLY, "BYMONTHDAY is only supported with FREQ=MONTHLY");
    this.interval = interval;
    this.byDay = ImmutableList.copyOf(byDay);
    this.byMonthDay = ImmutableList.copyOf(byMonthDay);
    this.count = count;
    this.until = until;
  }

  /**
   * Parses an RRULE value ({@code FREQ=WEEKLY;BYDAY=TU}); an optional {@code RRULE:} prefix is
   * allowed.
   *
   * @throws IllegalArgumentException for a rule outside the subset, naming the part
   */
  public static Recurrence parse(String rule) {
    String text = rule.strip();
    if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
      text = text.substring(6);
    }
    Frequency frequency = null;
    int interval = 1;
    List<WeekdayNum> byDay = new ArrayList<>();
    List<Integer> byMonthDay = new ArrayList<>();
    Integer count = null;
    Instant until = null;
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      checkArgument(eq > 0, "RRULE part must be NAME=VALUE: \"%s\" in \"%s\"", part, rule);
      String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
      String value = part.substring(eq + 1).toUpperCase(Locale.ROOT);
      try {
        switch (name) {
          case "FREQ" -> {
            checkArgument(value.equals("DAILY") || value.equals("WEEKLY") || value.equals("MONTHLY"),
                "FREQ=%s is not supported (DAILY, WEEKLY and MONTHLY are): \"%s\"", value, rule);
            frequency = Frequency.valueOf(value);
          }
          case "INTERVAL" -> interval = Integer.parseInt(value);
          case "COUNT" -> count = Integer.parseInt(value);
          case "UNTIL" -> until = parseUntil(value);
          case "WKST" -> checkArgument(value.equals("MO"), "WKST=%s is not supported (only MO): \"%s\"", value, rule);
          case "BYDAY" -> {
            for (String day : value.split(",")) {
              String code = day.substring(Math.max(0, day.length() - 2));
              String ordinal = day.substring(0, Math.max(0, day.length() - 2));
              byDay.add(new WeekdayNum(ordinal.isEmpty() ? 0 : Integer.parseInt(ordinal.replace("+", "")), dayOf(code, rule)));
            }
          }
          case "BYMONTHDAY" -> {
            for (String day : value.split(",")) {
              byMonthDay.add(Integer.parseInt(day.replace("+", "")));
            }
          }
          default -> throw new IllegalArgumentException("RRULE part " + name + " is not supported: \"" + rule + "\"");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("RRULE " + name + " must be a number: \"" + value + "\" in \"" + rule + "\"", e);
      }
    }
    checkArgument(frequency != null, "RRULE must have a FREQ: \"%s\"", rule);
    return new Recurrence(frequency, interval, byDay, byMonthDay, count, until);
  }

  private static Instant parseUntil(String value) {
    try {
      if (value.length() == 8) {
        // A date: the whole day counts (up to its end in UTC).
        return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
      }
      checkArgument(value.endsWith("Z"), "UNTIL must be a date or a UTC date-time (ending in Z): %s", value);
      return Instant.from(UNTIL_FORMAT.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("UNTIL is not a date or UTC date-time: " + value, e);
    }
  }

  private static DayOfWeek dayOf(String code, String rule) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (code(day).equals(code)) {
        return day;
      }
    }
    throw new IllegalArgumentException("BYDAY weekday must be MO, TU, WE, TH, FR, SA or SU: \"" + code + "\" in \"" + rule + "\"");
  }

  private static String code(DayOfWeek day) {
    return day.name().substring(0, 2);
  }

  /** The frequency. */
  public Frequency frequency() {
    return frequency;
  }

  /** The interval (every nth period). */
  public int interval() {
    return interval;
  }

  /** The BYDAY entries, empty if none. */
  public ImmutableList<WeekdayNum> byDay() {
    return byDay;
  }

  /** The BYMONTHDAY entries, empty if none. */
  public ImmutableList<Integer> byMonthDay() {
    return byMonthDay;
  }

  /** The COUNT, if given. */
  public @Nullable Integer count() {
    return count;
  }

  /** The UNTIL (inclusive), if given. */
  public @Nullable Instant until() {
    return until;
  }

  /** The rule as an RRULE value, in a canonical order: what {@link #parse} reads back to an equal rule. */
  public String toRrule() {
    StringBuilder text = new StringBuilder("FREQ=").append(frequency);
    if (interval != 1) {
      text.append(";INTERVAL=").append(interval);
    }
    if (!byDay.isEmpty()) {
      text.append(";BYDAY=").append(String.join(",", byDay.stream().map(WeekdayNum::toString).toList()));
    }
    if (!byMonthDay.isEmpty()) {
      text.append(";BYMONTHDAY=").append(String.join(",", byMonthDay.stream().map(String::valueOf).toList()));
    }
    if (count != null) {
      text.append(";COUNT=").append(count);
    }
    if (until != null) {
      text.append(";UNTIL=").append(UNTIL_FORMAT.format(until));
    }
    return text.toString();
  }

  /**
   * The local start date-times of the occurrences, in order, from {@code start} (the definition's
   * DTSTART, which is the first occurrence if it matches the rule) while {@code keepGoing} accepts
   * them and COUNT allows; UNTIL is checked by the caller, who knows the zone. Periods before
   * {@code skipBefore} are skipped without being expanded when there is no COUNT (which needs
   * every occurrence from the start).
   */
  List<LocalDateTime> expand(LocalDateTime start, LocalDate skipBefore, Predicate<LocalDateTime> keepGoing) {
    List<LocalDateTime> out = new ArrayList<>();
    LocalDate startDate = start.toLocalDate();
    long period = 0;
    if (count == null && skipBefore.isAfter(startDate)) {
      long periods = switch (frequency) {
        case DAILY -> ChronoUnit.DAYS.between(startDate, skipBefore);
        case WEEKLY -> ChronoUnit.WEEKS.between(weekStart(startDate), weekStart(skipBefore));
        case MONTHLY -> ChronoUnit.MONTHS.between(startDate.withDayOfMonth(1), skipBefore.withDayOfMonth(1));
      };
      period = Math.max(0, periods / interval - 1);
    }
    int emitted = 0;
    int emptyPeriods = 0;
    while (true) {
      List<LocalDate> dates = datesOfPeriod(startDate, period * interval);
      if (dates.isEmpty() && ++emptyPeriods > 10_000) {
        return out; // a rule that never matches (BYMONTHDAY=31 with BYDAY of a weekday that never falls there)
      }
      for (LocalDate date : dates) {
        if (date.isBefore(startDate)) {
          continue;
        }
        LocalDateTime occurrence = date.atTime(start.toLocalTime());
        if (!keepGoing.test(occurrence)) {
          return out;
        }
        out.add(occurrence);
        if (count != null && ++emitted >= count) {
          return out;
        }
      }
      period++;
    }
  }

  private List<LocalDate> datesOfPeriod(LocalDate startDate, long offset) {
    switch (frequency) {
      case DAILY -> {
        LocalDate date = startDate.plusDays(offset);
        return byDay.isEmpty() || byDay.stream().anyMatch(d -> d.day() == date.getDayOfWeek()) ? List.of(date) : List.of();
      }
      case WEEKLY -> {
        LocalDate monday = weekStart(startDate).plusWeeks(offset);
        List<LocalDate> dates = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
          boolean wanted = byDay.isEmpty() ? day == startDate.getDayOfWeek() : byDay.stream().anyMatch(d -> d.day() == day);
          if (wanted) {
            dates.add(monday.plusDays(day.ordinal()));
          }
        }
        return dates;
      }
      case MONTHLY -> {
        LocalDate first = startDate.withDayOfMonth(1).plusMonths(offset);
        int length = first.lengthOfMonth();
        TreeSet<LocalDate> dates = new TreeSet<>();
        if (byMonthDay.isEmpty() && byDay.isEmpty()) {
          if (startDate.getDayOfMonth() <= length) {
            dates.add(first.withDayOfMonth(startDate.getDayOfMonth()));
          }
          return new ArrayList<>(dates);
        }
        TreeSet<LocalDate> monthDays = new TreeSet<>();
        for (int day : byMonthDay) {
          int dom = day > 0 ? day : length + day + 1;
          if (dom >= 1 && dom <= length) {
            monthDays.add(first.withDayOfMonth(dom));
          }
        }
        TreeSet<LocalDate> weekDays = new TreeSet<>();
        for (WeekdayNum day : byDay) {
          if (day.ordinal() == 0) {
            for (LocalDate d = first.with(TemporalAdjusters.nextOrSame(day.day())); d.getMonth() == first.getMonth(); d = d.plusWeeks(1)) {
              weekDays.add(d);
            }
          } else {
            LocalDate d = day.ordinal() > 0
                ? first.with(TemporalAdjusters.dayOfWeekInMonth(day.ordinal(), day.day()))
                : first.with(TemporalAdjusters.lastInMonth(day.day())).minusWeeks(-day.ordinal() - 1);
            if (d.getMonth() == first.getMonth()) {
              weekDays.add(d);
            }
          }
        }
        if (byMonthDay.isEmpty()) {
          dates.addAll(weekDays);
        } else if (byDay.isEmpty()) {
          dates.addAll(monthDays);
        } else {
          monthDays.retainAll(weekDays);
          dates.addAll(monthDays);
        }
        return new ArrayList<>(dates);
      }
    }
    throw new AssertionError(frequency);
  }

  private static LocalDate weekStart(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Recurrence that
        && frequency == that.frequency
        && interval == that.interval
        && byDay.equals(that.byDay)
        && byMonthDay.equals(that.byMonthDay)
        && Objects.equals(count, that.count)
        && Objects.equals(until, that.until);
  }

  @Override
  public int hashCode() {
    return Objects.hash(frequency, interval, byDay, byMonthDay, count, until);
  }

  @Override
  public String toString() {
    return toRrule();
  }
}
