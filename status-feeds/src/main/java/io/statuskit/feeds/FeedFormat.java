package io.statuskit.feeds;

/** The syndication formats StatusKit writes, with their media types. Immutable and thread-safe. */
public enum FeedFormat {
  /** RSS 2.0 with {@code atom:link rel="self"} and RFC 5005 links. */
  RSS("application/rss+xml", "rss"),
  /** Atom 1.0 (RFC 4287) with RFC 5005 links. */
  ATOM("application/atom+xml", "atom"),
  /** JSON Feed 1.1. */
  JSON_FEED("application/feed+json", "json");

  private final String mediaType;
  private final String extension;

  FeedFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The media type, such as {@code application/atom+xml}. */
  public String mediaType() {
    return mediaType;
  }

  /** The file extension used in default URLs, without the dot, such as {@code atom}. */
  public String extension() {
    return extension;
  }
}
