/** The monitor's per-server health state machine and the config reader behind it; not an API. */
@NullMarked
package io.statuskit.monitor.internal;

import org.jspecify.annotations.NullMarked;
