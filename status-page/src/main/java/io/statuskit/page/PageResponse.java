package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link StatusSite} answers: a status, the response headers (Content-Type,
 * Content-Length, validators, {@code Vary}, {@code Content-Encoding}, security headers) and the
 * body to send. The body array is shared with the site's cache: read it, never change it.
 * Immutable by contract and thread-safe.
 *
 * @param status the HTTP status code
 * @param headers the response headers, one value each
 * @param body the bytes to send (empty for 304 and for {@code HEAD})
 */
public record PageResponse(int status, ImmutableMap<String, String> headers, byte[] body) {
  /** Checks the parts. */
  public PageResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be 100 to 599: " + status);
    }
    requireNonNull(headers, "headers");
    requireNonNull(body, "body");
  }

  /** The value of a header (names as the site writes them, such as {@code ETag}), or null. */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The body as UTF-8 text (for tests and logs). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
