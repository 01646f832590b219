/**
 * StatusKit notify: subscribers, their durable delivery cursors over the store's event log, and
 * signed webhook delivery with retries and dead letters.
 */
module io.statuskit.notify {
  requires transitive io.statuskit.core;
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires transitive java.net.http;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires jakarta.mail;

  exports io.statuskit.notify;
  exports io.statuskit.notify.spi;
  exports io.statuskit.notify.store;
}
