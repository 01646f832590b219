/** StatusKit benchmarks (in progress). */
@NullMarked
package io.statuskit.benchmarks;

import org.jspecify.annotations.NullMarked;
