/** The data the example page starts with when no configuration names other servers. */
@NullMarked
package io.statuskit.examples.sample;

import org.jspecify.annotations.NullMarked;
