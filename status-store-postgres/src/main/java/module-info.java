/**
 * StatusKit's shared store on PostgreSQL: several trackers (nodes, probe locations) on one
 * database, ordered by conditional appends, told of each other through {@code LISTEN/NOTIFY};
 * and the history store beside it, which every node reads.
 */
module io.statuskit.store.postgres {
  requires transitive io.statuskit.core;
  requires transitive io.statuskit.history;
  requires transitive java.sql;
  requires com.google.common;
  requires org.jspecify;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports io.statuskit.store.postgres;
}
