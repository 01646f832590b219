/**
 * StatusKit testkit: manual clock, AssertJ assertions, jqwik arbitraries, the store TCK and the
 * NinerNet sample, for the project's own tests and for users' test suites.
 */
module io.statuskit.testkit {
  requires transitive io.statuskit.core;
  requires transitive org.assertj.core;
  requires transitive net.jqwik.api;
  requires transitive org.junit.jupiter.api;

  exports io.statuskit.testkit;
  exports io.statuskit.testkit.assertj;
}
