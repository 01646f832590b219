/**
 * The site's implementation: routing, the HTML renderer and its always-escaping templates, the
 * feed and Statuspage documents, and the cache of rendered documents with their validators.
 */
@NullMarked
package io.statuskit.page.internal;

import org.jspecify.annotations.NullMarked;
