package io.statuskit.page.internal;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import io.statuskit.core.Category;
import io.statuskit.core.Coverage;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Outage;
import io.statuskit.core.Page;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import io.statuskit.page.DailyUptime;
import io.statuskit.page.LatencyPoint;
import io.statuskit.core.VantageVerdict;
import io.statuskit.page.PageSettings;
import io.statuskit.page.Ping;
import io.statuskit.page.PingSource;
import io.statuskit.page.UptimeSource;
import io.statuskit.page.internal.Views.Bar;
import io.statuskit.page.internal.Views.Body;
import io.statuskit.page.internal.Views.Chart;
import io.statuskit.page.internal.Views.Counted;
import io.statuskit.page.internal.Views.Day;
import io.statuskit.page.internal.Views.Feed;
import io.statuskit.page.internal.Views.Frame;
import io.statuskit.page.internal.Views.Group;
import io.statuskit.page.internal.Views.Indicator;
import io.statuskit.page.internal.Views.IndexPage;
import io.statuskit.page.internal.Views.Link;
import io.statuskit.page.internal.Views.ListPage;
import io.statuskit.page.internal.Views.MonthRow;
import io.statuskit.page.internal.Views.Monthly;
import io.statuskit.page.internal.Views.Mark;
import io.statuskit.page.internal.Views.OutageView;
import io.statuskit.page.internal.Views.Pager;
import io.statuskit.page.internal.Views.PingView;
import io.statuskit.page.internal.Views.VantageView;
import io.statuskit.page.internal.Views.Vantages;
import io.statuskit.page.internal.Views.Post;
import io.statuskit.page.internal.Views.Recent;
import io.statuskit.page.internal.Views.Scoped;
import io.statuskit.page.internal.Views.ServerChip;
import io.statuskit.page.internal.Views.ServerPage;
import io.statuskit.page.internal.Views.ServerRow;
import io.statuskit.page.internal.Views.Site;
import io.statuskit.page.internal.Views.StatusView;
import io.statuskit.page.internal.Views.Time;
import io.statuskit.page.internal.Views.Update;
import io.statuskit.page.internal.Views.Uptime;
import io.statuskit.page.internal.Views.Window;
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
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders the HTML pages of a status page from a {@link StatusBoard}: the front page (servers by
 * group with their 90-day uptime bars, current incidents and maintenance, the last days of
 * incidents), the history of every post, one page per server (90-day uptime bars, response-time
 * chart), per incident, per month, tag and category, and search results. With an {@link
 * UptimeSource}, every 90-day bar (front page and server pages) takes its figures from it.
 *
 * <p>The renderer builds typed view models ({@link Views}) and hands them to a {@link
 * TemplateSet}, which escapes every value; the names the templates may use are listed in {@code
 * docs/examples.md}. Thread-safe.
 */
public final class PageRenderer {
  /** How many posts the front page and each list page shows at a time. */
  public static final int POSTS_PER_PAGE = 10;

  /** How many days of posts the front page lists under "Past incidents", today included. */
  public static final int PAST_DAYS = 14;

  private static final int UPTIME_DAYS = 90;
  private static final int MONTHS = 12;
  private static final Duration CHART_DAYS = Duration.ofDays(7);

  private static final Pattern PARAGRAPHS = Pattern.compile("\\R+");

  private final PageSettings settings;
  // Weak keys compare by identity: a board is immutable, so its sidebar never changes.
  private final Cache<StatusBoard, Sidebar> sidebars = Caffeine.newBuilder().weakKeys().maximumSize(4).build();
  private final TemplateSet templates;
  private final PingSource pings;
  private final @Nullable UptimeSource uptimeSource;
  private final Clock clock;
  private final Links links;
  private final boolean dynamic;
  private final boolean showInternal;
  private final boolean subscribeForm;
  private final Messages messages;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter dayFormat;
  private final DateTimeFormatter monthFormat;
  private final DateTimeFormatter timeFormat;

  /**
   * A renderer.
   *
   * @param settings the page's name, base URL and zone
   * @param templates the templates to render with
   * @param pings live checks for the Ping column and charts
   * @param clock "now", for uptime windows and the generated-at line
   * @param dynamic whether the page is served (search works) rather than exported as files
   * @param showInternal whether servers that are not public are shown (front page, server pages)
   */
  public PageRenderer(
      PageSettings settings, TemplateSet templates, PingSource pings, Clock clock, boolean dynamic, boolean showInternal) {
    this(settings, templates, pings, null, clock, dynamic, showInternal, false);
  }

  /**
   * A renderer whose server pages may take uptime from a host's history.
   *
   * @param settings the page's name, base URL and zone
   * @param templates the templates to render with
   * @param pings live checks for the Ping column and charts
   * @param uptime the history's figures (monthly table, the 90-day bars of the front page and the server pages), or null for the board's timelines only
   * @param clock "now", for uptime windows and the generated-at line
   * @param dynamic whether the page is served (search works) rather than exported as files
   * @param showInternal whether servers that are not public are shown (front page, server pages)
   * @param subscribeForm whether the sidebar shows the subscribe form (posted to {@code subscribe})
   */
  public PageRenderer(
      PageSettings settings,
      TemplateSet templates,
      PingSource pings,
      @Nullable UptimeSource uptime,
      Clock clock,
      boolean dynamic,
      boolean showInternal,
      boolean subscribeForm) {
    this.uptimeSource = uptime;
    this.subscribeForm = subscribeForm;
    this.settings = requireNonNull(settings, "settings");
    this.templates = requireNonNull(templates, "templates");
    this.pings = requireNonNull(pings, "pings");
    this.clock = requireNonNull(clock, "clock");
    this.links = new Links(settings);
    this.dynamic = dynamic;
    this.showInternal = showInternal;
    this.messages = Messages.load(settings.locale(), templates);
    Locale locale = settings.locale();
    this.dateTime = DateTimeFormatter.ofPattern(messages.text("date_time"), locale);
    this.dayFormat = DateTimeFormatter.ofPattern(messages.text("day"), locale);
    this.monthFormat = DateTimeFormatter.ofPattern(messages.text("month"), locale);
    this.timeFormat = DateTimeFormatter.ofPattern(messages.text("time"), locale);
  }

  /** What time without data does to uptime figures, for the badges to follow the page. */
  PageSettings.NoData noData() {
    return settings.noData();
  }

  /** Whether the pages show this server. */
  boolean shows(ServerStatus server) {
    return showInternal || server.server().isPublic();
  }

  /**
   * The front page: the servers by group with their uptime bars, current incidents and
   * maintenance, and the last {@value #PAST_DAYS} days of posts day by day. {@code pageNumber}
   * above 1 is the history's page of that number (the front page was paged before it had a
   * history of its own).
   */
  public String index(StatusBoard board, int pageNumber) {
    if (pageNumber > 1) {
      return history(board, pageNumber);
    }
    Instant now = clock.instant();
    UptimeSource source = uptimeSource;
    ImmutableList<ServerRow> glance =
        board.glance().stream()
            .filter(this::shows)
            .map(server -> server.asOf(now))
            .map(
                server ->
                    serverRow(
                        server,
                        source == null
                            ? uptime(server.timeline(), server.addedAt())
                            : uptime(server.timeline(), board, server.id(), source)))
            .collect(toImmutableList());
    IndexPage view =
        new IndexPage(
            glance,
            groups(glance),
            posts(board, board.openIncidents()),
            posts(board, board.activeMaintenance()),
            posts(board, board.upcomingMaintenance()),
            days(board),
            links.href(Links.HISTORY),
            source == null || glance.isEmpty() ? null : messages.format("uptime_rule", source.rule()));
    return templates.render("index", frame(board, settings.name(), ""), view);
  }

  /** Every post, newest first, {@value #POSTS_PER_PAGE} to a page: the blog-like history. */
  public String history(StatusBoard board, int pageNumber) {
    Page<Incident> page =
        board.incidents(
            IncidentQuery.builder()
                .zone(settings.zone())
                .offset((Math.max(pageNumber, 1) - 1) * POSTS_PER_PAGE)
                .limit(POSTS_PER_PAGE)
                .build());
    String heading = messages.text("history");
    ListPage view =
        new ListPage(
            heading,
            posts(board, page.items()),
            pager(page, pageNumber, n -> Links.HISTORY + (n == 1 ? "" : "?page=" + n)),
            null,
            false,
            false);
    return templates.render("list", frame(board, heading + " · " + settings.name(), ""), view);
  }

  private ImmutableList<Group> groups(ImmutableList<ServerRow> rows) {
    Map<String, List<ServerRow>> byGroup = new LinkedHashMap<>();
    List<ServerRow> ungrouped = new ArrayList<>();
    for (ServerRow row : rows) {
      if (row.group() == null) {
        ungrouped.add(row);
      } else {
        byGroup.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(row);
      }
    }
    ImmutableList.Builder<Group> groups = ImmutableList.builder();
    if (!ungrouped.isEmpty()) {
      groups.add(group(null, ungrouped));
    }
    byGroup.forEach((name, members) -> groups.add(group(name, members)));
    return groups.build();
  }

  private Group group(@Nullable String name, List<ServerRow> members) {
    Status worst = null;
    for (ServerRow member : members) {
      Status status = Status.fromKey(member.status().key());
      worst = worst == null ? status : worst.worst(status);
    }
    Status status = worst == null ? Status.UNKNOWN : worst;
    return new Group(
        name,
        name == null ? "servers" : "group-" + Tag.of(name).slug(),
        name != null,
        true,
        new StatusView(status.key(), statusLabel(status)),
        members.size(),
        members.size() == 1 ? messages.text("group_count_one") : messages.format("group_count", members.size()),
        ImmutableList.copyOf(members));
  }

  private ImmutableList<Day> days(StatusBoard board) {
    LocalDate today = clock.instant().atZone(settings.zone()).toLocalDate();
    Instant cutoff = today.minusDays(PAST_DAYS - 1).atStartOfDay(settings.zone()).toInstant();
    Map<LocalDate, List<Incident>> byDay = new LinkedHashMap<>();
    board
        .stream(IncidentQuery.builder().zone(settings.zone()).between(cutoff, null).limit(IncidentQuery.MAX_LIMIT).build())
        .filter(incident -> !incident.createdInstant().isBefore(cutoff))
        .forEach(
            incident ->
                byDay
                    .computeIfAbsent(incident.createdInstant().atZone(settings.zone()).toLocalDate(), d -> new ArrayList<>())
                    .add(incident));
    ImmutableList.Builder<Day> days = ImmutableList.builder();
    for (int i = 0; i < PAST_DAYS; i++) {
      LocalDate day = today.minusDays(i);
      days.add(new Day(dayFormat.format(day), day.toString(), posts(board, byDay.getOrDefault(day, List.of()))));
    }
    return days.build();
  }

  /** The page of one server, if it is on the board. */
  public Optional<String> server(StatusBoard board, String serverId) {
    Optional<ServerStatus> found = board.serverStatus(serverId);
    if (found.isEmpty() || !(showInternal || found.get().server().isPublic())) {
      return Optional.empty();
    }
    // as of now: a server whose monitor fell silent is "no data", whatever it last reported
    ServerStatus server = found.get().asOf(clock.instant());
    ImmutableList<Incident> incidents =
        board.stream(IncidentQuery.builder().server(serverId).zone(settings.zone()).build())
            .limit(POSTS_PER_PAGE)
            .collect(toImmutableList());
    UptimeSource source = uptimeSource;
    ServerPage view =
        new ServerPage(
            serverRow(server, null),
            source == null ? uptime(server.timeline(), server.addedAt()) : uptime(server.timeline(), board, serverId, source),
            source == null ? null : monthly(board, serverId, source),
            chart(serverId, source),
            posts(board, incidents),
            vantages(server));
    Frame frame = frame(board, server.server().name() + " · " + settings.name(), Links.server(serverId));
    return Optional.of(templates.render("server", frame, view));
  }

  /** The page of one incident, maintenance or notice, if it is on the board. */
  public Optional<String> incident(StatusBoard board, String incidentId) {
    return board
        .incident(incidentId)
        .map(
            incident ->
                templates.render(
                    "list",
                    frame(board, incident.title() + " · " + settings.name(), ""),
                    new ListPage(incident.title(), posts(board, List.of(incident)), null, null, false, false)));
  }

  /** The posts opened in a month (in the page's zone), if there are any. */
  public Optional<String> archive(StatusBoard board, YearMonth month, int pageNumber) {
    IncidentQuery.Builder query = IncidentQuery.builder().month(month).zone(settings.zone());
    return list(board, query, messages.format("archive", monthFormat.format(month)), "", Links.archive(month), pageNumber);
  }

  /** The posts with a tag, if there are any. */
  public Optional<String> tag(StatusBoard board, String slug, int pageNumber) {
    Optional<Tag> tag = board.tags().keySet().stream().filter(t -> t.slug().equals(slug)).findFirst();
    if (tag.isEmpty()) {
      return Optional.empty();
    }
    IncidentQuery.Builder query = IncidentQuery.builder().tag(slug).zone(settings.zone());
    return list(board, query, messages.format("tag", tag.get().label()), Links.tag(slug), Links.tag(slug), pageNumber);
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
    return list(board, query, messages.format("category", category.get().label()), "", path, pageNumber);
  }

  /** The search results for a text; a blank text lists nothing. */
  public String search(StatusBoard board, String text, int pageNumber) {
    String query = text.strip();
    Frame frame = frame(board, messages.text("search") + " · " + settings.name(), "");
    String heading = query.isEmpty() ? messages.text("search") : messages.format("search_results", query);
    ListPage view = new ListPage(heading, ImmutableList.of(), null, query, false, false);
    if (!query.isEmpty() && query.length() <= 200 && query.codePoints().noneMatch(Character::isISOControl)) {
      Page<Incident> page =
          board.incidents(
              IncidentQuery.builder()
                  .text(query)
                  .zone(settings.zone())
                  .offset((Math.max(pageNumber, 1) - 1) * POSTS_PER_PAGE)
                  .limit(POSTS_PER_PAGE)
                  .build());
      view =
          new ListPage(
              heading,
              posts(board, page.items()),
              pager(page, pageNumber, n -> Links.search(query) + "&page=" + n),
              query,
              page.total() == 0,
              false);
    }
    return templates.render("list", frame, view);
  }

  /** The page shown for a path that does not exist. */
  public String notFound(StatusBoard board) {
    return templates.render(
        "list",
        frame(board, messages.text("not_found") + " · " + settings.name(), ""),
        new ListPage(messages.text("not_found"), ImmutableList.of(), null, null, false, true));
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
    ListPage view =
        new ListPage(
            heading,
            posts(board, page.items()),
            pager(page, pageNumber, n -> path + (n == 1 ? "" : "?page=" + n)),
            null,
            false,
            false);
    return Optional.of(templates.render("list", frame(board, heading + " · " + settings.name(), feedScope), view));
  }

  // ---------------------------------------------------------------- the shared frame

  private Frame frame(StatusBoard board, String title, String feedScope) {
    ZonedDateTime now = clock.instant().atZone(settings.zone());
    Sidebar side = sidebars.get(board, this::sidebar);
    return new Frame(
        messages.text("lang"),
        messages.all(),
        messages.format("footer_times", zoneName()),
        title,
        dynamic,
        new Site(settings.name(), links.href(""), links.href("style.css"), zoneName(), links.href("search")),
        indicator(board, now.toInstant()),
        new Time(dateTime.format(now), now.toOffsetDateTime().toString()),
        feeds(""),
        feedScope.isEmpty() ? null : new Scoped(feeds(feedScope)),
        links.href("maintenance.ics"),
        links.href("api/v2/summary.json"),
        side.months(),
        side.categories(),
        side.tags(),
        side.recent(),
        subscribeForm ? new Views.Subscribe(links.href("subscribe")) : null);
  }

  /**
   * The overall banner as of {@code now}: the board's indicator, except that it never claims "All
   * Systems Operational" for servers nobody observed. With nothing worse to report, when no public
   * server has data (never observed, or its monitor silent: {@link ServerStatus#asOf}) it says so
   * ("No data: the monitor has not reported", in a neutral colour), and when some have none it
   * names only the others operational ("All reporting systems operational · 3 without data").
   */
  private Indicator indicator(StatusBoard board, Instant now) {
    io.statuskit.core.Indicator indicator = board.indicator(now);
    if (indicator == io.statuskit.core.Indicator.NONE) {
      int counted = 0;
      int withoutData = 0;
      for (ServerStatus server : board.glance()) {
        if (server.server().isPublic()) {
          counted++;
          if (server.asOf(now).status() == Status.UNKNOWN) {
            withoutData++;
          }
        }
      }
      if (withoutData > 0 && withoutData == counted) {
        return new Indicator("nodata", messages.text("indicator_no_data"));
      }
      if (withoutData > 0) {
        return new Indicator(
            indicator.key(),
            withoutData == 1 ? messages.text("indicator_without_data_one") : messages.format("indicator_without_data", withoutData));
      }
    }
    return new Indicator(indicator.key(), messages.label("indicator", indicator.key(), indicator.description()));
  }

  /**
   * The sidebar's lists of one board. Months, tags and categories walk every incident, so they
   * are made once per board (kept by identity for the last few boards), not once per page: on a
   * board of 10,000 incidents that walk was most of the time of rendering an incident's page.
   */
  private record Sidebar(
      ImmutableList<Counted> months, ImmutableList<Counted> categories, ImmutableList<Counted> tags, ImmutableList<Recent> recent) {}

  private Sidebar sidebar(StatusBoard board) {
    ImmutableList.Builder<Counted> months = ImmutableList.builder();
    board
        .months(settings.zone())
        .forEach((month, count) -> months.add(new Counted(monthFormat.format(month), links.href(Links.archive(month)), count)));
    ImmutableList.Builder<Counted> categories = ImmutableList.builder();
    board
        .categories()
        .forEach(
            (category, count) ->
                categories.add(new Counted(category.label(), links.href(Links.category(category.slug())), count)));
    ImmutableList.Builder<Counted> tags = ImmutableList.builder();
    board.tags().forEach((tag, count) -> tags.add(new Counted(tag.label(), links.href(Links.tag(tag.slug())), count)));
    ImmutableList<Recent> recent =
        board.incidents().subList(0, Math.min(5, board.incidents().size())).stream()
            .map(incident -> new Recent(incident.title(), links.href(Links.incident(incident.id()))))
            .collect(toImmutableList());
    return new Sidebar(months.build(), categories.build(), tags.build(), recent);
  }

  private ImmutableList<Feed> feeds(String scope) {
    return ImmutableList.of(
        new Feed("RSS", "application/rss+xml", links.href(scope + "history.rss")),
        new Feed("Atom", "application/atom+xml", links.href(scope + "history.atom")),
        new Feed("JSON Feed", "application/feed+json", links.href(scope + "history.json")));
  }

  private String zoneName() {
    return DateTimeFormatter.ofPattern("zzzz (z)", settings.locale()).format(clock.instant().atZone(settings.zone()));
  }

  private @Nullable Pager pager(Page<?> page, int pageNumber, IntFunction<String> path) {
    int current = Math.max(pageNumber, 1);
    if (!page.hasPrevious() && !page.hasNext()) {
      return null;
    }
    return new Pager(
        page.hasPrevious() ? links.href(path.apply(current - 1)) : null,
        page.hasNext() ? links.href(path.apply(current + 1)) : null);
  }

  // ---------------------------------------------------------------- servers on the front page

  /** A server's card; {@code uptime} is its 90-day bars on the front page, null on its own page. */
  private ServerRow serverRow(ServerStatus status, @Nullable Uptime uptime) {
    Server server = status.server();
    Status effective = status.status();
    String declared = declared(status);
    return new ServerRow(
        server.id(),
        server.name(),
        links.href(Links.server(server.id())),
        server.location() == null ? null : String.valueOf(server.location()),
        server.role(),
        server.description(),
        server.host(),
        server.group(),
        !server.isPublic(),
        server.isRetired(),
        new StatusView(effective.key(), statusLabel(effective)),
        status.detail(),
        status.timeline().currentSince().map(this::time).orElse(null),
        ping(pings.latest(server.id()), declared != null),
        feeds(Links.server(server.id())),
        declared,
        uptime,
        facts(server));
  }

  private static ImmutableList<String> facts(Server server) {
    ImmutableList.Builder<String> facts = ImmutableList.builder();
    if (!server.id().equals(server.name())) {
      facts.add(server.id());
    }
    String role = server.role();
    if (role != null && !role.equals(server.name())) {
      facts.add(role);
    }
    if (server.location() != null) {
      facts.add(String.valueOf(server.location()));
    }
    return facts.build();
  }

  /**
   * Why a server's status is not what its probes observe: the monitor fell silent ("monitor silent
   * since 07:09 UTC", {@link ServerStatus#silentSince}), or an open incident or active maintenance
   * declares it (the board's status is the worst of the observation and the declarations), or
   * both ("declared by an incident · monitor silent since 13:09 UTC": a declared status wins over
   * the silence); null when the status is the observed one.
   */
  private @Nullable String declared(ServerStatus status) {
    Status effective = status.status();
    String declared = messages.text(effective == Status.UNDER_MAINTENANCE ? "declared_maintenance" : "declared_incident");
    Optional<Instant> silent = status.silentSince(clock.instant());
    if (silent.isPresent()) {
      String note = messages.format("monitor_silent", shortTime(silent.get()));
      // a status an incident or maintenance declares wins over the silence (ServerStatus.whileSilent)
      return effective == Status.UNKNOWN ? note : declared + " · " + note;
    }
    if (effective == status.observed() || effective == Status.UNKNOWN) {
      return null;
    }
    return declared;
  }

  /**
   * Each probe location's own verdict ({@link Coverage#vantages()}), in name order: "Amsterdam: up
   * · Frankfurt: down (refused) · New York: stale since 13:09 UTC"; null for a server watched
   * without locations.
   */
  private @Nullable Vantages vantages(ServerStatus server) {
    Coverage coverage = server.coverage();
    if (coverage == null || coverage.vantages().isEmpty()) {
      return null;
    }
    Instant now = clock.instant();
    ImmutableList.Builder<VantageView> items = ImmutableList.builder();
    int left = coverage.vantages().size();
    for (VantageVerdict verdict : coverage.vantages().values()) {
      left--;
      String name = vantageName(verdict.name());
      Optional<Instant> stale = verdict.staleSince(now);
      Status status = verdict.status();
      if (stale.isPresent()) {
        items.add(new VantageView(name, "stale", messages.format("vantage_stale", shortTime(stale.get())), null, left == 0));
        continue;
      }
      String key =
          status == null || status == Status.UNKNOWN
              ? "unknown"
              : status == Status.OPERATIONAL ? "up" : status == Status.DEGRADED_PERFORMANCE ? "degraded" : "down";
      String detail = key.equals("up") || key.equals("unknown") ? null : verdict.detail();
      items.add(new VantageView(name, key, messages.text("vantage_" + key), detail, left == 0));
    }
    return new Vantages(items.build());
  }

  /** A location's name as people write it: {@code new-york} → "New York". */
  private static String vantageName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean start = true;
    for (char c : name.toCharArray()) {
      if (c == '-' || c == '_') {
        out.append(' ');
        start = true;
      } else {
        out.append(start ? Character.toUpperCase(c) : c);
        start = false;
      }
    }
    return out.toString();
  }

  private PingView ping(Optional<Ping> latest, boolean declared) {
    if (latest.isEmpty()) {
      return new PingView("none", messages.text("not_checked"), null, null);
    }
    Ping ping = latest.get();
    String outcome =
        messages.text(
            (declared ? "probe_" : "ping_")
                + (ping.status() == Status.OPERATIONAL ? "up" : ping.failed() ? "down" : "slow"));
    Duration latency = ping.latency();
    String text = outcome + (latency != null && !ping.failed() ? " " + millis(latency) + " ms" : "");
    String css = declared ? "probe" : ping.status() == Status.OPERATIONAL ? "up" : ping.failed() ? "down" : "degraded";
    return new PingView(css, text, ping.detail(), time(ping.at()));
  }

  private static long millis(Duration duration) {
    return Math.max(duration.toMillis(), duration.isZero() ? 0 : 1);
  }

  // ---------------------------------------------------------------- uptime and chart

  /** The days the bars show, in the page's zone: the first, today (the last), the first's midnight, and now. */
  private record Span(LocalDate first, LocalDate today, Instant start, Instant now) {}

  private Span span() {
    Instant now = clock.instant();
    LocalDate today = now.atZone(settings.zone()).toLocalDate();
    LocalDate first = today.minusDays(UPTIME_DAYS - 1);
    return new Span(first, today, first.atStartOfDay(settings.zone()).toInstant(), now);
  }

  /** A day's figure for the bars: the percent of the {@code day}th day (0 the oldest), {@code [from, to)}, or NaN when nothing counted. */
  @FunctionalInterface
  private interface DayFigure {
    double percent(int day, Instant from, Instant to);
  }

  /** The 90-day bars and figure from the board's timeline, by the page's no-data rule. */
  private Uptime uptime(Timeline timeline, Instant addedAt) {
    Span span = span();
    // Time without data (never observed, no monitor reporting) is never up: left out of the
    // figure by default, counted as down when the page says so; the heading says how much there
    // was and what was done with it.
    double uptime = uptimePercent(timeline, addedAt, span.start(), span.now());
    String percent = Double.isNaN(uptime) ? messages.text("no_data") : formatPercent(uptime);
    Instant since = addedAt.isAfter(span.start()) ? addedAt : span.start();
    Duration noData = since.isBefore(span.now()) ? timeline.noDataTime(since, span.now()) : Duration.ZERO;
    String heading = messages.format("uptime_heading", UPTIME_DAYS, percent);
    if (!Double.isNaN(uptime) && noData.compareTo(Duration.ofMinutes(1)) >= 0) {
      String key = settings.noData() == PageSettings.NoData.COUNTED_DOWN ? "uptime_no_data_down" : "uptime_no_data";
      heading = heading + " " + messages.format(key, Durations.words(noData, messages));
    }
    return uptime(timeline, span, (day, from, to) -> uptimePercent(timeline, addedAt, from, to), false, percent, heading, null);
  }

  /**
   * The 90-day bars and figure from the host's history: each day's figure and the 90 days' are the
   * source's ({@link UptimeSource#daily}, one call: its rule, its rollups where the timeline has no
   * status, its maintenance left out), with the rule printed.
   */
  private Uptime uptime(Timeline timeline, StatusBoard board, String serverId, UptimeSource source) {
    Span span = span();
    DailyUptime daily = source.daily(board, serverId, span.first(), UPTIME_DAYS, settings.zone(), span.now());
    if (daily.days() != UPTIME_DAYS) {
      throw new IllegalStateException("the uptime source gave " + daily.days() + " days for " + UPTIME_DAYS + " asked: " + source);
    }
    String percent = Double.isNaN(daily.total()) ? messages.text("no_data") : formatPercent(daily.total());
    return uptime(
        timeline,
        span,
        (day, from, to) -> daily.percent(day),
        true,
        percent,
        messages.format("uptime_heading", UPTIME_DAYS, percent),
        messages.format("uptime_rule", source.rule()));
  }

  /**
   * The 90-day bars, one loop whatever gives the figures. A day's colour is the worst status the
   * timeline shows that day (a figure under 100 % turns an operational day into a partial outage);
   * its text is its figure. A day the timeline does not show is "no data", unless {@code
   * figuresWithoutStatus} (a history's rollups can have results where the timeline has none) and
   * the day has a figure: it then takes its colour from the figure. A day with a status but no
   * figure (everything that day was left out: maintenance, no data) shows the status alone.
   */
  private Uptime uptime(
      Timeline timeline, Span span, DayFigure figures, boolean figuresWithoutStatus, String percent, String heading, @Nullable String rule) {
    ImmutableList.Builder<Bar> bars = ImmutableList.builderWithExpectedSize(UPTIME_DAYS);
    for (int i = 0; i < UPTIME_DAYS; i++) {
      LocalDate day = span.first().plusDays(i);
      Instant from = day.atStartOfDay(settings.zone()).toInstant();
      Instant to = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
      if (to.isAfter(span.now())) {
        to = span.now();
      }
      Status worst = null;
      for (StatusInterval interval : from.isBefore(to) ? timeline.intervals(from, to) : List.<StatusInterval>of()) {
        if (interval.status() != Status.UNKNOWN) {
          worst = worst == null ? interval.status() : worst.worst(interval.status());
        }
      }
      double figure = (worst != null || figuresWithoutStatus) && from.isBefore(to) ? figures.percent(i, from, to) : Double.NaN;
      if (worst == null && Double.isNaN(figure)) {
        bars.add(new Bar(i * 6, dayFormat.format(day), "nodata", messages.text("no_data")));
        continue;
      }
      Status shown = worst != null ? worst : figure < 100 ? Status.PARTIAL_OUTAGE : Status.OPERATIONAL;
      if (Double.isNaN(figure)) {
        bars.add(new Bar(i * 6, dayFormat.format(day), shown.key(), statusLabel(shown)));
        continue;
      }
      String key = shown.isOutage() ? shown.key() : figure < 100 ? "partial_outage" : shown.key();
      String text = messages.format("bar_text", formatPercent(figure), statusLabel(shown).toLowerCase(settings.locale()));
      bars.add(new Bar(i * 6, dayFormat.format(day), key, text));
    }
    ImmutableList<OutageView> outages =
        timeline.outages(span.start(), span.now()).stream()
            .map(outage -> new OutageView(describe(outage)))
            .collect(toImmutableList());
    return new Uptime(
        heading,
        messages.format("daily_uptime", dayFormat.format(span.first()), dayFormat.format(span.today())),
        bars.build(),
        UPTIME_DAYS,
        dayFormat.format(span.first()),
        dayFormat.format(span.today()),
        percent,
        messages.format("uptime_summary", percent),
        outages,
        rule);
  }

  /** The last 12 months of a server (this month so far first), from the host's history. */
  private Monthly monthly(StatusBoard board, String serverId, UptimeSource source) {
    Instant now = clock.instant();
    YearMonth month = YearMonth.from(now.atZone(settings.zone()));
    ImmutableList.Builder<MonthRow> rows = ImmutableList.builder();
    for (int i = 0; i < MONTHS; i++) {
      YearMonth m = month.minusMonths(i);
      Instant from = m.atDay(1).atStartOfDay(settings.zone()).toInstant();
      Instant to = m.plusMonths(1).atDay(1).atStartOfDay(settings.zone()).toInstant();
      if (to.isAfter(now)) {
        to = now;
      }
      double percent = from.isBefore(to) ? source.percent(board, serverId, from, to) : Double.NaN;
      rows.add(new MonthRow(monthFormat.format(m), m.toString(), Double.isNaN(percent) ? messages.text("no_data") : String.format(Locale.ROOT, "%.3f%%", percent)));
    }
    return new Monthly(messages.format("monthly_heading", MONTHS), messages.format("uptime_rule", source.rule()), rows.build());
  }

  /**
   * Uptime in percent over {@code [from, to)} by the page's {@link PageSettings#noData()} rule:
   * over the time with data only, or with the time without data since the server was added
   * counted as down. NaN when the window has no data at all.
   */
  private double uptimePercent(Timeline timeline, Instant addedAt, Instant from, Instant to) {
    return UptimeShare.of(timeline, addedAt, from, to, settings.noData()).percent();
  }

  private static String formatPercent(double percent) {
    return String.format(Locale.ROOT, "%.2f%%", percent);
  }

  /** The response-time chart: the source's hourly buckets of the last 7 days when it has them, else the live checks. */
  private Chart chart(String serverId, @Nullable UptimeSource source) {
    if (source != null) {
      Instant now = clock.instant();
      Chart fromHistory = hourlyChart(source.latency(serverId, now.minus(CHART_DAYS), now));
      if (fromHistory != null) {
        return fromHistory;
      }
    }
    return chart(pings.history(serverId));
  }

  /** A chart of latency buckets (the median of each), or null when fewer than two carry a latency. */
  private @Nullable Chart hourlyChart(List<LatencyPoint> buckets) {
    List<LatencyPoint> measured = buckets.stream().filter(p -> p.checks() > p.failed()).toList();
    if (measured.size() < 2) {
      return null;
    }
    int width = 540;
    int height = 120;
    long checks = 0;
    long failed = 0;
    long maxMillis = 1;
    for (LatencyPoint p : buckets) {
      checks += p.checks();
      failed += p.failed();
    }
    for (LatencyPoint p : measured) {
      maxMillis = Math.max(maxMillis, microsToMillis(p.medianMicros()));
    }
    long top = niceCeiling(maxMillis);
    Instant start = buckets.get(0).start();
    Instant end = buckets.get(buckets.size() - 1).start();
    long span = Math.max(Duration.between(start, end).toMillis(), 1);
    StringBuilder points = new StringBuilder();
    long weighted = 0;
    long weights = 0;
    for (LatencyPoint p : measured) {
      long ms = microsToMillis(p.medianMicros());
      weighted += ms * (p.checks() - p.failed());
      weights += p.checks() - p.failed();
      double x = 40 + (width - 40) * (double) Duration.between(start, p.start()).toMillis() / span;
      double y = 10 + (height - 20) * (1 - (double) ms / top);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    ImmutableList.Builder<Mark> failures = ImmutableList.builder();
    for (LatencyPoint p : buckets) {
      if (p.failed() > 0) {
        double x = 40 + (width - 40) * (double) Duration.between(start, p.start()).toMillis() / span;
        failures.add(new Mark(String.format(Locale.ROOT, "%.1f", x), timeText(p.start())));
      }
    }
    long average = weights == 0 ? 0 : weighted / weights;
    return new Chart(
        "",
        messages.format("chart_hourly_label", timeText(start), timeText(end), average),
        messages.format("chart_hourly_summary", average, checks, failed),
        (int) Math.min(checks, Integer.MAX_VALUE),
        failed,
        false,
        points.toString().strip(),
        failures.build(),
        width,
        height,
        top,
        top / 2,
        average,
        timeText(start),
        timeText(end));
  }

  private static long microsToMillis(long micros) {
    return micros == 0 ? 0 : Math.max(1, (micros + 500) / 1000);
  }

  private Chart chart(ImmutableList<Ping> history) {
    ImmutableList<Ping> measured =
        history.stream()
            .filter(ping -> ping.latency() != null && !ping.failed())
            .collect(toImmutableList());
    long downs = history.stream().filter(Ping::failed).count();
    int width = 540;
    int height = 120;
    if (measured.size() < 2) {
      return new Chart(
          messages.format("chart_empty", history.size()), "", "",
          history.size(), downs, true, null, ImmutableList.of(), width, height, 0, 0, 0, null, null);
    }
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
    ImmutableList.Builder<Mark> failures = ImmutableList.builder();
    for (Ping ping : history) {
      if (ping.failed()) {
        double x = 40 + (width - 40) * (double) Duration.between(start, ping.at()).toMillis() / span;
        failures.add(new Mark(String.format(Locale.ROOT, "%.1f", x), timeText(ping.at())));
      }
    }
    long average = sum / measured.size();
    return new Chart(
        "",
        messages.format("chart_label", timeText(start), timeText(end), average),
        messages.format("chart_summary", average, history.size(), downs),
        history.size(),
        downs,
        false,
        points.toString().strip(),
        failures.build(),
        width,
        height,
        top,
        top / 2,
        average,
        timeText(start),
        timeText(end));
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

  private ImmutableList<Post> posts(StatusBoard board, List<Incident> incidents) {
    return incidents.stream().map(incident -> post(board, incident)).collect(toImmutableList());
  }

  private Post post(StatusBoard board, Incident incident) {
    MaintenanceWindow window = incident.window();
    ImmutableList<Update> updates =
        incident.updates().stream()
            .map(
                update ->
                    new Update(
                        update.id(),
                        time(update.time()),
                        update.internal()
                            ? messages.text("internal_note")
                            : update.addendum()
                                ? messages.text("update")
                                : messages.label("state", update.state().key(), update.state().label()),
                        update.addendum(),
                        update.internal(),
                        update.title(),
                        body(update)))
            .collect(toImmutableList());
    ImmutableList.Builder<ServerChip> servers = ImmutableList.builder();
    incident
        .affected()
        .forEach(
            (id, status) -> {
              if (showInternal || board.server(id).map(Server::isPublic).orElse(false)) {
                servers.add(new ServerChip(id, links.href(Links.server(id)), statusLabel(status)));
              }
            });
    ImmutableList<Link> tags =
        incident.tags().stream()
            .map(tag -> new Link(tag.label(), links.href(Links.tag(tag.slug()))))
            .collect(toImmutableList());
    ImmutableList<Link> categories =
        incident.categories().stream()
            .map(category -> new Link(category.label(), links.href(Links.category(category.slug()))))
            .collect(toImmutableList());
    String duration =
        incident.kind() == IncidentKind.INCIDENT ? incident.duration().map(d -> Durations.words(d, messages)).orElse(null) : null;
    return new Post(
        incident.id(),
        links.href(Links.incident(incident.id())),
        incident.title(),
        incident.kind().key(),
        kindLabel(incident.kind()),
        incident.state().key(),
        messages.label("state", incident.state().key(), incident.state().label()),
        incident.isOpen(),
        incident.impact().key(),
        time(incident.createdAt()),
        time(incident.updatedAt()),
        window == null ? null : new Window(time(window.start()), time(window.end())),
        updates,
        servers.build(),
        tags,
        categories,
        duration,
        updates.isEmpty() ? null : updates.get(updates.size() - 1));
  }

  private String kindLabel(IncidentKind kind) {
    switch (kind) {
      case MAINTENANCE:
        return messages.text("kind_maintenance");
      case NOTICE:
        return messages.text("kind_notice");
      default:
        return messages.text("kind_incident");
    }
  }

  private String statusLabel(Status status) {
    return messages.label("status", status.key(), status.label());
  }

  /**
   * An outage as a sentence: the core model's English one ("down for eight minutes between 07:09
   * and 07:17 UTC", "down for seven seconds at 13:09 UTC") in English, the page's messages in other
   * languages.
   */
  private String describe(Outage outage) {
    if (messages.text("lang").equals("en")) {
      return outage.describe(settings.zone());
    }
    ZonedDateTime from = outage.start().atZone(settings.zone());
    Instant end = outage.end();
    if (end == null) {
      return messages.format("outage_since", timeFormat.format(from) + " " + zoneShort(from));
    }
    ZonedDateTime to = end.atZone(settings.zone());
    boolean sameDay = from.toLocalDate().equals(to.toLocalDate());
    if (sameDay && timeFormat.format(from).equals(timeFormat.format(to))) {
      return messages.format(
          "outage_at", Durations.words(outage.duration(), messages), timeFormat.format(from) + " " + zoneShort(from));
    }
    DateTimeFormatter format = sameDay ? timeFormat : dateTime;
    return messages.format(
        "outage_between",
        Durations.words(outage.duration(), messages),
        format.format(from),
        format.format(to) + (format == timeFormat ? " " + zoneShort(to) : ""));
  }

  /** "07:09 UTC" today, the date and time on other days. */
  private String shortTime(Instant instant) {
    ZonedDateTime at = instant.atZone(settings.zone());
    if (at.toLocalDate().equals(clock.instant().atZone(settings.zone()).toLocalDate())) {
      return timeFormat.format(at) + " " + zoneShort(at);
    }
    return dateTime.format(at);
  }

  private String zoneShort(ZonedDateTime at) {
    return DateTimeFormatter.ofPattern("z", settings.locale()).format(at);
  }

  private static Body body(IncidentUpdate update) {
    if (update.body().isHtml()) {
      return new Body(ImmutableList.of(), new SafeHtml(update.body().text()));
    }
    ImmutableList.Builder<String> paragraphs = ImmutableList.builder();
    for (String paragraph : Splitter.on(PARAGRAPHS).omitEmptyStrings().split(update.body().text())) {
      if (!paragraph.isBlank()) {
        paragraphs.add(paragraph.strip());
      }
    }
    return new Body(paragraphs.build(), null);
  }

  private Time time(OffsetDateTime time) {
    return time(time.toInstant());
  }

  private String timeText(Instant instant) {
    return dateTime.format(instant.atZone(settings.zone()));
  }

  private Time time(Instant instant) {
    ZonedDateTime zoned = instant.atZone(settings.zone());
    return new Time(dateTime.format(zoned), zoned.toOffsetDateTime().toString());
  }
}
