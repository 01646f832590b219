/** Implementation details of status-core; not API, not exported. */
@NullMarked
package io.statuskit.core.internal;

import org.jspecify.annotations.NullMarked;
