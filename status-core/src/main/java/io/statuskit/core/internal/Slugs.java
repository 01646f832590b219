package io.statuskit.core.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes URL-safe slugs: readable ids from titles, and unique slugs of tag and category labels. */
public final class Slugs {
  private static final Pattern LABEL_SLUG =
      Pattern.compile("([a-z0-9]|%[0-9a-f]{2})+(-([a-z0-9]|%[0-9a-f]{2})+)*");
  private static final String SEPARATORS = "-_./:,;";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Slugs() {}

  /**
   * The slug of a tag or category label, unique to the label up to case, Unicode normalization
   * and runs of separators (white space and {@code - _ . / : , ;}, which become one {@code -}):
   * ASCII letters and digits are kept, every other character is kept as its percent-encoded UTF-8
   * (so {@code "Cät"} is {@code "c%c3%a4t"}, which a browser shows as the IRI {@code cät}, and
   * {@code "cat!"} is {@code "cat%21"}, never {@code "cat"}). Two labels that differ in anything
   * else never share a slug, so a collision never merges two tags. {@code ".co.zm domains"} is
   * {@code "co-zm-domains"}.
   */
  public static String labelSlug(String label) {
    String plain = Normalizer.normalize(label.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder(plain.length() + 8);
    boolean dash = false;
    for (int i = 0; i < plain.length(); ) {
      int cp = plain.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || SEPARATORS.indexOf(cp) >= 0) {
        dash = slug.length() > 0;
        continue;
      }
      if (dash) {
        slug.append('-');
        dash = false;
      }
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        slug.append((char) cp);
      } else {
        percentEncode(cp, slug);
      }
    }
    if (slug.length() == 0) { // only separators: keep them all, encoded
      plain.codePoints().forEach(cp -> percentEncode(cp, slug));
    }
    return slug.toString();
  }

  /** Whether {@code text} is already a label slug (hex digits in either case). */
  public static boolean isLabelSlug(String text) {
    return LABEL_SLUG.matcher(text.toLowerCase(Locale.ROOT)).matches();
  }

  /** A slug as given (hex digits lower-cased), or the slug of a label. */
  public static String labelSlugOf(String slugOrLabel) {
    return isLabelSlug(slugOrLabel) ? slugOrLabel.toLowerCase(Locale.ROOT) : labelSlug(slugOrLabel);
  }

  private static void percentEncode(int cp, StringBuilder out) {
    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }

  /**
   * The slug of a label: accents dropped, lower case ASCII letters and digits, other runs turned
   * into one {@code -}, no leading or trailing {@code -}. A label with no letter or digit at all
   * (only emoji, say) gets {@code u} followed by the hex code points joined by {@code -}, so its
   * slug is still stable and unique.
   */
  public static String slugify(String label) {
    String plain =
        Normalizer.normalize(label, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder(plain.length());
    boolean dash = false;
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (dash && slug.length() > 0) {
          slug.append('-');
        }
        slug.append(c);
        dash = false;
      } else {
        dash = true;
      }
    }
    if (slug.length() == 0) {
      StringBuilder hex = new StringBuilder("u");
      label
          .codePoints()
          .filter(cp -> !Character.isWhitespace(cp))
          .forEach(
              cp -> {
                if (hex.length() > 1) {
                  hex.append('-');
                }
                hex.append(Integer.toHexString(cp));
              });
      return hex.toString();
    }
    return slug.toString();
  }
}
