/**
 * Test support for probes and code that uses them: {@link io.statuskit.probes.testing.ScriptedProbe}
 * returns scripted results without network or sleeping, {@link
 * io.statuskit.probes.testing.ProbeScripts} generates its scripts for jqwik, and {@link
 * io.statuskit.probes.testing.ProbeContract} is the TCK a custom probe extends (these two need
 * JUnit 5, AssertJ and jqwik, optional dependencies, on the test path).
 */
@NullMarked
package io.statuskit.probes.testing;

import org.jspecify.annotations.NullMarked;
