package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.html.HtmlEscapers;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The subscription pages' texts in the page's language: the bundle {@code subscriptions} beside
 * this class ({@code subscriptions.properties} in English, {@code subscriptions_de.properties} in
 * German), read as UTF-8. A language without a file gets English, whatever the JVM's default
 * locale is (no fallback to it). Placeholders are {@code {0}}, {@code {1}}... (no MessageFormat
 * quoting rules: an apostrophe is an apostrophe). Immutable and thread-safe.
 */
final class SubscriptionTexts {
  private static final String BUNDLE = "io.statuskit.examples.server.subscriptions";

  private final ResourceBundle bundle;

  private SubscriptionTexts(ResourceBundle bundle) {
    this.bundle = bundle;
  }

  /** The texts in a locale's language, English when there is no file for it. */
  static SubscriptionTexts of(Locale locale) {
    requireNonNull(locale, "locale");
    return new SubscriptionTexts(
        ResourceBundle.getBundle(
            BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
  }

  /** The language tag of the texts, for {@code <html lang>}. */
  String lang() {
    return text("lang");
  }

  /** The text of a key with its placeholders replaced by the arguments, as plain text. */
  String text(String key, Object... arguments) {
    String text;
    try {
      text = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("subscriptions texts: no key \"" + key + "\" in " + BUNDLE, e);
    }
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
    }
    return text;
  }

  /**
   * The text of a key as HTML: the text escaped, its placeholders replaced by the arguments as
   * they are (HTML the caller made, with its own values escaped).
   */
  String html(String key, String... htmlArguments) {
    String html = escape(text(key));
    for (int i = 0; i < htmlArguments.length; i++) {
      html = html.replace("{" + i + "}", htmlArguments[i]);
    }
    return html;
  }

  private static String escape(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }
}
