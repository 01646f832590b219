package io.statuskit.core.internal;

import org.jspecify.annotations.Nullable;

/** Argument checks whose messages name the field and show the value. */
public final class Checks {
  /** Longest server or incident id. */
  public static final int MAX_ID_LENGTH = 64;
  /** Longest title, name, role, label or other one-line text. */
  public static final int MAX_LINE_LENGTH = 500;
  /** Longest body of an update, in chars. */
  public static final int MAX_BODY_LENGTH = 1_000_000;

  private Checks() {}

  /** Checks an id: 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}. */
  public static String id(String field, @Nullable String value) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH || !isIdText(value)) {
      throw new IllegalArgumentException(
          field
              + " must be 1 to "
              + MAX_ID_LENGTH
              + " letters, digits, '-', '_' or '.': "
              + show(value));
    }
    return value;
  }

  /** Whether every char is an ASCII letter or digit, {@code .}, {@code _} or {@code -}. */
  private static boolean isIdText(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Checks a one-line text: not blank, at most {@link #MAX_LINE_LENGTH} chars. */
  public static String line(String field, @Nullable String value) {
    return text(field, value, MAX_LINE_LENGTH);
  }

  /** Checks a text: not blank, at most {@code max} chars. */
  public static String text(String field, @Nullable String value, int max) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank: " + show(value));
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be at most " + max + " chars, was " + value.length() + ": " + show(value));
    }
    return value;
  }

  /** Checks an optional one-line text: null, or as {@link #line}. */
  public static @Nullable String optionalLine(String field, @Nullable String value) {
    return value == null ? null : line(field, value);
  }

  /** Shows a value in a message: quoted, and cut to 60 chars with its length when longer. */
  public static String show(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    if (text.length() > 60) {
      return "\"" + text.substring(0, 60) + "...\" (" + text.length() + " chars)";
    }
    return "\"" + text + "\"";
  }
}
