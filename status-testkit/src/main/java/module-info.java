/**
 * StatusKit testkit: manual clock, AssertJ assertions, jqwik arbitraries, the store TCK, the
 * NinerNet sample and local test servers (well-behaved and hostile), for the project's own tests
 * and for users' test suites.
 */
module io.statuskit.testkit {
  requires transitive io.statuskit.core;
  requires transitive org.assertj.core;
  requires transitive net.jqwik.api;
  requires transitive org.junit.jupiter.api;
  requires org.dnsjava;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.util;

  exports io.statuskit.testkit;
  exports io.statuskit.testkit.assertj;
  exports io.statuskit.testkit.jqwik;
  exports io.statuskit.testkit.servers;
  exports io.statuskit.testkit.tck;
}
