/**
 * An example test suite, written as a StatusKit user would write one for their own incident
 * logic: scripted probes, a manual clock and the testkit's assertions; no network, no sleeping.
 */
@NullMarked
package io.statuskit.examples.suite;

import org.jspecify.annotations.NullMarked;
