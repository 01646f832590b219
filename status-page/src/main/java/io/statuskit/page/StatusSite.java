package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import io.statuskit.page.internal.CachedSite;
import io.statuskit.page.internal.FeedDocuments;
import io.statuskit.page.internal.PageRenderer;
import io.statuskit.page.internal.Site;
import io.statuskit.page.internal.TemplateSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The status page as a function from a {@link PageRequest} to a {@link PageResponse}: the front
 * page, posts, monthly archives, tags, categories, search, server pages, RSS/Atom/JSON feeds
 * with their archives, the maintenance calendar and the Statuspage v2 API of the current board.
 *
 * <p>Each document is rendered at most once per board version (and, for pages that show live
 * checks, per {@link PingSource#version()}), then served from memory with its ETag and
 * Last-Modified computed once and a gzip variant chosen by {@code Accept-Encoding} (with {@code
 * Vary}). A conditional request whose validator matches is answered 304 without rendering
 * anything. Documents of older versions are released; the cache is bounded by {@link
 * Builder#cacheBytes}.
 *
 * <p>Any HTTP server can serve it: turn its request into a {@code PageRequest}, send back the
 * response's status, headers and body. Thread-safe.
 *
 * <pre>{@code
 * StatusSite site = StatusSite.builder()
 *     .boards(tracker::board)
 *     .settings(PageSettings.local("Example Hosting", 8080))
 *     .build();
 * PageResponse response = site.handle(PageRequest.get("/history.rss"));
 * }</pre>
 */
public final class StatusSite {
  private final CachedSite cached;
  private final PageSettings settings;

  private StatusSite(CachedSite cached, PageSettings settings) {
    this.cached = cached;
    this.settings = settings;
  }

  /** A builder; {@link Builder#boards} and {@link Builder#settings} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Answers one request; never throws for a request's content (bad input gets 4xx). */
  public PageResponse handle(PageRequest request) {
    return cached.handle(request);
  }

  /**
   * Answers one request if it can from memory, without rendering anything: a document already
   * rendered for the current board (200, 304 or HEAD), or a request refused outright (405, 400,
   * a path outside the base path). Empty when the answer needs a render; {@link #handle} then
   * renders it. Never blocks and never renders, so a server may call it on its I/O thread and
   * hand only the rest to a thread that may take longer (the example server does, on Jetty).
   */
  public Optional<PageResponse> handleFromMemory(PageRequest request) {
    return Optional.ofNullable(cached.handleFromMemory(request));
  }

  /**
   * Every path the site serves for the current board without a query, relative to the base
   * path, front page ({@code ""}) first; directory pages end in {@code /}. A static export
   * writes these.
   */
  public ImmutableList<String> paths() {
    return cached.paths();
  }

  /** How many documents were rendered and served so far. */
  public SiteStats stats() {
    return cached.stats();
  }

  /** The page's name, base URL and zone. */
  public PageSettings settings() {
    return settings;
  }

  /** Collects a site's parts; not thread-safe. */
  public static final class Builder {
    /** The default {@link #cacheBytes}: 64 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;
    /** The default {@link #searchCacheBytes}: 16 MiB. */
    public static final long DEFAULT_SEARCH_CACHE_BYTES = 16L << 20;
    /** The default {@link #refreshInterval}: one minute. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
    /** The default {@link #tagDate}. */
    public static final LocalDate DEFAULT_TAG_DATE = LocalDate.of(2024, 1, 1);

    private @Nullable Supplier<StatusBoard> boards;
    private @Nullable PageSettings settings;
    private PingSource pings = PingSource.none();
    private @Nullable UptimeSource uptime;
    private java.util.List<io.statuskit.core.RecurringMaintenance> recurring = java.util.List.of();
    private Clock clock = Clock.systemUTC();
    private @Nullable Path templates;
    private LocalDate tagDate = DEFAULT_TAG_DATE;
    private boolean searchable = true;
    private boolean hideInternalServers;
    private boolean subscribeForm;
    private Duration refreshInterval = DEFAULT_REFRESH;
    private long cacheBytes = DEFAULT_CACHE_BYTES;
    private long searchCacheBytes = DEFAULT_SEARCH_CACHE_BYTES;

    private Builder() {}

    /** Where the current board comes from, read once per request (such as {@code tracker::board}). */
    public Builder boards(Supplier<StatusBoard> boards) {
      this.boards = requireNonNull(boards, "boards");
      return this;
    }

    /** The page's name, base URL and zone. */
    public Builder settings(PageSettings settings) {
      this.settings = requireNonNull(settings, "settings");
      return this;
    }

    /** Live checks for the Ping column and response-time charts; none by default. */
    public Builder pings(PingSource pings) {
      this.pings = requireNonNull(pings, "pings");
      return this;
    }

    /**
     * Uptime figures from the host's history (rollups under its accounting rule): each server page
     * then shows a monthly table of the last 12 months and takes its 90-day bars from it. None by
     * default (the bars come from the board's timelines).
     */
    public Builder uptime(@Nullable UptimeSource source) {
      this.uptime = source;
      return this;
    }

    /**
     * Recurring maintenance the calendar ({@code maintenance.ics}) lists as recurring events (one
     * {@code VEVENT} with its {@code RRULE} and time zone each); none by default.
     */
    public Builder recurringMaintenance(java.util.List<io.statuskit.core.RecurringMaintenance> definitions) {
      this.recurring = java.util.List.copyOf(definitions);
      return this;
    }

    /** Wall time: "now" for uptime windows, the generated-at line and Last-Modified of pages. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A directory of templates and CSS that win over the built-in ones (same file names, such as
     * {@code style.css} or {@code index.html}); none by default.
     */
    public Builder templates(@Nullable Path directory) {
      this.templates = directory;
      return this;
    }

    /** The date in the feeds' {@code tag:} entry ids (RFC 4151); never change it once published. */
    public Builder tagDate(LocalDate tagDate) {
      this.tagDate = requireNonNull(tagDate, "tagDate");
      return this;
    }

    /** Whether the page offers search (a server) or not (a static export); true by default. */
    public Builder searchable(boolean searchable) {
      this.searchable = searchable;
      return this;
    }

    /**
     * Whether the {@link Audience#PUBLIC public} sees only public servers (front page, server
     * pages, badges); the {@link Audience#INTERNAL internal} audience always sees them all. False
     * by default: like the page StatusKit grew from, everyone sees internal servers, marked as
     * such. (The Statuspage API and the overall indicator count public servers only either way.)
     */
    public Builder hideInternalServers(boolean hide) {
      this.hideInternalServers = hide;
      return this;
    }

    /**
     * Whether the sidebar shows a subscribe form (an e-mail address and what to hear about), posted
     * to {@code subscribe} under the base path; false by default. Only for a server that answers
     * that route (the examples' {@code serve} does when notifications are configured): the site
     * itself does not.
     */
    public Builder subscribeForm(boolean show) {
      this.subscribeForm = show;
      return this;
    }

    /**
     * How long a page may be served before it is rendered again although the board did not
     * change (its uptime bars and times are relative to now); zero for never. One minute by
     * default.
     */
    public Builder refreshInterval(Duration interval) {
      requireNonNull(interval, "refreshInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("refreshInterval must not be negative: " + interval);
      }
      this.refreshInterval = interval;
      return this;
    }

    /** The most bytes of rendered documents kept in memory; 64 MiB by default. */
    public Builder cacheBytes(long bytes) {
      if (bytes < 1 << 20) {
        throw new IllegalArgumentException("cacheBytes must be at least 1 MiB: " + bytes);
      }
      this.cacheBytes = bytes;
      return this;
    }

    /** The most bytes of search result pages kept in memory; 16 MiB by default. */
    public Builder searchCacheBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("searchCacheBytes must not be negative: " + bytes);
      }
      this.searchCacheBytes = bytes;
      return this;
    }

    /**
     * The site.
     *
     * @throws IllegalStateException if boards or settings are missing
     * @throws IllegalArgumentException if the templates directory is not a directory
     */
    public StatusSite build() {
      if (boards == null || settings == null) {
        throw new IllegalStateException("site: boards and settings are required");
      }
      if (templates != null && !Files.isDirectory(templates)) {
        throw new IllegalArgumentException("templates: not a directory: " + templates);
      }
      TemplateSet templateSet = templates == null ? TemplateSet.builtIn() : TemplateSet.withOverrides(templates);
      FeedDocuments feeds = new FeedDocuments(settings, tagDate, clock, recurring);
      boolean showInternal = !hideInternalServers;
      Site site =
          new Site(new PageRenderer(settings, templateSet, pings, uptime, clock, searchable, showInternal, subscribeForm), templateSet, feeds, clock, showInternal);
      Site internal = new Site(new PageRenderer(settings, templateSet, pings, uptime, clock, searchable, true, subscribeForm), templateSet, feeds, clock, true);
      CachedSite cached =
          new CachedSite(
              site, internal, settings, boards, pings, clock, refreshInterval.toMillis(), cacheBytes, searchCacheBytes);
      return new StatusSite(cached, settings);
    }
  }
}
