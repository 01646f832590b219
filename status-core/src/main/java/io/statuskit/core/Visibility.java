package io.statuskit.core;

import java.util.Locale;

/** Whether a server is shown to the public or only to the host's staff (the seed's "Internal"). */
public enum Visibility {
  /** Shown on the public page with its status. */
  PUBLIC,
  /** Listed as internal; its status is for staff only. */
  INTERNAL;

  /** The wire name, such as {@code "internal"}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The visibility with the given {@link #key()}.
   *
   * @throws IllegalArgumentException naming the value when no visibility has that key
   */
  public static Visibility fromKey(String key) {
    for (Visibility visibility : values()) {
      if (visibility.key().equals(key)) {
        return visibility;
      }
    }
    throw new IllegalArgumentException("visibility: unknown value \"" + key + "\"");
  }
}
