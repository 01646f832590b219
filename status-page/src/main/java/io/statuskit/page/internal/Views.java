package io.statuskit.page.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.jspecify.annotations.Nullable;

/**
 * The typed view models the page's templates read, one record per thing a template shows. The
 * templates see a page through two scopes: the {@link Frame} (masthead, feeds, sidebar) and the
 * page's own record ({@link IndexPage}, {@link ServerPage}, {@link ListPage}); a name is looked
 * up in the page's record first. A {@code null} component is simply absent for the template.
 * The only component ever inserted without escaping is {@link Body#html()}, a {@link SafeHtml}.
 * Immutable and thread-safe; the names are listed in {@code docs/examples.md}.
 */
public final class Views {
  private Views() {}

  /** A text and its ISO-8601 form, for {@code <time datetime>}. */
  public record Time(String text, String iso) {}

  /** A link with a label. */
  public record Link(String label, String href) {}

  /** A feed link. */
  public record Feed(String label, String type, String href) {}

  /** A sidebar entry: a month, category or tag with its number of posts. */
  public record Counted(String label, String href, int count) {}

  /** A recent post in the sidebar. */
  public record Recent(String title, String href) {}

  /** The page's own links and names. */
  public record Site(String name, String home, String css, String zone, String search) {}

  /** The overall indicator: {@code none}, {@code minor}, {@code major}, {@code critical}. */
  public record Indicator(String key, String description) {}

  /** Feeds scoped to the page shown (a server's, a tag's). */
  public record Scoped(ImmutableList<Feed> feeds) {}

  /**
   * What every page shows around its content.
   *
   * @param lang the page's language, for {@code <html lang>}
   * @param t every text of the page in its language, by key ({@code {{t.glance}}})
   * @param zoneNote the footer's sentence naming the time zone
   * @param subscribeForm the subscribe form, or null when the page offers none
   */
  public record Frame(
      String lang,
      ImmutableMap<String, String> t,
      String zoneNote,
      String title,
      boolean dynamic,
      Site site,
      Indicator indicator,
      Time generated,
      ImmutableList<Feed> feeds,
      @Nullable Scoped scoped,
      String calendar,
      String api,
      ImmutableList<Counted> archives,
      ImmutableList<Counted> categories,
      ImmutableList<Counted> tags,
      ImmutableList<Recent> recent,
      @Nullable Subscribe subscribeForm) {}

  /**
   * The sidebar's subscribe form, shown when the server answers it.
   *
   * @param action where the form is posted (and, with GET, the page that also offers servers)
   */
  public record Subscribe(String action) {}

  /** A status with its CSS key and its label. */
  public record StatusView(String key, String label) {}

  /**
   * The latest live check of a server: key {@code up}, {@code degraded}, {@code down}, {@code
   * none}, or {@code probe} when an incident or maintenance declares the server's status and the
   * text names the probe ("probe: answering 13 ms"), so it is not read as the server's status.
   */
  public record PingView(String key, String text, @Nullable String detail, @Nullable Time at) {}

  /**
   * A server as the front page and its own page show it.
   *
   * @param declared why the status differs from what the probes observe ("declared by an
   *     incident", "scheduled maintenance"), or null when it is the observed status
   * @param uptime the server's daily uptime bars (on the front page), or null
   * @param facts what the front page says under the name: the id and role where they differ from
   *     the name, and the location
   */
  public record ServerRow(
      String id,
      String name,
      String href,
      @Nullable String location,
      @Nullable String role,
      @Nullable String description,
      @Nullable String host,
      @Nullable String group,
      boolean internal,
      boolean retired,
      StatusView status,
      @Nullable String detail,
      @Nullable Time since,
      PingView ping,
      ImmutableList<Feed> feeds,
      @Nullable String declared,
      @Nullable Uptime uptime,
      ImmutableList<String> facts) {}

  /**
   * The servers of one group on the front page ({@code Server.group}), or the servers with no
   * group ({@code grouped} false, shown without a heading).
   *
   * @param name the group's name, or null for the servers with no group
   * @param anchor the element id of the group, such as {@code group-mail-servers}
   * @param grouped whether this is a named group (shown as a collapsible {@code <details>})
   * @param open whether the group starts expanded
   * @param status the worst status of its servers
   * @param count how many servers it has
   * @param countText the same as text ("4 systems")
   */
  public record Group(
      @Nullable String name,
      String anchor,
      boolean grouped,
      boolean open,
      StatusView status,
      int count,
      String countText,
      ImmutableList<ServerRow> servers) {}

  /**
   * A day of the front page's "Past incidents".
   *
   * @param date the day as text
   * @param iso the day as {@code 2026-12-06}
   * @param posts the posts opened that day, newest first; empty on a quiet day
   */
  public record Day(String date, String iso, ImmutableList<Post> posts) {}

  /** Links to newer and older pages of posts; null when there are none. */
  public record Pager(@Nullable String newer, @Nullable String older) {}

  /** A maintenance window. */
  public record Window(Time start, Time end) {}

  /** An update's body: plain paragraphs, or HTML the host posted and vouches for. */
  public record Body(ImmutableList<String> paragraphs, @Nullable SafeHtml html) {}

  /** One update of a post. */
  public record Update(
      String id, Time time, String stateLabel, boolean addendum, boolean internal, @Nullable String ownTitle, Body body) {}

  /** A server a post affects. */
  public record ServerChip(String id, String href, String status) {}

  /** An incident, maintenance or notice. */
  public record Post(
      String id,
      String href,
      String title,
      String kind,
      String kindLabel,
      String state,
      String stateLabel,
      boolean open,
      String impact,
      Time created,
      Time updated,
      @Nullable Window window,
      ImmutableList<Update> updates,
      ImmutableList<ServerChip> servers,
      ImmutableList<Link> tags,
      ImmutableList<Link> categories,
      @Nullable String duration,
      @Nullable Update latest) {}

  /**
   * The front page: the servers by group, current incidents and maintenance, and the last days of
   * incidents; the full history is one click away ({@code history}).
   *
   * @param glance every server shown, in board order
   * @param groups the same servers by group: the servers with no group first, then each group
   * @param days the last {@code PageRenderer.PAST_DAYS} days, today first
   * @param history the link to the full history of posts
   * @param rule the accounting rule of the bars' figures ("Counted as: …") when they come from a
   *     host's history, else null
   */
  public record IndexPage(
      ImmutableList<ServerRow> glance,
      ImmutableList<Group> groups,
      ImmutableList<Post> openIncidents,
      ImmutableList<Post> activeMaintenance,
      ImmutableList<Post> upcomingMaintenance,
      ImmutableList<Day> days,
      String history,
      @Nullable String rule) {}

  /** One day's bar of the uptime chart. */
  public record Bar(int x, String day, String key, String text) {}

  /** An outage in the uptime window. */
  public record OutageView(String text) {}

  /**
   * A server's uptime over the last days.
   *
   * @param summary the percentage as a short sentence ("99.98% uptime")
   */
  public record Uptime(
      String heading,
      String label,
      ImmutableList<Bar> bars,
      int days,
      String from,
      String to,
      String percent,
      String summary,
      ImmutableList<OutageView> outages,
      @Nullable String rule) {}

  /**
   * A month of a server's uptime table.
   *
   * @param month the month as the page names it
   * @param iso the month as {@code 2026-11}
   * @param percent the figure ("99.958%") or "no data"
   */
  public record MonthRow(String month, String iso, String percent) {}

  /** A server's uptime month by month, with the accounting rule in force. */
  public record Monthly(String heading, String rule, ImmutableList<MonthRow> months) {}

  /** A failed check on the response-time chart. */
  public record Mark(String x, String text) {}

  /** A server's response-time chart (inline SVG); {@code empty} when there are too few checks. */
  public record Chart(
      String emptyText,
      String label,
      String summary,
      int checks,
      long failures,
      boolean empty,
      @Nullable String points,
      ImmutableList<Mark> failureMarks,
      int width,
      int height,
      long top,
      long half,
      long average,
      @Nullable String from,
      @Nullable String to) {}

  /** A server's page. */
  public record ServerPage(
      ServerRow server,
      Uptime uptime,
      @Nullable Monthly monthly,
      Chart chart,
      ImmutableList<Post> posts,
      @Nullable Vantages locations) {}

  /** The server's probe locations, each with its own verdict; absent for a server without any. */
  public record Vantages(ImmutableList<VantageView> items) {}

  /**
   * One probe location's verdict: "Frankfurt: down (tcp 127.0.0.2:25: refused)", "New York: stale
   * since 13:09 UTC"; key {@code up}, {@code degraded}, {@code down}, {@code unknown} or {@code
   * stale}.
   */
  public record VantageView(String name, String key, String text, @Nullable String detail, boolean last) {}

  /** A list of posts: an incident, an archive, a tag, a category, search results, not found. */
  public record ListPage(
      String heading,
      ImmutableList<Post> posts,
      @Nullable Pager pager,
      @Nullable String query,
      boolean nothingFound,
      boolean notFound) {}
}
