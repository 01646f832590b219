package io.statuskit.monitor.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written in configuration: {@code 250ms}, {@code 5s}, {@code 1m30s}, {@code 14d}, or ISO-8601. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}\\s*(?:ms|s|m|h|d)\\s*)+");

  private Durations() {}

  /** The duration, or empty when {@code text} is not one. */
  public static Optional<Duration> parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      try {
        return Optional.of(Duration.parse(s.toUpperCase(Locale.ROOT)));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (!WHOLE.matcher(s).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(s);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          total = total.plusMillis(n);
          break;
        case "s":
          total = total.plusSeconds(n);
          break;
        case "m":
          total = total.plusMinutes(n);
          break;
        case "h":
          total = total.plusHours(n);
          break;
        default:
          total = total.plusDays(n);
          break;
      }
    }
    return Optional.of(total);
  }

  /** A duration as configuration writes it: {@code 60s}, {@code 1m30s}, {@code 250ms}, {@code 14d}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return d.toString();
    }
    StringBuilder out = new StringBuilder();
    long days = d.toDays();
    int hours = d.toHoursPart();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0 || out.length() == 0) {
      out.append(millis).append("ms");
    }
    return out.toString();
  }
}
