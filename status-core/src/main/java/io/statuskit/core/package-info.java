/**
 * The StatusKit domain model ({@link io.statuskit.core.Server}, {@link io.statuskit.core.Incident}
 * and their values), the thread-safe {@link io.statuskit.core.StatusTracker} that accepts commands,
 * and the immutable {@link io.statuskit.core.StatusBoard} snapshots it publishes.
 */
@NullMarked
package io.statuskit.core;

import org.jspecify.annotations.NullMarked;
