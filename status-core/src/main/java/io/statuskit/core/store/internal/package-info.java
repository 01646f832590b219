/** Implementation of the durable journal store: file formats, recovery and the writer thread; not API, not exported. */
@NullMarked
package io.statuskit.core.store.internal;

import org.jspecify.annotations.NullMarked;
