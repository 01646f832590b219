package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.Slugs;

/**
 * A tag on servers and incidents: a display label and a stable slug for URLs, such as
 * {@code ".co.zm domains"} and {@code "co-zm-domains"}. Two are equal when their slugs are, and a slug is unique to its label up to case, Unicode
 * normalization and runs of separators (see {@link #of}), so two different labels never merge.
 * Immutable and thread-safe.
 *
 * @param label the label as shown
 * @param slug lower case ASCII letters, digits and percent-encoded UTF-8 ({@code %c3%a4}), in
 *     runs joined by single dashes
 */
public record Tag(String label, String slug) implements Comparable<Tag> {
  /** Validates both parts. */
  public Tag {
    Checks.line("tag.label", label);
    requireNonNull(slug, "tag.slug");
    if (!Slugs.isLabelSlug(slug) || !slug.equals(slug.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException(
          "tag.slug must be lower case letters, digits and %xx escapes joined by single '-': "
              + Checks.show(slug));
    }
  }

  /**
   * A tag whose slug is made from the label: ASCII letters and digits kept, runs of white space
   * and {@code - _ . / : , ;} as one {@code -}, every other character percent-encoded as UTF-8
   * ({@code "Cät"} is {@code "c%c3%a4t"}, shown by browsers as {@code cät}).
   */
  public static Tag of(String label) {
    Checks.line("tag.label", label);
    return new Tag(label.strip(), Slugs.labelSlug(label));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tag && ((Tag) other).slug.equals(slug);
  }

  @Override
  public int hashCode() {
    return slug.hashCode();
  }

  @Override
  public int compareTo(Tag other) {
    return slug.compareTo(other.slug);
  }

  @Override
  public String toString() {
    return label;
  }
}
