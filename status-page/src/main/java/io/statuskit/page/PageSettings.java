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
 * @param noData what time without data (never observed, or no monitor reporting) does to the
 *     page's uptime figures and bars ({@link NoData#LEFT_OUT} by default)
 */
public record PageSettings(String name, URI baseUrl, ZoneId zone, Locale locale, NoData noData) {
  /**
   * What time without data does to the page's uptime figures and bars; the names are those of
   * status-history's {@code UptimePolicy.NoData}, and the config file's {@code page.noData} takes
   * {@link #key()}.
   */
  public enum NoData {
    /** Left out: uptime is over the time with data only, and the heading says how much was left out (the default). */
    LEFT_OUT("leftOut"),
    /** Counted as down, from when the server was added on. */
    COUNTED_DOWN("countedDown");

    private final String key;

    NoData(String key) {
      this.key = key;
    }

    /** The config file's name for it: {@code leftOut} or {@code countedDown}. */
    public String key() {
      return key;
    }

    /**
     * The setting with this {@link #key()}.
     *
     * @throws IllegalArgumentException naming the value when no setting has that key
     */
    public static NoData fromKey(String key) {
      for (NoData value : values()) {
        if (value.key.equals(key)) {
          return value;
        }
      }
      throw new IllegalArgumentException("page.noData must be leftOut or countedDown: \"" + key + "\"");
    }
  }

  /** Checks the parts. */
  public PageSettings {
    requireNonNull(name, "page.name");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("page.name must be 1 to 200 chars and not blank: \"" + name + "\"");
    }
    requireNonNull(baseUrl, "page.baseUrl");
    requireNonNull(zone, "page.zone");
    requireNonNull(locale, "page.locale");
    requireNonNull(noData, "page.noData");
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

  /** A page that leaves time without data out of uptime. */
  public PageSettings(String name, URI baseUrl, ZoneId zone, Locale locale) {
    this(name, baseUrl, zone, locale, NoData.LEFT_OUT);
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
    return new PageSettings(name, newBaseUrl, zone, locale, noData);
  }

  /** This page in another language. */
  public PageSettings withLocale(Locale newLocale) {
    return new PageSettings(name, baseUrl, zone, newLocale, noData);
  }

  /** This page with another rule for time without data in uptime. */
  public PageSettings withNoData(NoData newNoData) {
    return new PageSettings(name, baseUrl, zone, locale, newNoData);
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
