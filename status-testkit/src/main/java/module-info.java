/** StatusKit testkit: local test servers (and, later, clocks, assertions and arbitraries). */
module io.statuskit.testkit {
  requires transitive io.statuskit.core;
  requires transitive org.junit.jupiter.api;
  requires com.google.common;
  requires org.jspecify;
  requires org.dnsjava;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;

  exports io.statuskit.testkit.servers;
}
