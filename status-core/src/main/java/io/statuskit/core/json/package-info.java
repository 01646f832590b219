/** The versioned JSON codec of the model, events and whole boards (Jackson, no annotations on domain types). */
@NullMarked
package io.statuskit.core.json;

import org.jspecify.annotations.NullMarked;
