package io.statuskit.feeds.internal;

/**
 * Drops the characters no feed reader should get, so every format carries the same text: C0
 * controls other than tab, line feed and carriage return (XML 1.0 cannot carry them), DEL and the
 * C1 controls U+0080 to U+009F (XML allows them but readers show them as boxes or act on them),
 * every Unicode noncharacter (U+FDD0 to U+FDEF and U+nFFFE, U+nFFFF in every plane), and lone
 * surrogates.
 */
public final class Text {
  private Text() {}

  /** Whether the code point is dropped. */
  static boolean dropped(int c) {
    if (c < 0x20) {
      return c != '\t' && c != '\n' && c != '\r';
    }
    if (c < 0x7F) {
      return false;
    }
    if (c <= 0x9F) {
      return true; // DEL and C1
    }
    if (c >= 0xFDD0 && c <= 0xFDEF) {
      return true;
    }
    if ((c & 0xFFFE) == 0xFFFE) {
      return true; // U+nFFFE and U+nFFFF
    }
    return c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE; // lone surrogate
  }

  /** Whether {@code s} holds a character {@link #clean} would drop. */
  public static boolean needsCleaning(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; ) {
      int c = Character.codePointAt(s, i);
      if (dropped(c)) {
        return true;
      }
      i += Character.charCount(c);
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
    for (int i = 0; i < n; ) {
      int c = Character.codePointAt(s, i);
      int count = Character.charCount(c);
      if (!dropped(c)) {
        w += Character.toChars(c, out, w);
      }
      i += count;
    }
    return w;
  }

  /** {@code s} without the characters named above; {@code s} itself when nothing is dropped. */
  public static String clean(String s) {
    if (!needsCleaning(s)) {
      return s;
    }
    char[] out = new char[s.length()];
    return new String(out, 0, clean(s, out));
  }
}
