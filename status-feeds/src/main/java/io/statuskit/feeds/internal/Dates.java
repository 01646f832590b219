package io.statuskit.feeds.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes dates without allocating formatters: RFC 822 (with RFC 1123's four-digit year and English
 * names, as RSS 2.0 wants) and RFC 3339 (Atom, JSON Feed) with milliseconds where the value has
 * any. Stateless and thread-safe.
 */
public final class Dates {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private Dates() {}

  private static OffsetDateTime whole(OffsetDateTime time) {
    // An offset with seconds has no RFC 822 / RFC 3339 spelling; such times are given in UTC.
    OffsetDateTime t =
        time.getOffset().getTotalSeconds() % 60 == 0 ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("time must have a four-digit year: " + time);
    }
    return t;
  }

  /** Appends an RFC 822 date such as {@code Wed, 23 Nov 2016 07:28:27 +0000}. */
  public static StringBuilder rfc822(OffsetDateTime time, StringBuilder out) {
    OffsetDateTime t = whole(time);
    out.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
    two(out, t.getDayOfMonth());
    out.append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    four(out, t.getYear());
    out.append(' ');
    clock(out, t);
    out.append(' ');
    int offset = t.getOffset().getTotalSeconds() / 60;
    out.append(offset < 0 ? '-' : '+');
    offset = Math.abs(offset);
    two(out, offset / 60);
    two(out, offset % 60);
    return out;
  }

  /** Appends an RFC 3339 date such as {@code 2016-11-23T07:28:27.500Z}. */
  public static StringBuilder rfc3339(OffsetDateTime time, StringBuilder out) {
    return rfc3339(time, out, false);
  }

  /**
   * The RFC 3339 form of an instant in UTC with at least millisecond digits, as Statuspage writes
   * them: {@code 2022-11-25T15:50:04.967Z}.
   */
  public static String millis(Instant instant) {
    return millis(instant, new StringBuilder(30)).toString();
  }

  /**
   * Appends {@link #millis(Instant)}'s form of an instant, computing the civil date from the epoch
   * day directly (H. Hinnant's {@code civil_from_days}) so that writing a time allocates nothing:
   * on JDK 17, {@code Instant.atOffset} builds a new {@code ZoneRules} on every call.
   */
  public static StringBuilder millis(Instant instant, StringBuilder out) {
    long seconds = instant.getEpochSecond();
    long z = Math.floorDiv(seconds, 86_400L) + 719_468L;
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    long era = Math.floorDiv(z, 146_097L);
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("time must have a four-digit year: " + instant);
    }
    four(out, (int) year);
    out.append('-');
    two(out, month);
    out.append('-');
    two(out, day);
    out.append('T');
    two(out, secondOfDay / 3_600);
    out.append(':');
    two(out, secondOfDay / 60 % 60);
    out.append(':');
    two(out, secondOfDay % 60);
    int nanos = instant.getNano();
    if (nanos < 1_000_000) {
      out.append(".000");
    } else {
      fraction(out, nanos);
    }
    return out.append('Z');
  }

  private static StringBuilder rfc3339(OffsetDateTime time, StringBuilder out, boolean millis) {
    OffsetDateTime t = whole(time);
    four(out, t.getYear());
    out.append('-');
    two(out, t.getMonthValue());
    out.append('-');
    two(out, t.getDayOfMonth());
    out.append('T');
    clock(out, t);
    if (millis && t.getNano() < 1_000_000) {
      out.append(".000");
    } else {
      fraction(out, t.getNano());
    }
    int offset = t.getOffset().getTotalSeconds() / 60;
    if (offset == 0) {
      out.append('Z');
    } else {
      out.append(offset < 0 ? '-' : '+');
      offset = Math.abs(offset);
      two(out, offset / 60);
      out.append(':');
      two(out, offset % 60);
    }
    return out;
  }

  /** Appends an RFC 3339 date of an instant in UTC. */
  public static StringBuilder rfc3339(Instant instant, StringBuilder out) {
    return rfc3339(instant.atOffset(ZoneOffset.UTC), out);
  }

  /** The RFC 3339 form of an instant in UTC. */
  public static String rfc3339(Instant instant) {
    return rfc3339(instant, new StringBuilder(30)).toString();
  }

  /** The RFC 3339 form of a time. */
  public static String rfc3339(OffsetDateTime time) {
    return rfc3339(time, new StringBuilder(30)).toString();
  }

  /** The RFC 822 form of a time. */
  public static String rfc822(OffsetDateTime time) {
    return rfc822(time, new StringBuilder(32)).toString();
  }

  private static void clock(StringBuilder out, OffsetDateTime t) {
    two(out, t.getHour());
    out.append(':');
    two(out, t.getMinute());
    out.append(':');
    two(out, t.getSecond());
  }

  /**
   * Appends milliseconds, if any. Finer digits are dropped: ROME 2.1.0 reads a fraction of more
   * than three digits as that many milliseconds ({@code .123456} as 123 seconds), and Statuspage
   * and JavaScript clients keep milliseconds only.
   */
  private static void fraction(StringBuilder out, int nanos) {
    int millis = nanos / 1_000_000;
    if (millis == 0) {
      return;
    }
    out.append('.')
        .append((char) ('0' + millis / 100))
        .append((char) ('0' + (millis / 10) % 10))
        .append((char) ('0' + millis % 10));
  }

  private static void two(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static void four(StringBuilder out, int value) {
    out.append((char) ('0' + value / 1000))
        .append((char) ('0' + (value / 100) % 10))
        .append((char) ('0' + (value / 10) % 10))
        .append((char) ('0' + value % 10));
  }
}
