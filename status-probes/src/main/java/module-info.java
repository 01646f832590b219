/**
 * StatusKit probes: probe SPI, built-in probes (TCP, HTTP(S), TLS, SMTP, DNS, ICMP) and the engine
 * that runs them. Knows nothing of status-core; the monitor lives in status-monitor.
 */
module io.statuskit.probes {
  requires transitive com.google.common;
  requires transitive org.jspecify;
  requires org.dnsjava;
  requires com.sun.jna;

  exports io.statuskit.probes;
  exports io.statuskit.probes.spi;

  uses io.statuskit.probes.spi.ProbeFactory;
}
