/**
 * StatusKit's shared store on PostgreSQL: several trackers (nodes, probe locations) on one
 * database, ordered by conditional appends, told of each other through {@code LISTEN/NOTIFY};
 * the history store beside it, which every node reads, and status-notify's notification store
 * with the sender lease, for several notifying nodes.
 */
module io.statuskit.store.postgres {
  requires transitive io.statuskit.core;
  requires transitive io.statuskit.history;
  requires transitive java.sql;
  // Optional: only PostgresNotificationStore needs it; an application with a Notifier has it.
  requires static transitive io.statuskit.notify;
  requires com.google.common;
  requires org.jspecify;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports io.statuskit.store.postgres;
}
