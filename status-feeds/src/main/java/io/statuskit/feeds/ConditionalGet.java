package io.statuskit.feeds;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link StatusDocument} over HTTP without tying StatusKit to a server framework: it
 * renders the document, gives it its media type, a strong ETag (a SHA-256 of the bytes) and
 * Last-Modified, and answers conditional GETs (RFC 9110): {@code If-None-Match} is checked first
 * and, when present, {@code If-Modified-Since} is ignored; a match gives 304 with no body. Hand
 * the result's status, headers and body to your framework. Stateless and thread-safe.
 *
 * <pre>{@code
 * ConditionalGet.Response r = ConditionalGet.respond(doc, req.header("If-None-Match"),
 *     req.header("If-Modified-Since"));
 * }</pre>
 */
public final class ConditionalGet {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ConditionalGet() {}

  /**
   * What to send back. Immutable and thread-safe.
   *
   * @param status 200 or 304
   * @param headers Content-Type (200 only), ETag, Last-Modified and Cache-Control
   * @param body the document's bytes for 200, empty for 304
   */
  public record Response(int status, ImmutableMap<String, String> headers, byte[] body) {
    /** Checks the parts. */
    public Response {
      if (status != 200 && status != 304) {
        throw new IllegalArgumentException("status must be 200 or 304: " + status);
      }
      requireNonNull(headers, "headers");
      requireNonNull(body, "body");
    }

    /** The value of a header, or null. */
    public @Nullable String header(String name) {
      return headers.get(name);
    }
  }

  /**
   * Answers a GET of {@code document}, with the system clock as "now"; see {@link #respond(StatusDocument,
   * String, String, Clock)}.
   */
  public static Response respond(
      StatusDocument document, @Nullable String ifNoneMatch, @Nullable String ifModifiedSince) {
    return respond(document, ifNoneMatch, ifModifiedSince, Clock.systemUTC());
  }

  /**
   * Answers a GET of {@code document}.
   *
   * <p>HTTP dates have one-second resolution, so a date is a trustworthy validator only once the
   * second of the last change is over (RFC 9110 8.8.2.2): two versions within one second share a
   * date. While that second lasts, {@code Last-Modified} is the second itself and a request
   * carrying that date gets the document again, never 304 on the date alone; once it is over,
   * {@code Last-Modified} is the end of that second, which no later change can share. {@code
   * If-Modified-Since} then answers 304 only when the document changed strictly before the date.
   *
   * @param ifNoneMatch the request's If-None-Match header, or null
   * @param ifModifiedSince the request's If-Modified-Since header, or null; an unparsable date is
   *     ignored, as RFC 9110 says
   * @param clock what "now" is when the response is sent
   */
  public static Response respond(
      StatusDocument document, @Nullable String ifNoneMatch, @Nullable String ifModifiedSince, Clock clock) {
    requireNonNull(document, "document");
    requireNonNull(clock, "clock");
    byte[] body = document.toByteArray();
    String etag = "\"" + Hashing.sha256().hashBytes(body).toString().substring(0, 32) + "\"";
    Instant changed = document.lastModified();
    ImmutableMap.Builder<String, String> headers = ImmutableMap.builder();
    headers.put("ETag", etag);
    headers.put("Last-Modified", HTTP_DATE.format(lastModifiedHeader(changed, clock.instant())));
    headers.put("Cache-Control", "no-cache");
    boolean notModified;
    if (ifNoneMatch != null) {
      notModified = matches(ifNoneMatch, etag);
    } else if (ifModifiedSince != null) {
      Instant since = parseHttpDate(ifModifiedSince);
      notModified = since != null && changed.isBefore(since);
    } else {
      notModified = false;
    }
    if (notModified) {
      return new Response(304, headers.buildOrThrow(), new byte[0]);
    }
    headers.put("Content-Type", document.contentType());
    return new Response(200, headers.buildOrThrow(), body);
  }

  /**
   * The {@code Last-Modified} to send for a change at {@code changed}, sent at {@code now}: the
   * second of the change while it lasts, the end of that second once it is over.
   */
  public static Instant lastModifiedHeader(Instant changed, Instant now) {
    Instant second = changed.truncatedTo(ChronoUnit.SECONDS);
    return now.isBefore(second.plusSeconds(1)) ? second : second.plusSeconds(1);
  }

  /** Whether an If-None-Match list names the ETag (weak comparison, as RFC 9110 asks for GET). */
  static boolean matches(String ifNoneMatch, String etag) {
    String value = ifNoneMatch.strip();
    if (value.equals("*")) {
      return true;
    }
    for (String candidate : value.split(",", -1)) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Instant parseHttpDate(String value) {
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
