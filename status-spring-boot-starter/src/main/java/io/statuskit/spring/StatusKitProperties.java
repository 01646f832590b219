package io.statuskit.spring;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.Vantage;
import io.statuskit.core.VantageQuorum;
import io.statuskit.page.PageSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code statuskit.*} settings of {@code application.yml}. {@code statuskit.defaults},
 * {@code statuskit.servers} and {@code statuskit.incidents} are the config file's sections of the same names, read by
 * status-monitor's {@code MonitorConfigLoader} with its rules and messages; {@code page} has the
 * config file's page keys plus {@code path} and {@code enabled}; {@code store} says where the board
 * is kept. Unknown keys under {@code statuskit} are errors, so a typo is never silently ignored.
 * Immutable and thread-safe.
 *
 * @param store where the board is kept: a journal directory by default, PostgreSQL when {@code
 *     store.postgres.url} is set
 * @param page the status page and where Spring MVC serves it
 * @param monitor whether the configured servers are monitored
 * @param defaults the raw {@code statuskit.defaults} section (probe defaults for every server),
 *     or null; the monitor reads it from the environment itself, with each key's origin
 * @param servers the raw {@code statuskit.servers} section, or null; read like {@code defaults}
 * @param incidents the raw {@code statuskit.incidents} section (the monitor's incident policy), or
 *     null; read like {@code defaults}. An application's own {@code IncidentPolicy} bean wins.
 */
@ConfigurationProperties(prefix = "statuskit", ignoreUnknownFields = false)
public record StatusKitProperties(
    @DefaultValue Store store,
    @DefaultValue Page page,
    @DefaultValue Monitor monitor,
    @Nullable Map<String, Object> defaults,
    @Nullable List<Map<String, Object>> servers,
    @Nullable Map<String, Object> incidents) {

  /** Checks the parts. */
  public StatusKitProperties {
    requireNonNull(store, "store");
    requireNonNull(page, "page");
    requireNonNull(monitor, "monitor");
  }

  /**
   * Where the board is kept ({@code statuskit.store}).
   *
   * @param journal the journal, used unless {@code postgres.url} is set
   * @param postgres the PostgreSQL store (needs {@code io.statuskit:status-store-postgres})
   */
  public record Store(@DefaultValue Journal journal, @DefaultValue Postgres postgres) {
    /** Checks the parts. */
    public Store {
      requireNonNull(journal, "journal");
      requireNonNull(postgres, "postgres");
    }
  }

  /**
   * The crash-safe journal ({@code statuskit.store.journal}).
   *
   * @param directory its directory, created when missing; {@code statuskit-data} (relative to the
   *     working directory) by default
   */
  public record Journal(@DefaultValue("statuskit-data") Path directory) {
    /** Checks the part. */
    public Journal {
      requireNonNull(directory, "statuskit.store.journal.directory");
    }
  }

  /**
   * The shared PostgreSQL store ({@code statuskit.store.postgres}).
   *
   * @param url the {@code jdbc:postgresql://host:port/database} URL; when set, the board is kept
   *     there instead of in the journal
   * @param user the user, or null for the URL's or the driver's
   * @param password the password, or null
   * @param schema the schema holding the board's tables; {@code statuskit} by default
   */
  public record Postgres(
      @Nullable String url, @Nullable String user, @Nullable String password, @DefaultValue("statuskit") String schema) {
    /** Checks the parts. */
    public Postgres {
      requireNonNull(schema, "statuskit.store.postgres.schema");
      if (url != null && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "statuskit.store.postgres.url must start with jdbc:postgresql: \"" + url + "\"");
      }
    }

    /** Whether a URL is set. */
    public boolean configured() {
      return url != null && !url.isBlank();
    }

    /** Leaves the password out. */
    @Override
    public String toString() {
      return "Postgres[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***")
          + ", schema=" + schema + "]";
    }
  }

  /**
   * The status page ({@code statuskit.page}): the config file's page keys, and where it is served.
   *
   * @param enabled whether the site is made and served; true by default
   * @param path where Spring MVC serves it, such as {@code /status} (the default) or {@code /} for
   *     the root: the page is at {@code path + "/"}
   * @param name the page's name, shown in the masthead and the feeds; {@code Status} by default
   * @param baseUrl the absolute http(s) URL of the page's root, ending in {@code /} (feeds and the
   *     Statuspage API need absolute links), or null for {@code http://localhost:<server.port><context
   *     path><path>/}
   * @param zone the IANA time zone the page shows times in; {@code UTC} by default
   * @param locale the language of the page: {@code en} (default) or {@code de}
   * @param tagDate the date in the feeds' {@code tag:} ids, such as {@code 2013-05-01}; never change
   *     it once published; null for the library's default
   * @param hideInternalServers whether the public sees only public servers
   * @param templates a directory of templates and CSS overriding the built-in ones, or null
   * @param refreshInterval how long a page may be served before it is rendered again although the
   *     board did not change (its uptime bars and times are relative to now); {@code 0s} for never;
   *     {@code 1m} by default
   * @param noData what time without data (a server never observed, or no monitor reporting for it)
   *     does to the page's uptime figures, bars and badges: {@code leftOut} (the default) or
   *     {@code countedDown}, as the config file's {@code page.noData}
   */
  public record Page(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/status") String path,
      @DefaultValue("Status") String name,
      @Nullable String baseUrl,
      @DefaultValue("UTC") String zone,
      @DefaultValue("en") String locale,
      @Nullable String tagDate,
      boolean hideInternalServers,
      @Nullable Path templates,
      @DefaultValue("1m") Duration refreshInterval,
      @DefaultValue("leftOut") String noData) {
    /** Checks the parts; messages name the key and show the value. */
    public Page {
      requireNonNull(path, "statuskit.page.path");
      requireNonNull(name, "statuskit.page.name");
      requireNonNull(zone, "statuskit.page.zone");
      requireNonNull(locale, "statuskit.page.locale");
      if (!path.equals("/") && !path.matches("(/[A-Za-z0-9._~-]+)+")) {
        throw new IllegalArgumentException(
            "statuskit.page.path must be / or start with '/', not end with '/', and hold only letters, digits,"
                + " '.', '_', '~', '-' and '/': \"" + path + "\"");
      }
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("statuskit.page.name must be 1 to 200 chars and not blank: \"" + name + "\"");
      }
      if (baseUrl != null) {
        parseBaseUrl(baseUrl);
      }
      zoneId(zone);
      parseLocale(locale);
      if (tagDate != null) {
        parseTagDate(tagDate);
      }
      requireNonNull(refreshInterval, "statuskit.page.refreshInterval");
      if (refreshInterval.isNegative()) {
        throw new IllegalArgumentException("statuskit.page.refreshInterval must not be negative: " + refreshInterval);
      }
      requireNonNull(noData, "statuskit.page.noData");
      parseNoData(noData);
    }

    /** The path without a trailing slash: {@code ""} for the root, else such as {@code /status}. */
    public String prefix() {
      return path.equals("/") ? "" : path;
    }

    /** The zone as a {@link ZoneId}. */
    public ZoneId zoneId() {
      return zoneId(zone);
    }

    /** The locale as a {@link Locale}. */
    public Locale toLocale() {
      return parseLocale(locale);
    }

    /** The no-data rule as the page's {@link PageSettings.NoData}. */
    public PageSettings.NoData toNoData() {
      return parseNoData(noData);
    }

    /** The tag date, or null for the library's default. */
    public @Nullable LocalDate toTagDate() {
      return tagDate == null ? null : parseTagDate(tagDate);
    }

    /** The base URL, or null when not set. */
    public @Nullable URI toBaseUrl() {
      return baseUrl == null ? null : parseBaseUrl(baseUrl);
    }

    private static URI parseBaseUrl(String text) {
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme();
        if (uri.isAbsolute()
            && ("http".equals(scheme) || "https".equals(scheme))
            && uri.getHost() != null
            && uri.getRawPath() != null
            && uri.getRawPath().endsWith("/")
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "statuskit.page.baseUrl must be an absolute http(s) URL ending in '/', without query: \"" + text + "\"");
    }

    private static ZoneId zoneId(String text) {
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "statuskit.page.zone: unknown time zone \"" + text + "\" (use an IANA name such as Europe/London, or UTC)", e);
      }
    }

    private static Locale parseLocale(String text) {
      Locale parsed = Locale.forLanguageTag(text);
      if (parsed.getLanguage().isEmpty()) {
        throw new IllegalArgumentException("statuskit.page.locale must be a language tag such as en or de: \"" + text + "\"");
      }
      return parsed;
    }

    private static PageSettings.NoData parseNoData(String text) {
      for (PageSettings.NoData value : PageSettings.NoData.values()) {
        if (value.key().equals(text)) {
          return value;
        }
      }
      throw new IllegalArgumentException("statuskit.page.noData must be leftOut or countedDown: \"" + text + "\"");
    }

    private static LocalDate parseTagDate(String text) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("statuskit.page.tagDate must be a date such as 2013-05-01: \"" + text + "\"", e);
      }
    }
  }

  /**
   * The monitor ({@code statuskit.monitor}); its servers are {@code statuskit.servers}.
   *
   * @param enabled whether the configured servers are monitored (probed on their schedule and shown
   *     in the health endpoint); true by default
   * @param vantage the probe location this application's monitor reports from (the config file's
   *     {@code vantage}, such as {@code amsterdam}), or null for a monitor whose verdict is the
   *     server's status; several applications on one shared store, each with its own location,
   *     then vote ({@code VantageQuorum})
   * @param vantageQuorum how many fresh locations must agree (the file's {@code vantageQuorum}, 1
   *     to 100), or null for a majority of the known ones; only with a vantage
   */
  public record Monitor(@DefaultValue("true") boolean enabled, @Nullable String vantage, @Nullable Integer vantageQuorum) {
    /** Checks the location and its quorum. */
    public Monitor {
      if (vantageQuorum != null && vantage == null) {
        throw new IllegalArgumentException(
            "statuskit.monitor.vantageQuorum needs statuskit.monitor.vantage (the probe location this monitor reports from): "
                + vantageQuorum);
      }
      if (vantageQuorum != null && (vantageQuorum < 1 || vantageQuorum > 100)) {
        throw new IllegalArgumentException("statuskit.monitor.vantageQuorum must be 1 to 100: " + vantageQuorum);
      }
      if (vantage != null) {
        try {
          toVantage(vantage, vantageQuorum);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("statuskit.monitor.vantage: " + e.getMessage() + ": \"" + vantage + "\"", e);
        }
      }
    }

    /** The probe location, or empty when none is set. */
    public Optional<Vantage> location() {
      return vantage == null ? Optional.empty() : Optional.of(toVantage(vantage, vantageQuorum));
    }

    private static Vantage toVantage(String name, @Nullable Integer quorum) {
      return new Vantage(name, quorum == null ? VantageQuorum.majority() : VantageQuorum.atLeast(quorum));
    }
  }
}
