package io.statuskit.feeds;

/** What one feed entry stands for. Immutable and thread-safe. */
public enum Granularity {
  /**
   * One entry per incident: its content lists the updates newest first, each with its time and
   * state; the entry's updated time is that of the latest update.
   */
  INCIDENT("incidents"),
  /**
   * One entry per update, like the posts of a blog-style status page: "NC027: Mail server shut
   * down", then the resolution.
   */
  UPDATE("updates");

  private final String path;

  Granularity(String path) {
    this.path = path;
  }

  /** The path segment used in default URLs and ids, {@code incidents} or {@code updates}. */
  public String path() {
    return path;
  }
}
