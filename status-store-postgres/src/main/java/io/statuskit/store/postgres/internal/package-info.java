/**
 * How the PostgreSQL store works inside: connections, the schema and its migrations, the group
 * committer, readers, the notification listener and snapshots. Not API; not exported.
 */
@NullMarked
package io.statuskit.store.postgres.internal;

import org.jspecify.annotations.NullMarked;
