/** StatusKit examples (in progress). */
@NullMarked
package io.statuskit.examples;

import org.jspecify.annotations.NullMarked;
