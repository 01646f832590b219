/** History of probe results folded into rollup buckets, the recorder that folds them, and uptime reports under an accounting policy. */
@NullMarked
package io.statuskit.history;

import org.jspecify.annotations.NullMarked;
