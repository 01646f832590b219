/**
 * Test support for code that uses probes: {@link io.statuskit.probes.testing.ScriptedProbe}
 * returns scripted results without network or sleeping.
 */
@NullMarked
package io.statuskit.probes.testing;

import org.jspecify.annotations.NullMarked;
