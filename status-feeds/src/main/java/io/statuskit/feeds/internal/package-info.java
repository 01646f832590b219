/** The writers' plumbing: UTF-8 sinks with fast-path escaping, date formats and format writers. */
@NullMarked
package io.statuskit.feeds.internal;

import org.jspecify.annotations.NullMarked;
