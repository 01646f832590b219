package io.statuskit.testkit.generators;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Makes a value from the numbers a {@link RandomSource} gives: the same numbers, the same value.
 * Usable from any test framework: with a seed ({@link #sample(long)}, {@link #samples(long,
 * int)}) in a plain JUnit test, or through an adapter in a property library that then shrinks
 * the numbers, and so the value ({@link io.statuskit.testkit.quicktheories.QuickTheoriesGenerators}).
 * The factories in {@link Generators} and {@link StatusGenerators} are stateless and thread-safe.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Generator<T> {
  /** A value made from what {@code source} gives. */
  T generate(RandomSource source);

  /** Values of this generator passed through {@code mapper}. */
  default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
    requireNonNull(mapper, "mapper");
    return source -> mapper.apply(generate(source));
  }

  /** A value of this generator chooses the generator of the result. */
  default <R> Generator<R> flatMap(Function<? super T, ? extends Generator<? extends R>> mapper) {
    requireNonNull(mapper, "mapper");
    return source -> mapper.apply(generate(source)).generate(source);
  }

  /**
   * Values of this generator that {@code predicate} accepts, trying up to 100 times per value.
   * Use it for rare exclusions; a generator that builds only valid values shrinks better.
   *
   * @throws IllegalStateException from {@link #generate} if 100 values in a row are refused
   */
  default Generator<T> filter(Predicate<? super T> predicate) {
    requireNonNull(predicate, "predicate");
    return source -> {
      for (int i = 0; i < 100; i++) {
        T value = generate(source);
        if (predicate.test(value)) {
          return value;
        }
      }
      throw new IllegalStateException("the filter refused 100 values in a row");
    };
  }

  /** Lists of {@code minSize} to {@code maxSize} values, shrinking towards shorter lists. */
  default Generator<ImmutableList<T>> list(int minSize, int maxSize) {
    return Generators.lists(this, minSize, maxSize);
  }

  /** The value this generator makes from {@code seed}: the same on every run. */
  default T sample(long seed) {
    return generate(RandomSource.seeded(seed));
  }

  /**
   * {@code count} values drawn one after another from one source seeded with {@code seed}: the
   * same list on every run.
   */
  default ImmutableList<T> samples(long seed, int count) {
    checkArgument(count >= 0, "count must not be negative: %s", count);
    RandomSource source = RandomSource.seeded(seed);
    ImmutableList.Builder<T> values = ImmutableList.builderWithExpectedSize(count);
    for (int i = 0; i < count; i++) {
      values.add(generate(source));
    }
    return values.build();
  }
}
