/**
 * Extension points of status-core: the {@link io.statuskit.core.spi.StatusStore} that persists
 * events, and the {@link io.statuskit.core.spi.CommandObserver} that times and counts commands.
 */
@NullMarked
package io.statuskit.core.spi;

import org.jspecify.annotations.NullMarked;
