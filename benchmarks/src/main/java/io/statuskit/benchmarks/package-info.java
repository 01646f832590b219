/**
 * JMH benchmarks that measure StatusKit against named peers (ROME, Jackson databind) and the
 * limits of the platform (a bare fsync loop, a bare socket connect, a bare TLS handshake), with
 * the fixtures that build the boards they share.
 */
@NullMarked
package io.statuskit.benchmarks;

import org.jspecify.annotations.NullMarked;
