package io.statuskit.feeds;

import com.google.common.collect.ImmutableList;
import io.statuskit.feeds.internal.Entry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.Instant;

/**
 * One feed document of a board (a subscription or an archive), ready to write. It holds the
 * entries it lists, not their text: each write renders them again. Immutable and thread-safe.
 */
public final class FeedDocument implements StatusDocument {
  private final FeedWriter writer;
  private final FeedHead head;
  private final ImmutableList<Entry> entries;

  FeedDocument(FeedWriter writer, FeedHead head, ImmutableList<Entry> entries) {
    this.writer = writer;
    this.head = head;
    this.entries = entries;
  }

  /** The document's head: its URL, updated time and archive links. */
  public FeedHead head() {
    return head;
  }

  /** How many entries it lists. */
  public int size() {
    return entries.size();
  }

  @Override
  public String mediaType() {
    return writer.format().mediaType();
  }

  @Override
  public Instant lastModified() {
    return head.updated();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    writer.write(head, entries, out);
  }

  /**
   * Writes the document as characters (the XML declaration says UTF-8).
   *
   * @throws IOException if {@code out} fails
   */
  public void writeTo(Writer out) throws IOException {
    writer.write(head, entries, out);
  }

  @Override
  public String toString() {
    return "FeedDocument{" + head.self() + ", " + entries.size() + " entries}";
  }
}
