package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import io.statuskit.feeds.StatusDocument;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One response body of the site: an HTML page or asset (served fresh, not conditional), or a
 * feed, calendar or API {@link StatusDocument} (served with ETag and Last-Modified through the
 * feeds module's {@code ConditionalGet}). Immutable and thread-safe.
 */
public final class Document {
  private final String contentType;
  private final byte @Nullable [] bytes;
  private final @Nullable StatusDocument source;

  private Document(String contentType, byte @Nullable [] bytes, @Nullable StatusDocument source) {
    this.contentType = contentType;
    this.bytes = bytes;
    this.source = source;
  }

  /** An HTML page. */
  public static Document html(String html) {
    return new Document("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
  }

  /** A static asset such as a style sheet. */
  public static Document asset(String contentType, byte[] bytes) {
    return new Document(requireNonNull(contentType, "contentType"), bytes.clone(), null);
  }

  /** A feed, calendar or API document, served with conditional GET. */
  public static Document of(StatusDocument document) {
    return new Document(document.contentType(), null, requireNonNull(document, "document"));
  }

  /** The Content-Type header value. */
  public String contentType() {
    return contentType;
  }

  /** The bytes (rendered now for a status document). */
  public byte[] body() {
    return bytes != null ? bytes.clone() : requireNonNull(source).toByteArray();
  }

  /** The status document behind it, when it is served with conditional GET. */
  public Optional<StatusDocument> conditional() {
    return Optional.ofNullable(source);
  }
}
