/**
 * Uptime history in the example server: the monitor's probe results folded into rollups, the
 * page's monthly table and 90-day bars, the admin API's uptime reports, and recurring maintenance
 * posted to the board as it comes.
 */
@NullMarked
package io.statuskit.examples.history;

import org.jspecify.annotations.NullMarked;
