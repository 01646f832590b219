package io.statuskit.testkit.generators;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a {@link Generator} draws from: bounded integers, nothing else. A seeded source replays
 * the same values; a property library's source (see {@link
 * io.statuskit.testkit.quicktheories.QuickTheoriesGenerators}) records the draws and shrinks them
 * towards the lower bound (towards zero when the range holds it), which shrinks every generated
 * value built from them. Implementations need not be thread-safe.
 */
@FunctionalInterface
public interface RandomSource {
  /**
   * A value from {@code min} to {@code max}, both included.
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  long between(long min, long max);

  /**
   * An int from {@code min} to {@code max}, both included.
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  default int between(int min, int max) {
    return (int) between((long) min, (long) max);
  }

  /** True or false, shrinking towards false. */
  default boolean nextBoolean() {
    return between(0L, 1L) == 1L;
  }

  /** A source that draws from {@code random}; as reproducible as {@code random} is. */
  static RandomSource of(RandomGenerator random) {
    requireNonNull(random, "random");
    return (min, max) -> {
      checkArgument(min <= max, "min must not be greater than max: %s > %s", min, max);
      if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
        return random.nextLong();
      }
      if (max == Long.MAX_VALUE) {
        return random.nextLong(min - 1, max) + 1;
      }
      return random.nextLong(min, max + 1);
    };
  }

  /** A source that gives the same values for the same seed, on every JVM ({@link SplittableRandom}). */
  static RandomSource seeded(long seed) {
    return of(new SplittableRandom(seed));
  }
}
