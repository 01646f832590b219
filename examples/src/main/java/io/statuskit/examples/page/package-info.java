/**
 * The HTML status page: view models built from a {@link io.statuskit.core.StatusBoard}, a small
 * always-escaping template engine, and the built-in templates and CSS a host can override.
 */
@NullMarked
package io.statuskit.examples.page;

import org.jspecify.annotations.NullMarked;
