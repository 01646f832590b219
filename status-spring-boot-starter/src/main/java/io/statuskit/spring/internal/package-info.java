/**
 * The starter's implementation: reading {@code statuskit.defaults} and {@code statuskit.servers}
 * from the Spring environment into status-monitor's config, and the failure analyzer. Not API.
 */
@NullMarked
package io.statuskit.spring.internal;

import org.jspecify.annotations.NullMarked;
