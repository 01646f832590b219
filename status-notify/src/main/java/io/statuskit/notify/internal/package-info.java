/** Implementation of status-notify: payload formats, target checks, per-subscriber lanes; not API. */
@NullMarked
package io.statuskit.notify.internal;

import org.jspecify.annotations.NullMarked;
