/**
 * StatusKit Micrometer: meters for probe latency and outcomes, servers' current status, tracker
 * commands and store commits.
 */
module io.statuskit.micrometer {
  requires transitive io.statuskit.core;
  requires transitive io.statuskit.monitor;
  requires transitive io.statuskit.probes;
  requires transitive micrometer.core;
  requires transitive com.google.common;
  requires transitive org.jspecify;

  exports io.statuskit.micrometer;
}
