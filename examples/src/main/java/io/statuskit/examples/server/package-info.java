/**
 * The status page web server on the JDK's built-in HTTP server: the site's routes (pages, feeds,
 * Statuspage API), conditional GET, and the token-protected admin API.
 */
@NullMarked
package io.statuskit.examples.server;

import org.jspecify.annotations.NullMarked;
