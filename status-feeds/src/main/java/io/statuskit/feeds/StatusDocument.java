package io.statuskit.feeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A document StatusKit publishes (a feed, a Statuspage JSON document, a calendar): what it is, when
 * it last changed, and how to write it as UTF-8. {@link ConditionalGet} serves any of them.
 * Implementations are immutable and thread-safe; each write produces the same bytes.
 */
public interface StatusDocument {
  /** The media type without parameters, such as {@code application/atom+xml}. */
  String mediaType();

  /** The Content-Type header value: the media type with {@code charset=utf-8}. */
  default String contentType() {
    return mediaType() + "; charset=utf-8";
  }

  /** When the document's content last changed. */
  Instant lastModified();

  /**
   * Writes the document as UTF-8 bytes; {@code out} is flushed, not closed.
   *
   * @throws IOException if {@code out} fails
   */
  void writeTo(OutputStream out) throws IOException;

  /** The document as UTF-8 bytes. */
  default byte[] toByteArray() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try {
      writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
