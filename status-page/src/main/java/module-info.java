/**
 * StatusKit page: the status page as a library. A {@link io.statuskit.page.PageRequest} in, a
 * {@link io.statuskit.page.PageResponse} out; every document rendered at most once per board
 * version and served from memory with its validators and a gzip variant. No HTTP server.
 */
module io.statuskit.page {
  requires transitive io.statuskit.core;
  requires transitive io.statuskit.feeds;
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires com.github.benmanes.caffeine;
  requires com.github.mustachejava;

  exports io.statuskit.page;
  // mustache.java reads the view models by reflection.
  opens io.statuskit.page.internal to com.github.mustachejava;
}
