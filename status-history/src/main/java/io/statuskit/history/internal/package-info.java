/** Implementation of status-history: the open buckets, the histogram arithmetic and the file format; not API. */
@NullMarked
package io.statuskit.history.internal;

import org.jspecify.annotations.NullMarked;
