/** The history stores that ship with StatusKit: in memory, and in files beside the journal. */
@NullMarked
package io.statuskit.history.store;

import org.jspecify.annotations.NullMarked;
