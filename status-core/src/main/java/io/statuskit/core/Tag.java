package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.Slugs;

/**
 * A tag on servers and incidents: a display label and a stable slug for URLs, such as
 * {@code ".co.zm domains"} and {@code "co-zm-domains"}. Two tags are equal when their slugs are.
 * Immutable and thread-safe.
 *
 * @param label the label as shown
 * @param slug lower case letters, digits and single dashes
 */
public record Tag(String label, String slug) implements Comparable<Tag> {
  /** Validates both parts. */
  public Tag {
    Checks.line("tag.label", label);
    requireNonNull(slug, "tag.slug");
    if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "tag.slug must be lower case letters and digits joined by single '-': "
              + Checks.show(slug));
    }
  }

  /** A tag whose slug is made from the label. */
  public static Tag of(String label) {
    Checks.line("tag.label", label);
    return new Tag(label.strip(), Slugs.slugify(label));
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
