package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.core.StatusBoard;
import io.statuskit.feeds.StatusDocument;
import io.statuskit.page.Audience;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.PageSettings;
import io.statuskit.page.PingSource;
import io.statuskit.page.SiteStats;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Site} answering requests from memory: each document is rendered at most once per
 * key (path, page or search text) and version (board version, live-check version for pages that
 * show pings, refresh interval), then kept with its validators, its gzip variant and the headers
 * of its answers. A conditional request that matches is answered 304 before anything is
 * rendered. Documents of older versions are released when a newer version is first seen; list
 * and search pages live in size-bounded Caffeine caches. Thread-safe.
 */
public final class CachedSite {
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  private static final ImmutableMap<String, String> SECURITY =
      ImmutableMap.of("X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer");
  private static final ImmutableMap<String, String> HTML_SECURITY =
      ImmutableMap.<String, String>builder().putAll(SECURITY).put("Content-Security-Policy", CSP).buildOrThrow();
  private static final String NOT_FOUND = "\u0000not-found";
  private static final byte[] NO_BODY = new byte[0];

  private final Site site;
  private final Site internalSite;
  private final PageSettings settings;
  private final Supplier<StatusBoard> boards;
  private final PingSource pings;
  private final Clock clock;
  private final long refreshMillis;
  private final Cache<Key, Rendered> documents;
  private final Cache<Key, Rendered> searches;
  private final AtomicReference<Versions> newest = new AtomicReference<>(new Versions(-1, -1, -1));
  private final LongAdder renders = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder notModified = new LongAdder();

  /**
   * A cached site.
   *
   * @param site the routes for the public audience
   * @param internalSite the routes for the internal audience
   * @param settings the page's name, base URL and zone
   * @param boards the current board, read once per request
   * @param pings live checks; pages that show them are rendered again when its version changes
   * @param clock wall time, for Last-Modified of pages and the refresh interval
   * @param refreshMillis how long a page may be served before it is rendered again though
   *     nothing changed (its times are relative to now); 0 for never
   * @param cacheBytes the most bytes of documents kept
   * @param searchCacheBytes the most bytes of search result pages kept
   */
  public CachedSite(
      Site site,
      Site internalSite,
      PageSettings settings,
      Supplier<StatusBoard> boards,
      PingSource pings,
      Clock clock,
      long refreshMillis,
      long cacheBytes,
      long searchCacheBytes) {
    this.site = requireNonNull(site, "site");
    this.internalSite = requireNonNull(internalSite, "internalSite");
    this.settings = requireNonNull(settings, "settings");
    this.boards = requireNonNull(boards, "boards");
    this.pings = requireNonNull(pings, "pings");
    this.clock = requireNonNull(clock, "clock");
    this.refreshMillis = refreshMillis;
    this.documents =
        Caffeine.newBuilder().maximumWeight(cacheBytes).<Key, Rendered>weigher((key, value) -> value.weight()).build();
    this.searches =
        Caffeine.newBuilder().maximumWeight(searchCacheBytes).<Key, Rendered>weigher((key, value) -> value.weight()).build();
  }

  /** Answers a request, rendering what it needs that is not in memory yet. */
  public PageResponse handle(PageRequest request) {
    return requireNonNull(answer(request, true));
  }

  /**
   * Answers a request from memory only: null when the answer would need a document rendered
   * (a new board version, a page never asked for), which {@link #handle} then does. Never
   * renders, so it may run on a thread that must not be held up (a server's I/O thread).
   */
  public @Nullable PageResponse handleFromMemory(PageRequest request) {
    return answer(request, false);
  }

  private @Nullable PageResponse answer(PageRequest request, boolean render) {
    requireNonNull(request, "request");
    String method = request.method();
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      return plain(405, "method not allowed\n", ImmutableMap.of("Allow", "GET, HEAD"));
    }
    String basePath = settings.basePath();
    String rawPath = request.path();
    if (!rawPath.startsWith(basePath)) {
      return plain(404, "not found\n", ImmutableMap.of());
    }
    String path = decodePath(rawPath.substring(basePath.length()));
    if (path == null) {
      return plain(400, "bad path\n", ImmutableMap.of());
    }
    Map<String, String> query = query(request.query());
    boolean search = path.equals("search") || path.equals("search/");
    int page = Site.pageNumber(query.get("page"));
    String variant = search ? "q=" + query.getOrDefault("q", "").strip() + "&page=" + page : page > 1 ? "page=" + page : "";

    StatusBoard board = boards.get();
    Versions versions = new Versions(board.version(), pings.version(), refreshMillis == 0 ? 0 : clock.millis() / refreshMillis);
    release(versions);
    Audience audience = request.audience();
    Site routes = audience == Audience.INTERNAL ? internalSite : site;
    // Internal notes are for the internal audience only: the public's pages and search are made
    // from the board without them (feeds and API documents never carry them, see Site).
    StatusBoard shown = audience == Audience.INTERNAL ? board : board.withoutInternalNotes();
    Key key = new Key(audience, path, variant, versions.board, showsPings(path) ? versions.pings : -1, versions.epoch);
    Cache<Key, Rendered> cache = search ? searches : documents;
    if (!render) {
      @Nullable Rendered kept = cache.getIfPresent(key);
      if (kept == null) {
        return null; // not rendered yet, or a path the site does not serve: handle() finds out
      }
      hits.increment();
      return answer(kept, request, head);
    }
    boolean[] rendered = {false};
    // A path the site does not serve gives null: nothing is cached for it.
    @Nullable Rendered document =
        cache.asMap().computeIfAbsent(
            key,
            k -> {
              rendered[0] = true;
              return routes.get(shown, path, query).map(found -> render(found, 200, audience)).orElse(null);
            });
    if (document == null) {
      Key notFoundKey = new Key(audience, NOT_FOUND, "", versions.board, -1, versions.epoch);
      document = documents.get(notFoundKey, k -> {
        rendered[0] = true;
        return render(routes.notFound(shown), 404, audience);
      });
    }
    if (!rendered[0]) {
      hits.increment();
    }
    return answer(requireNonNull(document), request, head);
  }

  /**
   * Every path the site serves the public for the current board, without query (what an export
   * writes).
   */
  public ImmutableList<String> paths() {
    return site.paths(boards.get().withoutInternalNotes());
  }

  /** The counters so far. */
  public SiteStats stats() {
    return new SiteStats(renders.sum(), hits.sum(), notModified.sum());
  }

  private PageResponse answer(Rendered document, PageRequest request, boolean head) {
    boolean gzip = document.gzip != null && HttpDates.acceptsGzip(request.acceptEncoding());
    Rendered.Variant headers = document.at(clock.instant());
    if (document.status == 200 && notModified(document, request)) {
      notModified.increment();
      return new PageResponse(
          304, gzip ? requireNonNull(headers.gzipNotModified) : headers.plainNotModified, NO_BODY);
    }
    byte[] body = gzip ? requireNonNull(document.gzip) : document.body;
    return new PageResponse(
        document.status,
        gzip ? requireNonNull(headers.gzipHeaders) : headers.plainHeaders,
        head ? NO_BODY : body);
  }

  private static boolean notModified(Rendered document, PageRequest request) {
    String ifNoneMatch = request.ifNoneMatch();
    if (ifNoneMatch != null) {
      return HttpDates.matches(ifNoneMatch, document.etag, document.gzipEtag);
    }
    String ifModifiedSince = request.ifModifiedSince();
    if (ifModifiedSince != null) {
      Instant since = HttpDates.parse(ifModifiedSince);
      // only a date after the change proves the client has it: two versions within one second
      // share a date
      return since != null && document.lastModified.isBefore(since);
    }
    return false;
  }

  private Rendered render(Document document, int status, Audience audience) {
    renders.increment();
    byte[] body = document.body();
    Optional<StatusDocument> source = document.conditional();
    Instant now = clock.instant();
    Instant lastModified = source.isPresent() ? source.get().lastModified() : now;
    ImmutableMap<String, String> extra = document.contentType().startsWith("text/html") ? HTML_SECURITY : SECURITY;
    // A document for the internal audience must not be kept by a shared cache (a proxy, a CDN).
    String cacheControl = audience == Audience.INTERNAL ? "private, no-cache" : "no-cache";
    return new Rendered(status, document.contentType(), body, lastModified, cacheControl, extra);
  }

  /** Drops the documents of older versions the first time a request sees a newer one. */
  private void release(Versions now) {
    Versions seen = requireNonNull(newest.get());
    if (!now.newerThan(seen) || !newest.compareAndSet(seen, now)) {
      return;
    }
    documents.asMap().keySet().removeIf(key -> key.olderThan(now));
    searches.asMap().keySet().removeIf(key -> key.olderThan(now));
  }

  /** Whether a page shows live checks: the front page and server pages (not their feeds). */
  private static boolean showsPings(String path) {
    if (path.isEmpty() || path.equals("index.html")) {
      return true;
    }
    return path.startsWith("servers/") && !path.endsWith(".rss") && !path.endsWith(".atom") && !path.endsWith(".json");
  }

  private static PageResponse plain(int status, String text, ImmutableMap<String, String> extra) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    return new PageResponse(
        status,
        ImmutableMap.<String, String>builder()
            .put("Content-Type", "text/plain; charset=utf-8")
            .put("Content-Length", Integer.toString(body.length))
            .putAll(SECURITY)
            .putAll(extra)
            .buildOrThrow(),
        body);
  }

  /** Percent-decodes a path (UTF-8; {@code +} stays a plus), or null if it is malformed. */
  static @Nullable String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return ImmutableMap.of(); // most requests: nothing to allocate
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : Splitter.on('&').omitEmptyStrings().limit(50).split(rawQuery)) {
      int eq = pair.indexOf('=');
      try {
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.putIfAbsent(key, value);
      } catch (IllegalArgumentException e) {
        // a malformed escape: the parameter is ignored
      }
    }
    return query;
  }

  /** The versions a document depends on; pings is -1 for documents that show no live checks. */
  private record Versions(long board, long pings, long epoch) {
    boolean newerThan(Versions other) {
      return board > other.board || pings > other.pings || epoch > other.epoch;
    }
  }

  /** What a document is cached under: the audience first, so the two never share one. */
  private record Key(Audience audience, String path, String variant, long board, long pings, long epoch) {
    boolean olderThan(Versions now) {
      return board < now.board || epoch < now.epoch || (pings >= 0 && pings < now.pings);
    }
  }
}
