package io.statuskit.notify.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The e-mails' texts in one language: {@code mail.properties} (English) beside this class,
 * overlaid with {@code mail_<language>.properties} when there is one (German ships), read as
 * UTF-8. Read by hand rather than through {@code ResourceBundle}: in a named module the bundle
 * lookup cannot be told not to fall back to the JVM's default locale, and an English page must not
 * send German mail because the host runs in Germany. Placeholders are {@code {0}}, {@code {1}}...
 * (no MessageFormat quoting). Immutable and thread-safe.
 */
final class MailTexts {
  private final ImmutableMap<String, String> texts;

  private MailTexts(ImmutableMap<String, String> texts) {
    this.texts = texts;
  }

  /** The texts in a locale's language, English for a language without a file. */
  static MailTexts of(Locale locale) {
    requireNonNull(locale, "locale");
    Map<String, String> texts = new LinkedHashMap<>();
    put(texts, "mail.properties", true);
    String language = locale.getLanguage();
    if (!language.isEmpty() && !language.equals("en")) {
      put(texts, "mail_" + language + ".properties", false);
    }
    return new MailTexts(ImmutableMap.copyOf(texts));
  }

  private static void put(Map<String, String> texts, String name, boolean required) {
    try (InputStream in = MailTexts.class.getResourceAsStream(name)) {
      if (in == null) {
        if (required) {
          throw new IllegalStateException("mail texts: no resource " + name + " beside " + MailTexts.class.getName());
        }
        return;
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String key : p.stringPropertyNames()) {
        texts.put(key, p.getProperty(key));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("mail texts: cannot read " + name, e);
    }
  }

  /** The language of the texts (en, de). */
  String lang() {
    return text("lang");
  }

  /** The text of a key with {@code {0}}, {@code {1}}... replaced by the arguments. */
  String text(String key, Object... arguments) {
    String text = texts.get(key);
    if (text == null) {
      throw new IllegalStateException("mail texts: no key \"" + key + "\"");
    }
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
    }
    return text;
  }
}
