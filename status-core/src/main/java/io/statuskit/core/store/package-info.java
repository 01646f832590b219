/** Built-in {@link io.statuskit.core.spi.StatusStore}s: in memory, and the durable file journal. */
@NullMarked
package io.statuskit.core.store;

import org.jspecify.annotations.NullMarked;
