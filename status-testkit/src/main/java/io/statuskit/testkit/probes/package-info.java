/**
 * Test support for probes and code that uses them: {@link io.statuskit.testkit.probes.ScriptedProbe}
 * returns scripted results without network or sleeping, {@link
 * io.statuskit.testkit.probes.ProbeScripts} generates its scripts (seeded, library-neutral generators), and {@link
 * io.statuskit.testkit.probes.ProbeContract} is the TCK a custom probe extends; {@link
 * io.statuskit.testkit.probes.ProbeEngineExtension} gives a test a probe engine and closes it.
 */
@NullMarked
package io.statuskit.testkit.probes;

import org.jspecify.annotations.NullMarked;
