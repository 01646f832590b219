package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.Slugs;

/**
 * A tag on servers and incidents: a display label and a stable slug for URLs, such as
 * {@code "Email delivery"} and {@code "email-delivery"}. Two are equal when their slugs are, and a slug is unique to its label up to case, Unicode
 * normalization and runs of separators (see {@link #of}), so two different labels never merge.
 * Immutable and thread-safe.
 *
 * @param label the label as shown
 * @param slug lower case ASCII letters, digits and percent-encoded UTF-8 ({@code %c3%a4}), in
 *     runs joined by single dashes
 */
public record Category(String label, String slug) implements Comparable<Category> {
  /** Validates both parts. */
  public Category {
    Checks.line("category.label", label);
    requireNonNull(slug, "category.slug");
    if (!Slugs.isLabelSlug(slug) || !slug.equals(slug.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(
          "category.slug must be lower case letters, digits and %xx escapes joined by single '-': "
              + Checks.show(slug));
    }
  }

  /**
   * A category whose slug is made from the label: ASCII letters and digits kept, runs of white
   * space and {@code - _ . / : , ;} as one {@code -}, every other character percent-encoded as
   * UTF-8.
   */
  public static Category of(String label) {
    Checks.line("category.label", label);
    return new Category(label.strip(), Slugs.labelSlug(label));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Category && ((Category) other).slug.equals(slug);
  }

  @Override
  public int hashCode() {
    return slug.hashCode();
  }

  @Override
  public int compareTo(Category other) {
    return slug.compareTo(other.slug);
  }

  @Override
  public String toString() {
    return label;
  }
}
