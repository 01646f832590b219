/** Extension points of status-history: the {@link io.statuskit.history.spi.HistoryStore} that keeps rollup buckets. */
@NullMarked
package io.statuskit.history.spi;

import org.jspecify.annotations.NullMarked;
