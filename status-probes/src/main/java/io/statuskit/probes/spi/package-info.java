/**
 * Extension points: implement {@link io.statuskit.probes.spi.Probe} for a probe type of your own
 * and {@link io.statuskit.probes.spi.ProbeFactory} to create it from configuration.
 */
@NullMarked
package io.statuskit.probes.spi;

import org.jspecify.annotations.NullMarked;
