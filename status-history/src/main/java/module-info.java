/**
 * StatusKit history: probe result rollups kept for years, the history store SPI and its stores,
 * and uptime reports under an accounting policy.
 */
module io.statuskit.history {
  requires transitive io.statuskit.core;
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires org.slf4j;

  exports io.statuskit.history;
  exports io.statuskit.history.spi;
  exports io.statuskit.history.store;
}
