package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The page's texts in one language: {@code messages.properties} (English) overlaid with {@code
 * messages_<language>.properties}, each first from the built-in resources and then from a host's
 * override directory, so a host can change single texts or add a language. Placeholders are
 * {@code {0}}, {@code {1}}... (no MessageFormat quoting rules: an apostrophe is an apostrophe).
 * Immutable and thread-safe.
 */
final class Messages {
  private final Locale locale;
  private final ImmutableMap<String, String> texts;

  private Messages(Locale locale, ImmutableMap<String, String> texts) {
    this.locale = locale;
    this.texts = texts;
  }

  static Messages load(Locale locale, TemplateSet files) {
    requireNonNull(locale, "locale");
    Map<String, String> texts = new LinkedHashMap<>();
    String language = locale.getLanguage();
    for (String name : language.isEmpty() || language.equals("en")
        ? new String[] {"messages.properties"}
        : new String[] {"messages.properties", "messages_" + language + ".properties"}) {
      put(texts, files.builtInFile(name));
      put(texts, files.overrideFile(name));
    }
    return new Messages(locale, ImmutableMap.copyOf(texts));
  }

  private static void put(Map<String, String> texts, Optional<byte[]> file) {
    if (file.isEmpty()) {
      return;
    }
    Properties properties = new Properties();
    try {
      properties.load(new InputStreamReader(new ByteArrayInputStream(file.get()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("messages: cannot read", e);
    }
    for (String key : properties.stringPropertyNames()) {
      texts.put(key, properties.getProperty(key));
    }
  }

  Locale locale() {
    return locale;
  }

  /** Every text by key, for the templates ({@code {{t.glance}}}). */
  ImmutableMap<String, String> all() {
    return texts;
  }

  /** The text of a key, or the key itself when no file has it. */
  String text(String key) {
    return texts.getOrDefault(key, key);
  }

  /** The text of a key with {@code {0}}, {@code {1}}... replaced by the arguments. */
  String format(String key, Object... arguments) {
    String text = text(key);
    for (int i = 0; i < arguments.length; i++) {
      text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
    }
    return text;
  }

  /** A label from the core model in this language: {@code prefix_key}, or the model's English. */
  String label(String prefix, String key, String english) {
    return texts.getOrDefault(prefix + "_" + key, english);
  }
}
