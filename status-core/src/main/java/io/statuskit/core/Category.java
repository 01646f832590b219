package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.Slugs;

/**
 * A tag on servers and incidents: a display label and a stable slug for URLs, such as
 * {@code "Email delivery"} and {@code "email-delivery"}. Two tags are equal when their slugs are.
 * Immutable and thread-safe.
 *
 * @param label the label as shown
 * @param slug lower case letters, digits and single dashes
 */
public record Category(String label, String slug) implements Comparable<Category> {
  /** Validates both parts. */
  public Category {
    Checks.line("category.label", label);
    requireNonNull(slug, "category.slug");
    if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "category.slug must be lower case letters and digits joined by single '-': "
              + Checks.show(slug));
    }
  }

  /** A tag whose slug is made from the label. */
  public static Category of(String label) {
    Checks.line("category.label", label);
    return new Category(label.strip(), Slugs.slugify(label));
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
