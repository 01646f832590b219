package io.statuskit.testkit.quicktheories;

import static java.util.Objects.requireNonNull;

import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.RandomSource;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * The adapter from the testkit's {@link Generator}s to QuickTheories: each number a generator
 * draws becomes one QuickTheories draw of the same range, so QuickTheories records it, shrinks it
 * (towards zero, or the bound nearest it) and replays it from its seed. A property then reads:
 *
 * <pre>{@code
 * import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
 * import static org.quicktheories.QuickTheory.qt;
 *
 * @Test
 * void rejectedCommandsChangeNothing() {
 *   qt().withExamples(400).forAll(gen(StatusGenerators.commandScripts())).checkAssert(script -> { ... });
 * }
 * }</pre>
 *
 * <p>On a failure QuickTheories throws an {@link AssertionError} with the smallest value it found
 * and {@code Seed was <n>}; {@code -DQT_SEED=<n>} (or {@code qt().withFixedSeed(n)}) replays
 * it. The testkit depends on QuickTheories optionally: add {@code
 * org.quicktheories:quicktheories} to the tests that use this class. Stateless and thread-safe.
 */
public final class QuickTheoriesGenerators {
  private QuickTheoriesGenerators() {}

  /** {@code generator} as a QuickTheories {@link Gen}, shrinking through its draws. */
  public static <T> Gen<T> gen(Generator<T> generator) {
    requireNonNull(generator, "generator");
    return in -> generator.generate(source(in));
  }

  /** A QuickTheories randomness source as the testkit's {@link RandomSource}. */
  public static RandomSource source(RandomnessSource in) {
    requireNonNull(in, "in");
    return (min, max) -> {
      if (min > max) {
        throw new IllegalArgumentException("min must not be greater than max: " + min + " > " + max);
      }
      return in.next(Constraint.between(min, max));
    };
  }
}
