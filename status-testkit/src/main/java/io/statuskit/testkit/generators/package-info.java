/**
 * Library-neutral, seeded generators for tests: {@link
 * io.statuskit.testkit.generators.Generator} draws only bounded numbers from a {@link
 * io.statuskit.testkit.generators.RandomSource}, so the same seed gives the same value in any
 * test framework, and a property library shrinks the draws through an adapter ({@link
 * io.statuskit.testkit.quicktheories.QuickTheoriesGenerators}). {@link
 * io.statuskit.testkit.generators.Generators} has the building blocks; {@link
 * io.statuskit.testkit.generators.StatusGenerators} makes servers, incidents, update sequences,
 * timelines and command scripts.
 */
@NullMarked
package io.statuskit.testkit.generators;

import org.jspecify.annotations.NullMarked;
