package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

/**
 * A fragment of HTML that a template inserts as it is, without escaping. Only two things
 * make one: a template's own output, and a host's {@link io.statuskit.core.Body#html HTML body},
 * which the host wrote and vouches for. Every other value a template inserts is escaped.
 * Immutable and thread-safe.
 *
 * @param html the HTML
 */
public record SafeHtml(String html) {
  /** Checks the text is present. */
  public SafeHtml {
    requireNonNull(html, "html");
  }

  @Override
  public String toString() {
    return html;
  }
}
