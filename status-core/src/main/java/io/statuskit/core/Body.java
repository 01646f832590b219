package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;

/**
 * The text of an update: plain text, or HTML written by the host and carried as such. Feeds and
 * pages escape plain text and pass HTML on marked as HTML; StatusKit never parses or sanitizes
 * HTML, so a host that accepts HTML from others must sanitize it first. Immutable and thread-safe.
 *
 * @param text the text, not blank, at most 1,000,000 chars
 * @param format how to read the text
 */
public record Body(String text, Format format) {
  /** How a body's text is meant. */
  public enum Format {
    /** Plain text; line breaks separate paragraphs. */
    PLAIN,
    /** An HTML fragment. */
    HTML
  }

  /** Validates the text. */
  public Body {
    Checks.text("body", text, Checks.MAX_BODY_LENGTH);
    requireNonNull(format, "body.format");
  }

  /** A plain text body. */
  public static Body plain(String text) {
    return new Body(text, Format.PLAIN);
  }

  /** An HTML body, carried as written. */
  public static Body html(String html) {
    return new Body(html, Format.HTML);
  }

  /** Whether the text is HTML. */
  public boolean isHtml() {
    return format == Format.HTML;
  }

  @Override
  public String toString() {
    return text;
  }
}
