/**
 * Live checks for the example page: local demo services the probes really check, and the
 * latest results per server for the Ping column and the response-time chart.
 */
@NullMarked
package io.statuskit.examples.live;

import org.jspecify.annotations.NullMarked;
