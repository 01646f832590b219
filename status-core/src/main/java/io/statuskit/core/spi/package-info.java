/** Extension points of status-core: the {@link io.statuskit.core.spi.StatusStore} that persists events. */
@NullMarked
package io.statuskit.core.spi;

import org.jspecify.annotations.NullMarked;
