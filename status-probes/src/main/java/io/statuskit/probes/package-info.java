/** StatusKit probes (in progress). */
@NullMarked
package io.statuskit.probes;

import org.jspecify.annotations.NullMarked;
