package io.statuskit.core.internal;

import java.text.Normalizer;
import java.util.Locale;

/** Makes URL-safe slugs from labels: ".co.zm domains" becomes "co-zm-domains". */
public final class Slugs {
  private Slugs() {}

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
