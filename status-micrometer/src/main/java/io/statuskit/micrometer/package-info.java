/**
 * Micrometer meters for StatusKit: {@link io.statuskit.micrometer.MonitorMetrics} (probes),
 * {@link io.statuskit.micrometer.BoardMetrics} (servers' status), {@link
 * io.statuskit.micrometer.TrackerMetrics} (commands) and {@link
 * io.statuskit.micrometer.TimedStatusStore} (commits); names and encodings in {@link
 * io.statuskit.micrometer.StatusKitMeters}.
 */
@NullMarked
package io.statuskit.micrometer;

import org.jspecify.annotations.NullMarked;
