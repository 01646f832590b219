package io.statuskit.page;

/**
 * Who a request is answered for. The two audiences never share a cached document.
 *
 * <p>Which requests are {@link #INTERNAL} is the HTTP server's decision, made before it calls
 * the site: typically a request carrying the admin token, or one with a header that a trusted
 * reverse proxy sets (and strips from clients' requests). Anything else is {@link #PUBLIC}.
 */
public enum Audience {
  /** Anyone: internal servers are hidden when the site is built to hide them. */
  PUBLIC,
  /** The host's own staff: every server, internal ones included. */
  INTERNAL
}
