/**
 * StatusKit core: the domain model, the tracker, the status board, timelines, the JSON codec and
 * the stores.
 */
module io.statuskit.core {
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports io.statuskit.core;
  exports io.statuskit.core.spi;
  exports io.statuskit.core.json;
  exports io.statuskit.core.store;
}
