package io.statuskit.feeds;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one feed document says about itself besides its entries: its own URL, when it last
 * changed, and its RFC 5005 links. The {@link FeedWriter} makes these for subscription and archive
 * documents; build one yourself to stream entries with {@link FeedWriter#write}. Immutable and
 * thread-safe.
 *
 * @param self the document's own URL (RSS {@code atom:link rel="self"}, Atom {@code
 *     rel="self"}, JSON Feed {@code feed_url})
 * @param updated when the document last changed: at least the latest entry's update time
 * @param current the subscription document, for an archive document; or null
 * @param prevArchive the next older archive document, or null
 * @param nextArchive the next newer archive document, or null
 * @param archive whether this is an archive document ({@code fh:archive})
 */
public record FeedHead(
    URI self,
    Instant updated,
    @Nullable URI current,
    @Nullable URI prevArchive,
    @Nullable URI nextArchive,
    boolean archive) {

  /** Checks the URLs are absolute and that only archives name a current document. */
  public FeedHead {
    FeedSettings.checkAbsolute("head.self", self);
    requireNonNull(updated, "head.updated");
    if (current != null) {
      FeedSettings.checkAbsolute("head.current", current);
    }
    if (prevArchive != null) {
      FeedSettings.checkAbsolute("head.prevArchive", prevArchive);
    }
    if (nextArchive != null) {
      FeedSettings.checkAbsolute("head.nextArchive", nextArchive);
    }
    if (archive && current == null) {
      throw new IllegalArgumentException("head.current is required in an archive document: " + self);
    }
  }

  /** The head of a single document at {@code self} with no archive links. */
  public static FeedHead of(URI self, Instant updated) {
    return new FeedHead(self, updated, null, null, null, false);
  }
}
