/** Non-blocking socket, TLS and protocol plumbing behind the built-in probes; not an API. */
@NullMarked
package io.statuskit.probes.internal;

import org.jspecify.annotations.NullMarked;
