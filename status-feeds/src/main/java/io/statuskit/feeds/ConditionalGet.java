package io.statuskit.feeds;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
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
   * Answers a GET of {@code document}.
   *
   * @param ifNoneMatch the request's If-None-Match header, or null
   * @param ifModifiedSince the request's If-Modified-Since header, or null; an unparsable date is
   *     ignored, as RFC 9110 says
   */
  public static Response respond(
      StatusDocument document, @Nullable String ifNoneMatch, @Nullable String ifModifiedSince) {
    requireNonNull(document, "document");
    byte[] body = document.toByteArray();
    String etag = "\"" + Hashing.sha256().hashBytes(body).toString().substring(0, 32) + "\"";
    Instant modified = document.lastModified().truncatedTo(ChronoUnit.SECONDS);
    ImmutableMap.Builder<String, String> headers = ImmutableMap.builder();
    headers.put("ETag", etag);
    headers.put("Last-Modified", HTTP_DATE.format(modified));
    headers.put("Cache-Control", "no-cache");
    boolean notModified;
    if (ifNoneMatch != null) {
      notModified = matches(ifNoneMatch, etag);
    } else if (ifModifiedSince != null) {
      Instant since = parseHttpDate(ifModifiedSince);
      notModified = since != null && !modified.isAfter(since);
    } else {
      notModified = false;
    }
    if (notModified) {
      return new Response(304, headers.buildOrThrow(), new byte[0]);
    }
    headers.put("Content-Type", document.contentType());
    return new Response(200, headers.buildOrThrow(), body);
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
