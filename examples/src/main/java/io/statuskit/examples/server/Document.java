package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One response body of the site: its media type, bytes, and, for feeds and API documents, the
 * validators of conditional GET. Immutable and thread-safe (the bytes are never changed after
 * construction).
 *
 * @param contentType the media type with charset, such as {@code text/html; charset=utf-8}
 * @param body the bytes
 * @param lastModified when the data behind it last changed, or null for pages that change with
 *     every request (live pings) and are not cached
 */
public record Document(String contentType, byte[] body, @Nullable Instant lastModified) {
  /** Checks the parts. */
  public Document {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }

  /** An HTML page, not conditional. */
  public static Document html(String html) {
    return new Document("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
  }

  /** A document that supports conditional GET. */
  public static Document conditional(String contentType, byte[] body, Instant lastModified) {
    return new Document(contentType, body, requireNonNull(lastModified, "lastModified"));
  }

  /** Whether the document carries validators (ETag, Last-Modified). */
  public boolean isConditional() {
    return lastModified != null;
  }

  /** A strong entity tag made from the bytes. */
  public String etag() {
    return "\"" + Hashing.sha256().hashBytes(body).toString().substring(0, 32) + "\"";
  }
}
