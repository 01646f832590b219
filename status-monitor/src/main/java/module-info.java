/**
 * StatusKit monitor: runs probes on a schedule, applies thresholds, flap damping and quorum, and
 * reports servers' status and incidents to a {@code StatusTracker}; loads monitor configs.
 */
module io.statuskit.monitor {
  requires transitive io.statuskit.core;
  requires transitive io.statuskit.probes;
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;

  exports io.statuskit.monitor;
}
