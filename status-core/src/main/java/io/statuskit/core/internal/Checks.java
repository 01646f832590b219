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

  /**
   * Checks that a text a person wrote carries no character a reader would choke on or be misled
   * by: no control character (C0, DEL, C1; a multi-line text may hold tab, line feed and carriage
   * return), no Unicode noncharacter, no lone surrogate. Commands check their texts with it; the
   * model's records do not, so events kept before the rule still read back.
   *
   * @throws IllegalArgumentException naming the field, the character and where it is
   */
  public static @Nullable String printable(String field, @Nullable String value, boolean multiline) {
    if (value == null) {
      return null;
    }
    for (int i = 0, n = value.length(); i < n; ) {
      int c = value.codePointAt(i);
      String what = null;
      if (c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
        what = "a control character";
      } else if (c >= 0x7F && c <= 0x9F) {
        what = "a control character";
      } else if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
        what = "a Unicode noncharacter";
      } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        what = "a lone surrogate";
      }
      if (what != null) {
        throw new IllegalArgumentException(
            String.format("%s must not contain %s: U+%04X at index %d of %s", field, what, c, i, show(value)));
      }
      i += Character.charCount(c);
    }
    return value;
  }

  /**
   * Shows a value in a message: quoted, cut to 60 chars with its length when longer, and with
   * control characters, noncharacters and lone surrogates written as {@code \\uXXXX} so that a
   * message never carries them.
   */
  public static String show(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    String shown = text.length() > 60 ? text.substring(0, 60) : text;
    StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
    for (int i = 0, n = shown.length(); i < n; ) {
      int c = shown.codePointAt(i);
      boolean unprintable =
          c < 0x20
              || (c >= 0x7F && c <= 0x9F)
              || (c >= 0xFDD0 && c <= 0xFDEF)
              || (c & 0xFFFE) == 0xFFFE
              || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
      if (unprintable) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    out.append('"');
    if (text.length() > 60) {
      out.insert(out.length() - 1, "...").append(" (").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
