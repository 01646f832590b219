/** Test support of status-core's own tests: a generator of valid command histories. */
@NullMarked
package io.statuskit.core.testing;

import org.jspecify.annotations.NullMarked;
