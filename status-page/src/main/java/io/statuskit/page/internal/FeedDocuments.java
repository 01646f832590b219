package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Category;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;

import io.statuskit.page.PageSettings;
import io.statuskit.feeds.FeedFormat;
import io.statuskit.feeds.FeedSettings;
import io.statuskit.feeds.FeedWriter;
import io.statuskit.feeds.Granularity;
import io.statuskit.feeds.MaintenanceCalendar;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.feeds.statuspage.PageInfo;
import io.statuskit.feeds.statuspage.StatuspageDocument;
import io.statuskit.feeds.statuspage.StatuspageWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The site's feeds, calendar and Statuspage API, made with the feeds module.
 *
 * <p>For the whole page ({@code ""}) and for each server ({@code servers/NC027/}), tag ({@code
 * tags/spam/}) and category ({@code categories/outages/}) there are:
 *
 * <ul>
 *   <li>{@code updates.rss|atom|json}: one entry per post, like the seed's blog, with RFC 5005
 *       monthly archives {@code updates/2013-10.rss|atom|json};
 *   <li>{@code incidents.rss|atom|json}: one entry per incident, with archives {@code
 *       incidents/2013-10.*};
 *   <li>{@code history.rss|atom|json}: the names the page links to, the same documents as {@code
 *       updates.*}.
 * </ul>
 *
 * <p>At the root also {@code maintenance.ics} and {@code api/v2/*.json} (Statuspage v2).
 * Thread-safe.
 */
public final class FeedDocuments implements Site.SiteDocuments {
  private static final int FEED_ENTRIES = 50;
  private static final Pattern FEED =
      Pattern.compile("(?<scope>(?:(?:servers|tags|categories)/[^/]+/)?)(?<name>history|updates|incidents)"
          + "(?:/(?<month>\\d{4}-\\d{2}))?\\.(?<ext>rss|atom|json)");

  private final PageSettings page;
  private final LocalDate tagDate;
  private final Clock clock;
  private final StatuspageWriter statuspage;
  private final MaintenanceCalendar calendar;
  private final List<RecurringMaintenance> recurring;

  /**
   * Feeds for a page.
   *
   * @param page the page's name, base URL and zone
   * @param tagDate the date in the feeds' {@code tag:} ids (RFC 4151); never change it
   * @param clock tells which month is still open (not archived), and which servers' monitors have
   *     fallen silent (Statuspage documents as of now)
   */
  public FeedDocuments(PageSettings page, LocalDate tagDate, Clock clock) {
    this(page, tagDate, clock, List.of());
  }

  /**
   * Feeds for a page whose maintenance calendar also holds recurring maintenance, each as one
   * recurring event.
   */
  public FeedDocuments(PageSettings page, LocalDate tagDate, Clock clock, List<RecurringMaintenance> recurring) {
    this.recurring = List.copyOf(recurring);
    this.page = requireNonNull(page, "page");
    this.tagDate = requireNonNull(tagDate, "tagDate");
    this.clock = requireNonNull(clock, "clock");
    this.statuspage =
        StatuspageWriter.of(PageInfo.of(pageId(page), page.name(), page.baseUrl().toString(), page.zone().getId()), clock);
    this.calendar = MaintenanceCalendar.of(settings("", page.name()));
  }

  private static String pageId(PageSettings page) {
    String id = page.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return id.isEmpty() ? "statuskit" : id.substring(0, Math.min(id.length(), 64));
  }

  @Override
  public ZoneId zone() {
    return page.zone();
  }

  @Override
  public Optional<Document> get(StatusBoard board, String path) {
    if (path.equals("maintenance.ics")) {
      return Optional.of(Document.of(calendar.calendar(board, recurring)));
    }
    if (path.startsWith("api/v2/")) {
      String rest = path.substring("api/v2/".length());
      for (StatuspageDocument which : StatuspageDocument.values()) {
        if (which.path().equals(rest)) {
          return Optional.of(Document.of(statuspage.document(which, board)));
        }
      }
      return Optional.empty();
    }
    Matcher matcher = FEED.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String scope = matcher.group("scope");
    Optional<Scope> found = scope(board, scope);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Granularity granularity = matcher.group("name").equals("incidents") ? Granularity.INCIDENT : Granularity.UPDATE;
    FeedWriter writer = FeedWriter.of(format(matcher.group("ext")), granularity, settings(scope, found.get().title));
    IncidentQuery query = found.get().query;
    String month = matcher.group("month");
    if (month == null) {
      return Optional.of(Document.of(writer.subscription(board, query)));
    }
    if (matcher.group("name").equals("history")) {
      return Optional.empty();
    }
    try {
      YearMonth archived = YearMonth.parse(month);
      if (!writer.archiveMonths(board, query).contains(archived)) {
        return Optional.empty();
      }
      return Optional.of(Document.of(writer.archive(board, query, archived)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public ImmutableList<String> paths(StatusBoard board) {
    List<String> paths = new ArrayList<>();
    paths.add("maintenance.ics");
    for (StatuspageDocument which : StatuspageDocument.values()) {
      paths.add("api/v2/" + which.path());
    }
    for (String scope : scopes(board)) {
      Scope found = scope(board, scope).orElseThrow();
      for (FeedFormat format : FeedFormat.values()) {
        String ext = format.extension();
        paths.add(scope + "history." + ext);
        for (Granularity granularity : Granularity.values()) {
          paths.add(scope + granularity.path() + "." + ext);
          FeedWriter writer = FeedWriter.of(format, granularity, settings(scope, found.title));
          for (YearMonth month : writer.archiveMonths(board, found.query)) {
            paths.add(scope + granularity.path() + "/" + month + "." + ext);
          }
        }
      }
    }
    return ImmutableList.copyOf(paths);
  }

  private List<String> scopes(StatusBoard board) {
    List<String> scopes = new ArrayList<>();
    scopes.add("");
    for (ServerStatus server : board.servers()) {
      scopes.add(Links.server(server.id()));
    }
    for (Tag tag : board.tags().keySet()) {
      scopes.add(Links.tag(tag.slug()));
    }
    for (Category category : board.categories().keySet()) {
      scopes.add(Links.category(category.slug()));
    }
    return scopes;
  }

  private record Scope(String title, IncidentQuery query) {}

  private Optional<Scope> scope(StatusBoard board, String scope) {
    IncidentQuery.Builder query = IncidentQuery.builder().zone(page.zone()).limit(FEED_ENTRIES);
    if (scope.isEmpty()) {
      return Optional.of(new Scope(page.name(), query.build()));
    }
    String[] parts = scope.split("/", -1);
    String key = parts[1];
    switch (parts[0]) {
      case "servers":
        return board.server(key).map(server -> new Scope(page.name() + ": " + server.id() + title(server.role()), query.server(key).build()));
      case "tags":
        return board.tags().keySet().stream()
            .filter(tag -> tag.slug().equals(key))
            .findFirst()
            .map(tag -> new Scope(page.name() + ": tag " + tag.label(), query.tag(tag).build()));
      case "categories":
        return board.categories().keySet().stream()
            .filter(category -> category.slug().equals(key))
            .findFirst()
            .map(category -> new Scope(page.name() + ": " + category.label(), query.category(category).build()));
      default:
        return Optional.empty();
    }
  }

  private static String title(@Nullable String role) {
    return role == null ? "" : " (" + role + ")";
  }

  private FeedSettings settings(String scope, String title) {
    return FeedSettings.builder()
        .title(title)
        .description("Incidents, maintenance and notices of " + title)
        .siteUrl(page.absolute(scope))
        .feedBaseUrl(page.absolute(scope).toString())
        .scope(scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope)
        .tagDate(tagDate)
        .author(page.name(), null)
        .incidentUrlTemplate(page.baseUrl() + "incidents/{id}/")
        .schemes(page.absolute("tags/"), page.absolute("categories/"))
        .zone(page.zone())
        .clock(clock)
        .build();
  }

  private static FeedFormat format(String extension) {
    for (FeedFormat format : FeedFormat.values()) {
      if (format.extension().equals(extension)) {
        return format;
      }
    }
    throw new IllegalArgumentException("feed: unknown extension " + extension);
  }
}
