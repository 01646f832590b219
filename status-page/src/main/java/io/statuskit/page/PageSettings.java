package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What the page says about itself: its name, the absolute URL it is served at (feeds and
 * Statuspage JSON need absolute links) and the time zone its times are shown in. Immutable and
 * thread-safe.
 *
 * @param name the page's name, such as "NinerNet Communications"
 * @param baseUrl the absolute http(s) URL of the page's root, ending in {@code /}
 * @param zone the zone times are shown in
 * @param locale the language of the page's texts, dates and durations ({@code en} and {@code de}
 *     are shipped; other languages get English texts and their own date formats)
 */
public record PageSettings(String name, URI baseUrl, ZoneId zone, Locale locale) {
  /** Checks the parts. */
  public PageSettings {
    requireNonNull(name, "page.name");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("page.name must be 1 to 200 chars and not blank: \"" + name + "\"");
    }
    requireNonNull(baseUrl, "page.baseUrl");
    requireNonNull(zone, "page.zone");
    requireNonNull(locale, "page.locale");
    String scheme = baseUrl.getScheme();
    if (!baseUrl.isAbsolute()
        || !("http".equals(scheme) || "https".equals(scheme))
        || baseUrl.getHost() == null
        || baseUrl.getRawPath() == null
        || !baseUrl.getRawPath().endsWith("/")
        || baseUrl.getRawQuery() != null
        || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "page.baseUrl must be an absolute http(s) URL ending in '/', without query: \"" + baseUrl + "\"");
    }
  }

  /** A page in English. */
  public PageSettings(String name, URI baseUrl, ZoneId zone) {
    this(name, baseUrl, zone, Locale.ENGLISH);
  }

  /** The page at {@code http://localhost:<port>/} in UTC, named {@code name}. */
  public static PageSettings local(String name, int port) {
    return new PageSettings(name, URI.create("http://localhost:" + port + "/"), ZoneId.of("UTC"));
  }

  /** This page at another base URL. */
  public PageSettings withBaseUrl(URI newBaseUrl) {
    return new PageSettings(name, newBaseUrl, zone, locale);
  }

  /** This page in another language. */
  public PageSettings withLocale(Locale newLocale) {
    return new PageSettings(name, baseUrl, zone, newLocale);
  }

  /** The path part of the base URL, such as {@code "/"} or {@code "/status/"}. */
  public String basePath() {
    return baseUrl.getRawPath();
  }

  /** The absolute URL of a site path such as {@code "history.rss"} (no leading slash). */
  public URI absolute(String sitePath) {
    return baseUrl.resolve(sitePath.startsWith("/") ? sitePath.substring(1) : sitePath);
  }
}
