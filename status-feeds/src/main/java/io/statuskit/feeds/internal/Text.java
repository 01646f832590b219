package io.statuskit.feeds.internal;

/** Drops the characters XML 1.0 cannot carry, so every format carries the same text. */
public final class Text {
  private Text() {}

  /** Whether {@code s} holds a character {@link #clean} would drop. */
  public static boolean needsCleaning(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        if (c != '\t' && c != '\n' && c != '\r') {
          return true;
        }
      } else if (c >= Character.MIN_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Copies {@code s} into {@code out} as {@link #clean} would return it, for writers that hand
   * characters on without making a string.
   *
   * @param out at least {@code s.length()} long
   * @return how many characters were written to {@code out}
   */
  public static int clean(CharSequence s, char[] out) {
    int n = s.length();
    if (out.length < n) {
      throw new IllegalArgumentException("out is shorter (" + out.length + ") than s (" + n + ")");
    }
    int w = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        if (c == '\t' || c == '\n' || c == '\r') {
          out[w++] = c;
        }
      } else if (c >= Character.MIN_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          out[w++] = c;
          out[w++] = s.charAt(++i);
        } else if (!Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF') {
          out[w++] = c;
        }
      } else {
        out[w++] = c;
      }
    }
    return w;
  }

  /**
   * {@code s} without C0 controls other than tab, line feed and carriage return, without U+FFFE and
   * U+FFFF, and without lone surrogates; {@code s} itself when nothing is dropped.
   */
  public static String clean(String s) {
    if (!needsCleaning(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        if (c == '\t' || c == '\n' || c == '\r') {
          out.append(c);
        }
      } else if (c >= Character.MIN_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
        } else if (!Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF') {
          out.append(c);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
