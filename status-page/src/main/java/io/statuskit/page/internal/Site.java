package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every read-only route of the status page, as a function from a site path (relative to the
 * base URL, no leading slash, such as {@code "servers/NC027/"} or {@code "history.rss"}) and a
 * board to a {@link Document}. The web server and the static export both use it, so the two
 * serve the same files at the same paths. Thread-safe.
 */
public final class Site {
  private final PageRenderer pages;
  private final TemplateSet templates;
  private final SiteDocuments documents;
  private final Badges badges;

  /**
   * A site with SVG status and uptime badges per server and group under {@code badges/}.
   *
   * @param pages renders the HTML pages
   * @param templates supplies {@code style.css}
   * @param documents renders feeds, calendar and API documents
   * @param clock "now", for the badges' uptime windows
   * @param showInternal whether badges of servers that are not public are served
   */
  public Site(PageRenderer pages, TemplateSet templates, SiteDocuments documents, Clock clock, boolean showInternal) {
    this.pages = requireNonNull(pages, "pages");
    this.templates = requireNonNull(templates, "templates");
    this.documents = requireNonNull(documents, "documents");
    this.badges = new Badges(clock, showInternal, pages.noData());
  }

  /**
   * The document at a site path, if there is one.
   *
   * @param path the path relative to the site root, without leading slash; {@code ""} is the
   *     front page
   * @param query the query parameters ({@code q} for search, {@code page} for paging)
   */
  public Optional<Document> get(StatusBoard board, String path, Map<String, String> query) {
    requireNonNull(board, "board");
    requireNonNull(path, "path");
    int pageNumber = pageNumber(query.get("page"));
    if (path.isEmpty() || path.equals("index.html")) {
      return Optional.of(Document.html(pages.index(board, pageNumber)));
    }
    if (path.equals(Links.HISTORY) || path.equals(Links.HISTORY + "index.html") || path.equals("history")) {
      return Optional.of(Document.html(pages.history(board, pageNumber)));
    }
    if (path.equals("style.css")) {
      return templates.asset("style.css").map(css -> Document.asset("text/css; charset=utf-8", css));
    }
    if (path.equals("search") || path.equals("search/")) {
      return Optional.of(Document.html(pages.search(board, query.getOrDefault("q", ""), pageNumber)));
    }
    if (path.startsWith("badges/")) {
      return badges.get(board, path);
    }
    if (hidden(board, path)) {
      return Optional.empty();
    }
    // Feeds, the calendar and the API never carry internal notes, whatever the audience.
    Optional<Document> document = documents.get(board.withoutInternalNotes(), path);
    if (document.isPresent()) {
      return document;
    }
    String page = path.endsWith("/index.html") ? path.substring(0, path.length() - "index.html".length()) : path;
    if (!page.endsWith("/")) {
      page = page + "/";
    }
    String[] parts = page.split("/", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    String key = parts[1];
    switch (parts[0]) {
      case "servers":
        return pages.server(board, key).map(Document::html);
      case "incidents":
        return pages.incident(board, key).map(Document::html);
      case "tags":
        return pages.tag(board, key, pageNumber).map(Document::html);
      case "categories":
        return pages.category(board, key, pageNumber).map(Document::html);
      case "archive":
        return month(key).flatMap(month -> pages.archive(board, month, pageNumber)).map(Document::html);
      default:
        return Optional.empty();
    }
  }

  /** The page for a path that does not exist. */
  public Document notFound(StatusBoard board) {
    return Document.html(pages.notFound(board));
  }

  /**
   * Every path the site serves for this board without query parameters, front page first:
   * what a static export writes. Directory pages end in {@code /}.
   */
  public ImmutableList<String> paths(StatusBoard board) {
    List<String> paths = new ArrayList<>();
    paths.add("");
    paths.add("style.css");
    paths.add(Links.HISTORY);
    for (ServerStatus server : board.servers()) {
      if (pages.shows(server)) {
        paths.add(Links.server(server.id()));
      }
    }
    for (Incident incident : board.incidents()) {
      paths.add(Links.incident(incident.id()));
    }
    for (YearMonth month : board.months(documents.zone()).keySet()) {
      paths.add(Links.archive(month));
    }
    for (Tag tag : board.tags().keySet()) {
      paths.add(Links.tag(tag.slug()));
    }
    for (Category category : board.categories().keySet()) {
      paths.add(Links.category(category.slug()));
    }
    for (String path : documents.paths(board)) {
      if (!hidden(board, path)) {
        paths.add(path);
      }
    }
    paths.addAll(badges.paths(board));
    return ImmutableList.copyOf(paths);
  }

  private static Optional<YearMonth> month(String key) {
    try {
      return Optional.of(YearMonth.parse(key));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether a path is under a server this site's audience does not see (its feeds). */
  private boolean hidden(StatusBoard board, String path) {
    if (!path.startsWith("servers/")) {
      return false;
    }
    int slash = path.indexOf('/', "servers/".length());
    if (slash < 0) {
      return false;
    }
    String id = path.substring("servers/".length(), slash);
    return board.serverStatus(id).map(server -> !pages.shows(server)).orElse(false);
  }

  static int pageNumber(@Nullable String value) {
    if (value == null || !value.matches("[1-9][0-9]{0,4}")) {
      return 1;
    }
    return Integer.parseInt(value);
  }

  /**
   * The site's non-HTML documents: feeds, the maintenance calendar and the Statuspage API.
   * Implementations are thread-safe.
   */
  public interface SiteDocuments {
    /** The zone months and calendars are reckoned in. */
    ZoneId zone();

    /** The document at a site path, if it is one of these. */
    Optional<Document> get(StatusBoard board, String path);

    /** Every such path for this board. */
    ImmutableList<String> paths(StatusBoard board);
  }

}
