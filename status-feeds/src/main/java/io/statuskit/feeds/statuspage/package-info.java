/** Statuspage v2-compatible JSON documents: writing a board as them and reading them into one. */
@NullMarked
package io.statuskit.feeds.statuspage;

import org.jspecify.annotations.NullMarked;
