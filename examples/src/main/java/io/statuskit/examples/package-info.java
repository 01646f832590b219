/**
 * The runnable examples: {@link io.statuskit.examples.StatusKitExamples} with the {@code serve},
 * {@code check} and {@code export} commands.
 */
@NullMarked
package io.statuskit.examples;

import org.jspecify.annotations.NullMarked;
