/**
 * The adapter that runs the testkit's library-neutral generators as QuickTheories generators,
 * with its shrinking and seeds: {@link io.statuskit.testkit.quicktheories.QuickTheoriesGenerators}.
 */
@NullMarked
package io.statuskit.testkit.quicktheories;

import org.jspecify.annotations.NullMarked;
