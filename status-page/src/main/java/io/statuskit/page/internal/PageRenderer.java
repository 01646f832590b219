package io.statuskit.page.internal;

import io.statuskit.page.PageSettings;
import io.statuskit.page.Ping;
import io.statuskit.page.PingSource;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Page;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders the HTML pages of a status page from a {@link StatusBoard}: the front page (glance
 * table, current incidents and maintenance, recent posts), one page per server (90-day uptime
 * bars, response-time chart), per incident, per month, tag and category, and search results.
 *
 * <p>The renderer builds plain maps as view models and hands them to a {@link TemplateSet}, which
 * escapes every value; the names the templates may use are listed in {@code docs/examples.md}.
 * Thread-safe.
 */
public final class PageRenderer {
  /** How many posts the front page and each list page shows at a time. */
  public static final int POSTS_PER_PAGE = 10;

  private static final int UPTIME_DAYS = 90;
  private static final Pattern PARAGRAPHS = Pattern.compile("\\R+");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm z", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);

  private final PageSettings settings;
  private final TemplateSet templates;
  private final PingSource pings;
  private final Clock clock;
  private final Links links;
  private final boolean dynamic;

  /**
   * A renderer.
   *
   * @param settings the page's name, base URL and zone
   * @param templates the templates to render with
   * @param pings live checks for the Ping column and charts
   * @param clock "now", for uptime windows and the generated-at line
   * @param dynamic whether the page is served (search works) rather than exported as files
   */
  public PageRenderer(
      PageSettings settings, TemplateSet templates, PingSource pings, Clock clock, boolean dynamic) {
    this.settings = requireNonNull(settings, "settings");
    this.templates = requireNonNull(templates, "templates");
    this.pings = requireNonNull(pings, "pings");
    this.clock = requireNonNull(clock, "clock");
    this.links = new Links(settings);
    this.dynamic = dynamic;
  }

  /** The front page; {@code pageNumber} 1 is the newest posts. */
  public String index(StatusBoard board, int pageNumber) {
    Map<String, Object> model = base(board, settings.name(), "");
    model.put("front", Boolean.TRUE);
    model.put("glance", glance(board));
    model.put("openIncidents", posts(board.openIncidents()));
    model.put("activeMaintenance", posts(board.activeMaintenance()));
    model.put("upcomingMaintenance", posts(board.upcomingMaintenance()));
    Page<Incident> page =
        board.incidents(
            IncidentQuery.builder()
                .zone(settings.zone())
                .offset((Math.max(pageNumber, 1) - 1) * POSTS_PER_PAGE)
                .limit(POSTS_PER_PAGE)
                .build());
    model.put("posts", posts(page.items()));
    model.put("pager", pager(page, pageNumber, n -> n == 1 ? "" : "?page=" + n));
    return templates.render("index", model);
  }

  /** The page of one server, if it is on the board. */
  public Optional<String> server(StatusBoard board, String serverId) {
    Optional<ServerStatus> found = board.serverStatus(serverId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ServerStatus server = found.get();
    String scope = Links.server(serverId);
    Map<String, Object> model = base(board, server.server().name() + " · " + settings.name(), scope);
    model.put("server", serverRow(server));
    model.put("uptime", uptime(server.timeline()));
    model.put("chart", chart(pings.history(serverId)));
    List<Incident> incidents =
        board.stream(IncidentQuery.builder().server(serverId).zone(settings.zone()).build())
            .limit(POSTS_PER_PAGE)
            .collect(ImmutableList.toImmutableList());
    model.put("posts", posts(incidents));
    return Optional.of(templates.render("server", model));
  }

  /** The page of one incident, maintenance or notice, if it is on the board. */
  public Optional<String> incident(StatusBoard board, String incidentId) {
    return board
        .incident(incidentId)
        .map(
            incident -> {
              Map<String, Object> model = base(board, incident.title() + " · " + settings.name(), "");
              model.put("heading", incident.title());
              model.put("posts", posts(List.of(incident)));
              return templates.render("list", model);
            });
  }

  /** The posts opened in a month (in the page's zone), if there are any. */
  public Optional<String> archive(StatusBoard board, YearMonth month, int pageNumber) {
    IncidentQuery.Builder query = IncidentQuery.builder().month(month).zone(settings.zone());
    return list(board, query, "Archive: " + MONTH.format(month), "", Links.archive(month), pageNumber);
  }

  /** The posts with a tag, if there are any. */
  public Optional<String> tag(StatusBoard board, String slug, int pageNumber) {
    Optional<Tag> tag = board.tags().keySet().stream().filter(t -> t.slug().equals(slug)).findFirst();
    if (tag.isEmpty()) {
      return Optional.empty();
    }
    IncidentQuery.Builder query = IncidentQuery.builder().tag(slug).zone(settings.zone());
    return list(board, query, "Tag: " + tag.get().label(), Links.tag(slug), Links.tag(slug), pageNumber);
  }

  /** The posts in a category, if there are any. */
  public Optional<String> category(StatusBoard board, String slug, int pageNumber) {
    Optional<Category> category =
        board.categories().keySet().stream().filter(c -> c.slug().equals(slug)).findFirst();
    if (category.isEmpty()) {
      return Optional.empty();
    }
    IncidentQuery.Builder query = IncidentQuery.builder().category(slug).zone(settings.zone());
    String path = Links.category(slug);
    return list(board, query, "Category: " + category.get().label(), "", path, pageNumber);
  }

  /** The search results for a text; a blank text lists nothing. */
  public String search(StatusBoard board, String text, int pageNumber) {
    String query = text.strip();
    Map<String, Object> model = base(board, "Search · " + settings.name(), "");
    model.put("heading", query.isEmpty() ? "Search" : "Search results for “" + query + "”");
    model.put("query", query);
    if (!query.isEmpty() && query.length() <= 200 && query.codePoints().noneMatch(Character::isISOControl)) {
      Page<Incident> page =
          board.incidents(
              IncidentQuery.builder()
                  .text(query)
                  .zone(settings.zone())
                  .offset((Math.max(pageNumber, 1) - 1) * POSTS_PER_PAGE)
                  .limit(POSTS_PER_PAGE)
                  .build());
      model.put("posts", posts(page.items()));
      model.put("pager", pager(page, pageNumber, n -> Links.search(query) + "&page=" + n));
      model.put("nothingFound", page.total() == 0);
    }
    return templates.render("list", model);
  }

  /** The page shown for a path that does not exist. */
  public String notFound(StatusBoard board) {
    Map<String, Object> model = base(board, "Not found · " + settings.name(), "");
    model.put("heading", "Not found");
    model.put("notFound", Boolean.TRUE);
    return templates.render("list", model);
  }

  private Optional<String> list(
      StatusBoard board,
      IncidentQuery.Builder query,
      String heading,
      String feedScope,
      String path,
      int pageNumber) {
    Page<Incident> page =
        board.incidents(
            query.offset((Math.max(pageNumber, 1) - 1) * POSTS_PER_PAGE).limit(POSTS_PER_PAGE).build());
    if (page.total() == 0) {
      return Optional.empty();
    }
    Map<String, Object> model = base(board, heading + " · " + settings.name(), feedScope);
    model.put("heading", heading);
    model.put("posts", posts(page.items()));
    model.put("pager", pager(page, pageNumber, n -> path + (n == 1 ? "" : "?page=" + n)));
    return Optional.of(templates.render("list", model));
  }

  // ---------------------------------------------------------------- the shared frame

  private Map<String, Object> base(StatusBoard board, String title, String feedScope) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", title);
    model.put("dynamic", dynamic);
    model.put(
        "site",
        map(
            "name", settings.name(),
            "home", links.href(""),
            "css", links.href("style.css"),
            "zone", zoneName(),
            "search", links.href("search")));
    model.put(
        "indicator",
        map("key", board.indicator().key(), "description", board.indicator().description()));
    ZonedDateTime now = clock.instant().atZone(settings.zone());
    model.put("generated", map("text", DATE_TIME.format(now), "iso", now.toOffsetDateTime().toString()));
    model.put("feeds", feeds(""));
    if (!feedScope.isEmpty()) {
      model.put("scoped", map("feeds", feeds(feedScope)));
    }
    model.put(
        "calendar", links.href("maintenance.ics"));
    model.put("api", links.href("api/v2/summary.json"));
    List<Object> months = new ArrayList<>();
    board
        .months(settings.zone())
        .forEach(
            (month, count) ->
                months.add(map("label", MONTH.format(month), "href", links.href(Links.archive(month)), "count", count)));
    model.put("archives", months);
    List<Object> categories = new ArrayList<>();
    board
        .categories()
        .forEach(
            (category, count) ->
                categories.add(
                    map("label", category.label(), "href", links.href(Links.category(category.slug())), "count", count)));
    model.put("categories", categories);
    List<Object> tags = new ArrayList<>();
    board
        .tags()
        .forEach(
            (tag, count) ->
                tags.add(map("label", tag.label(), "href", links.href(Links.tag(tag.slug())), "count", count)));
    model.put("tags", tags);
    List<Object> recent = new ArrayList<>();
    for (Incident incident : board.incidents().subList(0, Math.min(5, board.incidents().size()))) {
      recent.add(map("title", incident.title(), "href", links.href(Links.incident(incident.id()))));
    }
    model.put("recent", recent);
    return model;
  }

  private List<Object> feeds(String scope) {
    return List.of(
        map("label", "RSS", "type", "application/rss+xml", "href", links.href(scope + "history.rss")),
        map("label", "Atom", "type", "application/atom+xml", "href", links.href(scope + "history.atom")),
        map("label", "JSON Feed", "type", "application/feed+json", "href", links.href(scope + "history.json")));
  }

  private String zoneName() {
    return DateTimeFormatter.ofPattern("zzzz (z)", Locale.ENGLISH).format(clock.instant().atZone(settings.zone()));
  }

  private Map<String, Object> pager(Page<?> page, int pageNumber, java.util.function.IntFunction<String> path) {
    int current = Math.max(pageNumber, 1);
    Map<String, Object> pager = new LinkedHashMap<>();
    if (page.hasPrevious()) {
      pager.put("newer", links.href(path.apply(current - 1)));
    }
    if (page.hasNext()) {
      pager.put("older", links.href(path.apply(current + 1)));
    }
    return pager;
  }

  // ---------------------------------------------------------------- glance table

  private List<Object> glance(StatusBoard board) {
    List<Object> rows = new ArrayList<>();
    for (ServerStatus server : board.glance()) {
      rows.add(serverRow(server));
    }
    return rows;
  }

  private Map<String, Object> serverRow(ServerStatus status) {
    Server server = status.server();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", server.id());
    row.put("name", server.name());
    row.put("href", links.href(Links.server(server.id())));
    putIfPresent(row, "location", server.location() == null ? null : server.location().toString());
    putIfPresent(row, "role", server.role());
    putIfPresent(row, "description", server.description());
    putIfPresent(row, "host", server.host());
    row.put("internal", !server.isPublic());
    row.put("retired", server.isRetired());
    Status effective = status.status();
    row.put("status", map("key", effective.key(), "label", effective.label()));
    putIfPresent(row, "detail", status.detail());
    status.timeline().currentSince().ifPresent(since -> row.put("since", time(since)));
    row.put("ping", ping(pings.latest(server.id())));
    row.put("feeds", feeds(Links.server(server.id())));
    return row;
  }

  private Map<String, Object> ping(Optional<Ping> latest) {
    if (latest.isEmpty()) {
      return map("key", "none", "text", "not checked");
    }
    Ping ping = latest.get();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("key", ping.outcome().name().toLowerCase(Locale.ROOT));
    String outcome = ping.outcome() == Ping.Outcome.UP ? "Up" : ping.outcome() == Ping.Outcome.DEGRADED ? "Slow" : "Down";
    Duration latency = ping.latency();
    String text = outcome + (latency != null && ping.outcome() != Ping.Outcome.DOWN ? " " + millis(latency) + " ms" : "");
    model.put("text", text);
    putIfPresent(model, "detail", ping.detail());
    model.put("at", time(ping.at()));
    return model;
  }

  private static long millis(Duration duration) {
    return Math.max(duration.toMillis(), duration.isZero() ? 0 : 1);
  }

  // ---------------------------------------------------------------- uptime and chart

  private Map<String, Object> uptime(Timeline timeline) {
    Instant now = clock.instant();
    LocalDate today = now.atZone(settings.zone()).toLocalDate();
    LocalDate first = today.minusDays(UPTIME_DAYS - 1);
    List<Object> bars = new ArrayList<>();
    Instant windowStart = first.atStartOfDay(settings.zone()).toInstant();
    for (int i = 0; i < UPTIME_DAYS; i++) {
      LocalDate day = first.plusDays(i);
      Instant from = day.atStartOfDay(settings.zone()).toInstant();
      Instant to = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
      if (to.isAfter(now)) {
        to = now;
      }
      Map<String, Object> bar = new LinkedHashMap<>();
      bar.put("x", i * 6);
      bar.put("day", DAY.format(day));
      List<StatusInterval> intervals = from.isBefore(to) ? timeline.intervals(from, to) : List.of();
      Status worst = null;
      for (StatusInterval interval : intervals) {
        if (interval.status() != Status.UNKNOWN) {
          worst = worst == null ? interval.status() : worst.worst(interval.status());
        }
      }
      if (worst == null) {
        bar.put("key", "nodata");
        bar.put("text", "no data");
      } else {
        double percent = timeline.uptimePercent(from, to);
        bar.put("key", worst.isOutage() ? worst.key() : percent < 100 ? "partial_outage" : worst.key());
        bar.put("text", formatPercent(percent) + " up, worst: " + worst.label().toLowerCase(Locale.ROOT));
      }
      bars.add(bar);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("bars", bars);
    model.put("days", UPTIME_DAYS);
    model.put("from", DAY.format(first));
    model.put("to", DAY.format(today));
    model.put("percent", formatPercent(timeline.uptimePercent(windowStart, now)));
    List<Object> outages = new ArrayList<>();
    timeline
        .outages(windowStart, now)
        .forEach(outage -> outages.add(map("text", outage.describe(settings.zone()))));
    model.put("outages", outages);
    return model;
  }

  private static String formatPercent(double percent) {
    return String.format(Locale.ROOT, "%.2f%%", percent);
  }

  private Map<String, Object> chart(ImmutableList<Ping> history) {
    Map<String, Object> chart = new LinkedHashMap<>();
    List<Ping> measured = new ArrayList<>();
    for (Ping ping : history) {
      if (ping.latency() != null && ping.outcome() != Ping.Outcome.DOWN) {
        measured.add(ping);
      }
    }
    long downs = history.stream().filter(p -> p.outcome() == Ping.Outcome.DOWN).count();
    chart.put("checks", history.size());
    chart.put("failures", downs);
    if (measured.size() < 2) {
      chart.put("empty", Boolean.TRUE);
      return chart;
    }
    int width = 540;
    int height = 120;
    long maxMillis = 1;
    for (Ping ping : measured) {
      maxMillis = Math.max(maxMillis, millis(requireNonNull(ping.latency())));
    }
    long top = niceCeiling(maxMillis);
    Instant start = history.get(0).at();
    Instant end = history.get(history.size() - 1).at();
    long span = Math.max(Duration.between(start, end).toMillis(), 1);
    StringBuilder points = new StringBuilder();
    long sum = 0;
    for (Ping ping : measured) {
      long ms = millis(requireNonNull(ping.latency()));
      sum += ms;
      double x = 40 + (width - 40) * (double) Duration.between(start, ping.at()).toMillis() / span;
      double y = 10 + (height - 20) * (1 - (double) ms / top);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    List<Object> failures = new ArrayList<>();
    for (Ping ping : history) {
      if (ping.outcome() == Ping.Outcome.DOWN) {
        double x = 40 + (width - 40) * (double) Duration.between(start, ping.at()).toMillis() / span;
        failures.add(map("x", String.format(Locale.ROOT, "%.1f", x), "text", timeText(ping.at())));
      }
    }
    chart.put("points", points.toString().strip());
    chart.put("failureMarks", failures);
    chart.put("width", width);
    chart.put("height", height);
    chart.put("top", top);
    chart.put("half", top / 2);
    chart.put("average", sum / measured.size());
    chart.put("from", timeText(start));
    chart.put("to", timeText(end));
    return chart;
  }

  private static long niceCeiling(long value) {
    long step = 1;
    while (step * 10 < value) {
      step *= 10;
    }
    for (long factor : new long[] {1, 2, 5, 10}) {
      if (step * factor >= value) {
        return step * factor;
      }
    }
    return step * 10;
  }

  // ---------------------------------------------------------------- posts

  private List<Object> posts(List<Incident> incidents) {
    List<Object> posts = new ArrayList<>();
    for (Incident incident : incidents) {
      posts.add(post(incident));
    }
    return posts;
  }

  private Map<String, Object> post(Incident incident) {
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("id", incident.id());
    post.put("href", links.href(Links.incident(incident.id())));
    post.put("title", incident.title());
    post.put("kind", incident.kind().key());
    post.put("kindLabel", kindLabel(incident.kind()));
    post.put("state", incident.state().key());
    post.put("stateLabel", incident.state().label());
    post.put("open", incident.isOpen());
    post.put("impact", incident.impact().key());
    post.put("created", time(incident.createdAt()));
    post.put("updated", time(incident.updatedAt()));
    MaintenanceWindow window = incident.window();
    if (window != null) {
      post.put("window", map("start", time(window.start()), "end", time(window.end())));
    }
    List<Object> updates = new ArrayList<>();
    for (IncidentUpdate update : incident.updates()) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("id", update.id());
      model.put("time", time(update.time()));
      model.put("stateLabel", update.addendum() ? "Update" : update.state().label());
      model.put("addendum", update.addendum());
      putIfPresent(model, "ownTitle", update.title());
      model.put("body", body(update));
      updates.add(model);
    }
    post.put("updates", updates);
    List<Object> servers = new ArrayList<>();
    incident
        .affected()
        .forEach(
            (id, status) ->
                servers.add(map("id", id, "href", links.href(Links.server(id)), "status", status.label())));
    post.put("servers", servers);
    List<Object> tags = new ArrayList<>();
    for (Tag tag : incident.tags()) {
      tags.add(map("label", tag.label(), "href", links.href(Links.tag(tag.slug()))));
    }
    post.put("tags", tags);
    List<Object> categories = new ArrayList<>();
    for (Category category : incident.categories()) {
      categories.add(map("label", category.label(), "href", links.href(Links.category(category.slug()))));
    }
    post.put("categories", categories);
    incident.duration().ifPresent(d -> {
      if (incident.kind() == IncidentKind.INCIDENT) {
        post.put("duration", Durations.words(d));
      }
    });
    return post;
  }

  private static String kindLabel(IncidentKind kind) {
    switch (kind) {
      case MAINTENANCE:
        return "Maintenance";
      case NOTICE:
        return "Notice";
      default:
        return "Incident";
    }
  }

  private static Map<String, Object> body(IncidentUpdate update) {
    if (update.body().isHtml()) {
      return map("html", new SafeHtml(update.body().text()));
    }
    List<String> paragraphs = new ArrayList<>();
    for (String paragraph : Splitter.on(PARAGRAPHS).omitEmptyStrings().split(update.body().text())) {
      if (!paragraph.isBlank()) {
        paragraphs.add(paragraph.strip());
      }
    }
    return map("paragraphs", paragraphs);
  }

  private Map<String, Object> time(OffsetDateTime time) {
    return time(time.toInstant());
  }

  private String timeText(Instant instant) {
    return DATE_TIME.format(instant.atZone(settings.zone()));
  }

  private Map<String, Object> time(Instant instant) {
    ZonedDateTime zoned = instant.atZone(settings.zone());
    return map("text", DATE_TIME.format(zoned), "iso", zoned.toOffsetDateTime().toString());
  }

  // ---------------------------------------------------------------- helpers

  private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
