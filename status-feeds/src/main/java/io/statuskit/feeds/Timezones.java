package io.statuskit.feeds;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@code VTIMEZONE} (RFC 5545 section 3.6.5) for a zone from the JDK's current rules:
 * a zone with yearly daylight-saving rules gets a {@code STANDARD} and a {@code DAYLIGHT}
 * component with yearly RRULEs (for example {@code BYMONTH=3;BYDAY=-1SU} for Europe); a zone
 * without gets one {@code STANDARD} with its fixed offset. Past rule changes are not written (the
 * definitions start in the present), which is what calendar clients need for recurring events
 * from now on; they also know the TZID by its IANA name.
 */
final class Timezones {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

  private Timezones() {}

  static void write(Writer out, ZoneId zone) throws IOException {
    ZoneRules rules = zone.getRules();
    MaintenanceCalendar.line(out, "BEGIN:VTIMEZONE");
    MaintenanceCalendar.line(out, "TZID:" + zone.getId());
    List<ZoneOffsetTransitionRule> transitions = rules.getTransitionRules();
    if (transitions.size() == 2 && transitions.stream().allMatch(Timezones::expressible)) {
      for (ZoneOffsetTransitionRule rule : transitions) {
        boolean daylight = rule.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds();
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        MaintenanceCalendar.line(out, "BEGIN:" + kind);
        // The wall-clock time of the change in the offset before it, in 1970 (the RRULE repeats it).
        LocalDateTime first = rule.createTransition(1970).getDateTimeBefore();
        MaintenanceCalendar.line(out, "DTSTART:" + LOCAL.format(first));
        MaintenanceCalendar.line(out, "TZOFFSETFROM:" + offset(rule.getOffsetBefore()));
        MaintenanceCalendar.line(out, "TZOFFSETTO:" + offset(rule.getOffsetAfter()));
        MaintenanceCalendar.line(out, "RRULE:FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + ";BYDAY=" + byDay(rule));
        MaintenanceCalendar.line(out, "END:" + kind);
      }
    } else {
      ZoneOffset now = rules.getStandardOffset(java.time.Instant.EPOCH.plusSeconds(60L * 365 * 86_400));
      ZoneOffset fixed = transitions.isEmpty() && rules.isFixedOffset() ? rules.getOffset(java.time.Instant.EPOCH) : now;
      MaintenanceCalendar.line(out, "BEGIN:STANDARD");
      MaintenanceCalendar.line(out, "DTSTART:19700101T000000");
      MaintenanceCalendar.line(out, "TZOFFSETFROM:" + offset(fixed));
      MaintenanceCalendar.line(out, "TZOFFSETTO:" + offset(fixed));
      MaintenanceCalendar.line(out, "END:STANDARD");
    }
    MaintenanceCalendar.line(out, "END:VTIMEZONE");
  }

  /** Whether the rule is "the nth (or last) weekday of the month", which an RRULE can say. */
  private static boolean expressible(ZoneOffsetTransitionRule rule) {
    int day = rule.getDayOfMonthIndicator();
    return rule.getDayOfWeek() != null
        && (day == 1 || day == 8 || day == 15 || day == 22 || day == -1 || day == rule.getMonth().minLength() - 6 && rule.getMonth().minLength() == rule.getMonth().maxLength());
  }

  private static String byDay(ZoneOffsetTransitionRule rule) {
    int day = rule.getDayOfMonthIndicator();
    String weekday = rule.getDayOfWeek().name().substring(0, 2);
    return (day > 0 && day <= 22 ? Integer.toString((day + 6) / 7) : "-1") + weekday;
  }

  private static String offset(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    int abs = Math.abs(seconds);
    return String.format(Locale.ROOT, "%s%02d%02d", seconds < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
  }

}
