package io.statuskit.feeds;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What every feed of one status page shares: its title and links, the authority and date its
 * {@code tag:} ids are minted from (RFC 4151), the author, where documents live, and the zone and
 * clock that decide which months are archived. Immutable and thread-safe; build one with {@link
 * #builder()}.
 *
 * @param title the page's title, such as "NinerNet Communications System Status"
 * @param description a one-line description
 * @param siteUrl the status page itself (absolute http or https)
 * @param feedBaseUrl the folder feed documents live in; subscription documents are {@code
 *     <base><incidents|updates>.<rss|atom|json>}, archives {@code
 *     <base><incidents|updates>/<yyyy-MM>.<ext>}
 * @param tagAuthority a domain name (or e-mail address) the publisher owned on {@code tagDate}
 * @param tagDate a date on which the publisher owned {@code tagAuthority}; never change it
 * @param authorName the author of every entry (Atom needs one)
 * @param authorEmail the author's e-mail address, or null
 * @param language an RFC 5646 language tag such as {@code en}
 * @param incidentUrlTemplate a permalink template holding {@code {id}}, such as {@code
 *     https://status.example.com/incidents/{id}}, or null when incidents have no page of their
 *     own
 * @param tagScheme the URL under which tags are listed (RSS category {@code domain}, Atom {@code
 *     scheme})
 * @param categoryScheme the URL under which categories are listed
 * @param zone the zone archive months are reckoned in
 * @param clock tells which month is still open (not archived)
 * @param scope what part of the site a feed covers, such as {@code servers/NC027} or {@code
 *     tags/email}, or empty for the whole site; part of the Atom feed id, so that every scoped feed
 *     has its own (RFC 4287 4.2.6) while a feed's archives share it. ASCII path segments
 *     (percent-encode the rest), without a leading or trailing slash
 */
public record FeedSettings(
    String title,
    String description,
    URI siteUrl,
    URI feedBaseUrl,
    String tagAuthority,
    LocalDate tagDate,
    String authorName,
    @Nullable String authorEmail,
    String language,
    @Nullable String incidentUrlTemplate,
    URI tagScheme,
    URI categoryScheme,
    ZoneId zone,
    Clock clock,
    String scope) {

  private static final Pattern SCOPE = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=:@%-]+(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*)?");
  private static final Pattern AUTHORITY =
      Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?"
          + "|[^@\\s]+@([a-z0-9-]+\\.)*[a-z0-9-]+");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

  /** Validates every part. */
  public FeedSettings {
    line("title", title);
    line("description", description);
    checkAbsolute("siteUrl", siteUrl);
    checkAbsolute("feedBaseUrl", feedBaseUrl);
    if (!feedBaseUrl.getPath().endsWith("/")) {
      throw new IllegalArgumentException("feedBaseUrl must end with '/': " + feedBaseUrl);
    }
    requireNonNull(tagAuthority, "tagAuthority");
    if (!AUTHORITY.matcher(tagAuthority).matches()) {
      throw new IllegalArgumentException(
          "tagAuthority must be a lower-case domain name or an e-mail address: \"" + tagAuthority + "\"");
    }
    requireNonNull(tagDate, "tagDate");
    if (tagDate.getYear() < 1 || tagDate.getYear() > 9999) {
      throw new IllegalArgumentException("tagDate must have a four-digit year: " + tagDate);
    }
    line("authorName", authorName);
    if (authorEmail != null && !authorEmail.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("authorEmail is not an e-mail address: \"" + authorEmail + "\"");
    }
    requireNonNull(language, "language");
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException("language must be an RFC 5646 tag such as en: \"" + language + "\"");
    }
    if (incidentUrlTemplate != null) {
      if (!incidentUrlTemplate.contains("{id}")) {
        throw new IllegalArgumentException(
            "incidentUrlTemplate must contain {id}: \"" + incidentUrlTemplate + "\"");
      }
      checkAbsolute("incidentUrlTemplate", URI.create(incidentUrlTemplate.replace("{id}", "x")));
    }
    checkAbsolute("tagScheme", tagScheme);
    checkAbsolute("categoryScheme", categoryScheme);
    requireNonNull(zone, "zone");
    requireNonNull(clock, "clock");
    requireNonNull(scope, "scope");
    if (!SCOPE.matcher(scope).matches()) {
      throw new IllegalArgumentException(
          "scope must be empty or ASCII path segments without a leading or trailing '/' (percent-encode the rest): \""
              + scope
              + "\"");
    }
  }

  /** The id of the logical feed of this scope and granularity, shared by its archives. */
  public String feedId(Granularity granularity) {
    return tagPrefix() + "feed:" + (scope.isEmpty() ? "" : scope + "/") + granularity.path();
  }

  private static void line(String field, @Nullable String value) {
    requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank: \"" + value + "\"");
    }
  }

  static void checkAbsolute(String field, @Nullable URI uri) {
    requireNonNull(uri, field);
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(field + " must be an absolute http(s) URL: " + uri);
    }
    for (int i = 0, n = uri.toString().length(); i < n; i++) {
      char c = uri.toString().charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException(field + " must be an ASCII URL (percent-encode the rest): " + uri);
      }
    }
  }

  /** A builder; title, site URL and tag date are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code tag:} URI prefix, such as {@code tag:status.example.com,2013-05-01:}. */
  public String tagPrefix() {
    return "tag:" + tagAuthority + "," + tagDate + ":";
  }

  /** The subscription document of a feed. */
  public URI subscriptionUrl(FeedFormat format, Granularity granularity) {
    return feedBaseUrl.resolve(granularity.path() + "." + format.extension());
  }

  /** The archive document of a feed for one month. */
  public URI archiveUrl(FeedFormat format, Granularity granularity, YearMonth month) {
    return feedBaseUrl.resolve(granularity.path() + "/" + month + "." + format.extension());
  }

  /** The permalink of an incident, or null without a template. */
  public @Nullable String incidentUrl(String incidentId) {
    return incidentUrlTemplate == null ? null : incidentUrlTemplate.replace("{id}", incidentId);
  }

  /** Builds {@link FeedSettings}; not thread-safe. */
  public static final class Builder {
    private @Nullable String title;
    private @Nullable String description;
    private @Nullable URI siteUrl;
    private @Nullable URI feedBaseUrl;
    private @Nullable String tagAuthority;
    private @Nullable LocalDate tagDate;
    private @Nullable String authorName;
    private @Nullable String authorEmail;
    private String language = "en";
    private @Nullable String incidentUrlTemplate;
    private boolean incidentUrlTemplateSet;
    private String scope = "";
    private @Nullable URI tagScheme;
    private @Nullable URI categoryScheme;
    private ZoneId zone = ZoneOffset.UTC;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The page's title (required). */
    public Builder title(String title) {
      this.title = title;
      return this;
    }

    /** A one-line description; defaults to the title. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The status page's URL (required). */
    public Builder siteUrl(String siteUrl) {
      return siteUrl(URI.create(siteUrl));
    }

    /** The status page's URL (required). */
    public Builder siteUrl(URI siteUrl) {
      this.siteUrl = siteUrl;
      return this;
    }

    /** The folder feed documents live in; defaults to {@code <siteUrl>/feeds/}. */
    public Builder feedBaseUrl(String feedBaseUrl) {
      this.feedBaseUrl = URI.create(feedBaseUrl);
      return this;
    }

    /** The tag authority; defaults to the site's host name in lower case. */
    public Builder tagAuthority(String tagAuthority) {
      this.tagAuthority = tagAuthority;
      return this;
    }

    /** A date on which the publisher owned the tag authority (required; never change it). */
    public Builder tagDate(LocalDate tagDate) {
      this.tagDate = tagDate;
      return this;
    }

    /** The author's name; defaults to the title. */
    public Builder author(String name, @Nullable String email) {
      this.authorName = name;
      this.authorEmail = email;
      return this;
    }

    /** The language tag; {@code en} by default. */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * The permalink template, holding {@code {id}}; by default {@code <siteUrl>/incidents/{id}/},
     * so that every RSS item has a {@code <link>}. Null when incidents have no page of their own.
     */
    public Builder incidentUrlTemplate(@Nullable String template) {
      this.incidentUrlTemplate = template;
      this.incidentUrlTemplateSet = true;
      return this;
    }

    /**
     * What part of the site the feed covers, such as {@code servers/NC027}; empty (the whole site)
     * by default. Scoped feeds get ids of their own.
     */
    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    /** The tag and category listing URLs; default {@code <siteUrl>/tag/} and {@code /category/}. */
    public Builder schemes(URI tagScheme, URI categoryScheme) {
      this.tagScheme = tagScheme;
      this.categoryScheme = categoryScheme;
      return this;
    }

    /** The zone archive months are reckoned in; UTC by default. */
    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** The clock that tells the open month; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalArgumentException naming the field and value that is not valid
     * @throws NullPointerException naming a required field that was not set
     */
    public FeedSettings build() {
      String t = requireNonNull(title, "title");
      URI site = requireNonNull(siteUrl, "siteUrl");
      checkAbsolute("siteUrl", site);
      URI folder = site.getPath().endsWith("/") ? site : URI.create(site + "/");
      String host = requireNonNull(site.getHost(), "siteUrl.host").toLowerCase(Locale.ROOT);
      return new FeedSettings(
          t,
          description == null ? t : description,
          site,
          feedBaseUrl == null ? folder.resolve("feeds/") : feedBaseUrl,
          tagAuthority == null ? host : tagAuthority,
          requireNonNull(tagDate, "tagDate"),
          authorName == null ? t : authorName,
          authorEmail,
          language,
          incidentUrlTemplateSet ? incidentUrlTemplate : folder + "incidents/{id}/",
          tagScheme == null ? folder.resolve("tag/") : tagScheme,
          categoryScheme == null ? folder.resolve("category/") : categoryScheme,
          zone,
          clock,
          scope);
    }
  }
}
