/**
 * StatusKit testkit: manual clock, AssertJ assertions, seeded generators (with a QuickTheories adapter), the store, history store and probe TCKs,
 * scripted probes, a JUnit extension for a probe engine and the NinerNet sample, for the project's
 * own tests and for users' test suites. The local test servers are in status-testservers.
 */
module io.statuskit.testkit {
  requires transitive io.statuskit.core;
  requires transitive io.statuskit.probes;
  requires transitive io.statuskit.monitor;
  requires transitive io.statuskit.testservers;
  requires transitive io.statuskit.history;
  requires transitive org.assertj.core;
  requires static quicktheories; // optional: only the adapter in io.statuskit.testkit.quicktheories uses it
  requires transitive org.junit.jupiter.api;
  requires transitive com.tngtech.archunit;

  exports io.statuskit.testkit;
  exports io.statuskit.testkit.architecture;
  exports io.statuskit.testkit.assertj;
  exports io.statuskit.testkit.generators;
  exports io.statuskit.testkit.probes;
  exports io.statuskit.testkit.quicktheories;
  exports io.statuskit.testkit.tck;
}
