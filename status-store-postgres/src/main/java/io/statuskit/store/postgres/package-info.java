/**
 * A {@link io.statuskit.core.spi.StatusStore} on PostgreSQL that several trackers share: {@link
 * io.statuskit.store.postgres.PostgresStatusStore}.
 */
@NullMarked
package io.statuskit.store.postgres;

import org.jspecify.annotations.NullMarked;
