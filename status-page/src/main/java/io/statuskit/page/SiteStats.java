package io.statuskit.page;

/**
 * Counters of a {@link StatusSite} since it was made: how often it rendered a document, served
 * one from memory, and answered a conditional request with 304. Immutable and thread-safe.
 *
 * @param renders documents rendered (each at most once per board version and key)
 * @param hits responses served from an already rendered document
 * @param notModified responses answered 304 Not Modified
 */
public record SiteStats(long renders, long hits, long notModified) {
  /** Checks the counters. */
  public SiteStats {
    if (renders < 0 || hits < 0 || notModified < 0) {
      throw new IllegalArgumentException("counters must not be negative: " + renders + ", " + hits + ", " + notModified);
    }
  }
}
