package io.statuskit.core.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The searchable texts of an incident (title, then each update's body and title) with case
 * folded char by char, so that a case-insensitive search is a plain {@link String#indexOf}.
 *
 * <p>Folding maps each char {@code c} to {@code toLowerCase(toUpperCase(c))}; two chars are then
 * equal exactly when {@link String#regionMatches(boolean, int, String, int, int)} with {@code
 * ignoreCase} would match them (it accepts equal chars, equal upper cases, or equal lower cases
 * of the upper cases). Texts with surrogate chars are not folded ({@link #exact()} is false):
 * {@code regionMatches} compares those by code point, so callers search the originals instead.
 * Immutable and thread-safe.
 */
public final class FoldedText {
  private final String[] texts;
  private final boolean exact;

  private FoldedText(String[] texts, boolean exact) {
    this.texts = texts;
    this.exact = exact;
  }

  /** Folds the given texts. */
  public static FoldedText of(Iterable<String> texts) {
    return empty().plus(texts);
  }

  /** No texts. */
  public static FoldedText empty() {
    return new FoldedText(new String[0], true);
  }

  /** These texts and the given ones, folded; this is not changed. */
  public FoldedText plus(Iterable<String> more) {
    String[] next = texts;
    boolean nextExact = exact;
    for (String text : more) {
      String folded = fold(text);
      if (folded == null) {
        nextExact = false;
        folded = "";
      }
      next = Arrays.copyOf(next, next.length + 1);
      next[next.length - 1] = folded;
    }
    return new FoldedText(next, nextExact);
  }

  /** Whether every text could be folded; if not, {@link #contains} must not be used. */
  public boolean exact() {
    return exact;
  }

  /** Whether a text contains {@code foldedNeedle} (as {@link #fold} returns it). */
  public boolean contains(String foldedNeedle) {
    for (String text : texts) {
      if (text.contains(foldedNeedle)) {
        return true;
      }
    }
    return false;
  }

  /** The text folded char by char, or null if it holds a surrogate char. */
  public static @Nullable String fold(String text) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        break;
      }
      i++;
    }
    if (i == length) {
      return text;
    }
    char[] chars = text.toCharArray();
    for (; i < length; i++) {
      char c = chars[i];
      if (Character.isSurrogate(c)) {
        return null;
      }
      chars[i] = Character.toLowerCase(Character.toUpperCase(c));
    }
    return new String(chars);
  }
}
