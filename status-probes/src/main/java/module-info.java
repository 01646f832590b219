/**
 * StatusKit probes: probe SPI, built-in probes (TCP, HTTP(S), TLS, SMTP, DNS, ICMP), the engine
 * that runs them and the monitor that feeds a {@code StatusTracker}.
 */
module io.statuskit.probes {
  requires transitive io.statuskit.core;
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.dnsjava;
  requires org.slf4j;
  requires static org.junit.jupiter.api;
  requires static org.assertj.core;
  requires static net.jqwik.api;

  exports io.statuskit.probes;
  exports io.statuskit.probes.spi;
  exports io.statuskit.probes.testing;

  uses io.statuskit.probes.spi.ProbeFactory;
}
