package io.statuskit.page.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** HTTP dates (RFC 9110 IMF-fixdate) and the request headers the site reads. Thread-safe. */
final class HttpDates {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /** The instant of an HTTP date, or null when it does not parse (RFC 9110: then ignore it). */
  static @Nullable Instant parse(String value) {
    if (value.length() > 64) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Whether an If-None-Match list names one of the tags (weak comparison, as RFC 9110 asks for GET). */
  static boolean matches(String ifNoneMatch, String etag, String otherEtag) {
    String value = ifNoneMatch.strip();
    if (value.equals("*")) {
      return true;
    }
    int start = 0;
    while (start <= value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String tag = value.substring(start, end).strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag) || tag.equals(otherEtag)) {
        return true;
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return false;
  }

  /** Whether an Accept-Encoding header accepts gzip (RFC 9110 section 12.5.3). */
  static boolean acceptsGzip(@Nullable String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.length() > 512) {
      return false;
    }
    boolean star = false;
    for (String part : acceptEncoding.split(",", 32)) {
      String[] pieces = part.split(";", 4);
      String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
      boolean zero = false;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].strip().toLowerCase(Locale.ROOT);
        if (parameter.startsWith("q=")) {
          zero = parameter.substring(2).strip().matches("0(\\.0{0,3})?");
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        return !zero;
      }
      if (coding.equals("*")) {
        star = !zero;
      }
    }
    return star;
  }
}
