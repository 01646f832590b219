/** The notification stores that ship with StatusKit: in memory, and a crash-safe file. */
@NullMarked
package io.statuskit.notify.store;

import org.jspecify.annotations.NullMarked;
