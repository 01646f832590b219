/**
 * The status page as a function from a request to a response: {@link io.statuskit.page.StatusSite}
 * answers the page, posts, archives, search, server pages, feeds and Statuspage documents of the
 * current board, each rendered once per board version and served from memory.
 */
@NullMarked
package io.statuskit.page;

import org.jspecify.annotations.NullMarked;
