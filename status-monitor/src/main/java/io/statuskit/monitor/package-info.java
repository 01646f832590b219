/**
 * The monitor: runs probes on a schedule through a {@link io.statuskit.probes.ProbeEngine}, applies
 * thresholds, flap damping and quorum, and reports servers' status to a {@code StatusTracker}
 * ({@link io.statuskit.monitor.Monitor}, {@link io.statuskit.monitor.TargetConfig}, {@link
 * io.statuskit.monitor.MonitorConfigLoader}).
 */
@NullMarked
package io.statuskit.monitor;

import org.jspecify.annotations.NullMarked;
