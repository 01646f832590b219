package io.statuskit.testkit.generators;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;

/**
 * Generators of numbers, choices, lists and strings, and ways to combine them. Each draws as
 * few numbers as it can, in ranges whose lower end is the simplest value, so a property
 * library that shrinks the draws finds small counterexamples: the first choice, the shortest
 * list, the smallest number. Stateless and thread-safe.
 */
public final class Generators {
  private Generators() {}

  /** A generator and how often it is chosen against the others of a {@link #frequency}. */
  public record Weighted<T>(int weight, Generator<? extends T> generator) {
    /** Checks the weight is positive and the generator present. */
    public Weighted {
      requireNonNull(generator, "generator");
      checkArgument(weight > 0, "weight must be positive: %s", weight);
    }
  }

  /** Ints from {@code min} to {@code max}, both included; shrinks towards zero, or the bound nearest it. */
  public static Generator<Integer> integers(int min, int max) {
    checkArgument(min <= max, "min must not be greater than max: %s > %s", min, max);
    return source -> source.between(min, max);
  }

  /** Longs from {@code min} to {@code max}, both included; shrinks towards zero, or the bound nearest it. */
  public static Generator<Long> longs(long min, long max) {
    checkArgument(min <= max, "min must not be greater than max: %s > %s", min, max);
    return source -> source.between(min, max);
  }

  /** Every int; shrinks towards zero. */
  public static Generator<Integer> anyInteger() {
    return integers(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** False or true; shrinks towards false. */
  public static Generator<Boolean> booleans() {
    return RandomSource::nextBoolean;
  }

  /** Always {@code value}; draws nothing. */
  public static <T> Generator<T> constant(T value) {
    requireNonNull(value, "value");
    return source -> value;
  }

  /** One of {@code values}, each as likely; shrinks towards the first. */
  @SafeVarargs
  public static <T> Generator<T> of(T... values) {
    return of(Arrays.asList(values));
  }

  /** One of {@code values}, each as likely; shrinks towards the first. */
  public static <T> Generator<T> of(List<? extends T> values) {
    ImmutableList<T> copy = ImmutableList.copyOf(values);
    checkArgument(!copy.isEmpty(), "values must not be empty");
    return source -> copy.get(source.between(0, copy.size() - 1));
  }

  /** One constant of {@code type}; shrinks towards the first declared. */
  public static <E extends Enum<E>> Generator<E> of(Class<E> type) {
    return of(type.getEnumConstants());
  }

  /** A value of one of {@code generators}, each as likely; shrinks towards the first. */
  @SafeVarargs
  public static <T> Generator<T> oneOf(Generator<? extends T>... generators) {
    ImmutableList<Generator<? extends T>> copy = ImmutableList.copyOf(generators);
    checkArgument(!copy.isEmpty(), "generators must not be empty");
    return source -> copy.get(source.between(0, copy.size() - 1)).generate(source);
  }

  /** {@code generator} with {@code weight}, for {@link #frequency}. */
  public static <T> Weighted<T> weighted(int weight, Generator<? extends T> generator) {
    return new Weighted<>(weight, generator);
  }

  /**
   * A value of one of the generators, chosen in proportion to its weight; shrinks towards the
   * first.
   */
  @SafeVarargs
  public static <T> Generator<T> frequency(Weighted<? extends T>... choices) {
    ImmutableList<Weighted<? extends T>> copy = ImmutableList.copyOf(choices);
    checkArgument(!copy.isEmpty(), "choices must not be empty");
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    return source -> {
      int pick = source.between(0, total - 1);
      for (Weighted<? extends T> choice : copy) {
        if (pick < choice.weight()) {
          return choice.generator().generate(source);
        }
        pick -= choice.weight();
      }
      throw new AssertionError("unreachable: pick beyond the total weight");
    };
  }

  /**
   * Lists of {@code minSize} to {@code maxSize} values of {@code element}, every size as likely;
   * shrinks towards {@code minSize} and simpler elements.
   */
  public static <T> Generator<ImmutableList<T>> lists(Generator<? extends T> element, int minSize, int maxSize) {
    requireNonNull(element, "element");
    checkArgument(minSize >= 0 && minSize <= maxSize, "sizes must be 0 <= minSize <= maxSize: %s, %s", minSize, maxSize);
    return source -> {
      int size = source.between(minSize, maxSize);
      ImmutableList.Builder<T> list = ImmutableList.builderWithExpectedSize(size);
      for (int i = 0; i < size; i++) {
        list.add(element.generate(source));
      }
      return list.build();
    };
  }

  /**
   * Strings of {@code minLength} to {@code maxLength} characters, each one of {@code chars}
   * (shrinking towards its first character) or, if {@code ranges} is not empty, of the
   * inclusive ranges given as pairs (a character of {@code chars} as likely as a range).
   */
  public static Generator<String> strings(String chars, int minLength, int maxLength, char... ranges) {
    requireNonNull(chars, "chars");
    checkArgument(ranges.length % 2 == 0, "ranges must come in pairs: %s values", ranges.length);
    checkArgument(!chars.isEmpty() || ranges.length > 0, "chars and ranges must not both be empty");
    ImmutableList.Builder<Generator<Character>> choices = ImmutableList.builder();
    if (!chars.isEmpty()) {
      choices.add(source -> chars.charAt(source.between(0, chars.length() - 1)));
    }
    for (int i = 0; i < ranges.length; i += 2) {
      char low = ranges[i];
      char high = ranges[i + 1];
      checkArgument(low <= high, "range must not be reversed: %s > %s", (int) low, (int) high);
      choices.add(source -> (char) source.between((int) low, (int) high));
    }
    ImmutableList<Generator<Character>> options = choices.build();
    Generator<Character> character = source -> options.get(source.between(0, options.size() - 1)).generate(source);
    return lists(character, minLength, maxLength).map(list -> {
      StringBuilder text = new StringBuilder(list.size());
      list.forEach(text::append);
      return text.toString();
    });
  }
}
