package io.statuskit.core;

import java.util.Locale;

/**
 * How much an incident affects users; the names match Statuspage's incident impact. Ordered
 * from least to most severe. Immutable and thread-safe.
 */
public enum Impact {
  /** No user-visible effect (notices, routine maintenance). */
  NONE,
  /** A small part of users or functions is affected. */
  MINOR,
  /** A significant part is affected. */
  MAJOR,
  /** Everything, or everything that matters, is affected. */
  CRITICAL;

  private final String key = name().toLowerCase(Locale.ROOT);

  /** The wire name, such as {@code "major"}. */
  public String key() {
    return key;
  }

  /**
   * The impact with the given {@link #key()}.
   *
   * @throws IllegalArgumentException naming the value when no impact has that key
   */
  public static Impact fromKey(String key) {
    for (Impact impact : values()) {
      if (impact.key().equals(key)) {
        return impact;
      }
    }
    throw new IllegalArgumentException("impact: unknown value \"" + key + "\"");
  }
}
