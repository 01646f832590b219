package io.statuskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Indicator;
import io.statuskit.core.Outage;
import io.statuskit.core.Retirement;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Tag;
import io.statuskit.core.Visibility;
import io.statuskit.testkit.NinerNetSample.Post;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NinerNetSampleTest {
  private static final StatusBoard BOARD = NinerNetSample.board();

  /** The seed's tag cloud, as printed under "Tags:". */
  private static final Set<String> SEED_TAG_CLOUD =
      Set.of(
          ".co.zm domains", ".com.zm domains", ".zam.co domains", "back-up", "bounce messages",
          "browser warnings", "connection issues", "control panel", "database", "dns", "dos attack",
          "dot-zm domains", "down time", "email", "email delivery", "error messages", "ftp",
          "hardware", "imap", "mail", "mailing lists", "mail relay", "mail server", "microsoft",
          "migration", "nameservers", "network", "networking", "performance", "php", "phplist",
          "pop", "reboot", "shaw", "shaw communications inc.", "smtp", "spam", "spamassassin",
          "ssl", "ssl certificate", "tls", "tls certificate", "viruses", "webmail", "web server");

  @Test
  void glanceTableShowsTheSeedsTenServersInItsOrder() {
    assertThat(BOARD.glance())
        .extracting(
            ServerStatus::id,
            s -> String.valueOf(s.server().location()),
            s -> s.server().role(),
            s -> s.server().visibility(),
            ServerStatus::status)
        .containsExactly(
            tuple("NC023", "London, United Kingdom", "Relay server", Visibility.INTERNAL, Status.OPERATIONAL),
            tuple("NC028", "Vancouver, Canada", "Monitoring server", Visibility.INTERNAL, Status.OPERATIONAL),
            tuple("NC031", "New York, United States of America", "Web server", Visibility.INTERNAL, Status.OPERATIONAL),
            tuple("NC033", "Toronto, Canada", "Primary nameserver", Visibility.PUBLIC, Status.OPERATIONAL),
            tuple("NC034", "Lusaka, Zambia", "Phone server", Visibility.INTERNAL, Status.OPERATIONAL),
            tuple("NC035", "Sydney, Australia", "Secondary nameserver", Visibility.PUBLIC, Status.OPERATIONAL),
            tuple("NC036", "Amsterdam, Netherlands", "Mail server", Visibility.PUBLIC, Status.OPERATIONAL),
            tuple("NC040", "Toronto, Canada", "Web server", Visibility.INTERNAL, Status.OPERATIONAL),
            tuple("NC041", "New York, United States of America", "Web server", Visibility.PUBLIC, Status.OPERATIONAL),
            tuple("NC042", "Seattle, United States of America", "Status website", Visibility.PUBLIC, Status.OPERATIONAL));
    assertThat(BOARD.glance()).extracting(ServerStatus::id).containsExactlyElementsOf(NinerNetSample.GLANCE);
    assertThat(BOARD.server("NC023").orElseThrow().location())
        .satisfies(l -> assertThat(l.countryCode()).isEqualTo("GB"));
    assertThat(BOARD.server("NC042").orElseThrow().location())
        .satisfies(l -> assertThat(l.countryCode()).isEqualTo("US"));
    assertThat(BOARD.indicator()).isEqualTo(Indicator.NONE);
  }

  @Test
  void serversSeenOnlyInPostsAreRetiredByTheEnd() {
    assertThat(BOARD.servers()).hasSize(13);
    assertThat(BOARD.server("NC018").orElseThrow().retirement())
        .isEqualTo(new Retirement(NinerNetSample.NC018_RETIRED, "NC026"));
    assertThat(BOARD.server("NC026").orElseThrow().retirement())
        .isEqualTo(new Retirement(NinerNetSample.CAPTURED, null));
    assertThat(BOARD.server("NC027").orElseThrow().retirement())
        .isEqualTo(new Retirement(NinerNetSample.CAPTURED, null));
    assertThat(BOARD.server("NC027").orElseThrow().role()).isEqualTo("Mail server");
    assertThat(BOARD.updatedAt()).contains(NinerNetSample.CAPTURED);
  }

  @Test
  void postsAreListedNewestFirstWithTheSeedsExactTimes() {
    assertThat(NinerNetSample.postsOf(BOARD))
        .extracting(Post::title, Post::time)
        .containsExactly(
            tuple("NC027: Mail server back online", at("2016-11-23T07:28:27Z")),
            tuple("NC027: Mail server shut down", at("2016-11-23T07:11:41Z")),
            tuple("NC023: Spam cleaned up", at("2014-01-26T15:45:01Z")),
            tuple("NC023: Relay server stopped to clean up spam", at("2014-01-26T13:28:29Z")),
            tuple("Email migration: Update 14", at("2013-10-29T08:57:36Z")),
            tuple("Email migration: Update 13", at("2013-10-16T10:09:43Z")),
            tuple("Spam defences on server NC018", at("2013-06-09T10:58:16Z")),
            tuple("Spam defences on server NC018", at("2013-05-20T06:43:46Z")),
            tuple("Spam defences on server NC018", at("2013-05-18T02:46:22Z")),
            tuple("Server NC018 replacement: Update 6", at("2013-05-03T07:11:33Z")));
    assertThat(NinerNetSample.postsOf(BOARD).get(0).time().getOffset()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void outagesAreIncidentsResolvedByTheirSecondPostAndTheRestAreNotices() {
    assertThat(BOARD.incidents())
        .extracting(Incident::id, Incident::kind, Incident::state, i -> i.updates().size())
        .containsExactly(
            tuple(NinerNetSample.NC027_SHUT_DOWN, IncidentKind.INCIDENT, IncidentState.RESOLVED, 2),
            tuple(NinerNetSample.NC023_SPAM, IncidentKind.INCIDENT, IncidentState.RESOLVED, 2),
            tuple(NinerNetSample.EMAIL_MIGRATION_14, IncidentKind.NOTICE, IncidentState.POSTED, 1),
            tuple(NinerNetSample.EMAIL_MIGRATION_13, IncidentKind.NOTICE, IncidentState.POSTED, 2),
            tuple(NinerNetSample.NC018_SPAM_DEFENCES_JUNE_9, IncidentKind.NOTICE, IncidentState.POSTED, 1),
            tuple(NinerNetSample.NC018_SPAM_DEFENCES_MAY_20, IncidentKind.NOTICE, IncidentState.POSTED, 1),
            tuple(NinerNetSample.NC018_SPAM_DEFENCES_MAY_18, IncidentKind.NOTICE, IncidentState.POSTED, 1),
            tuple(NinerNetSample.NC018_REPLACEMENT_6, IncidentKind.NOTICE, IncidentState.POSTED, 1));
    Incident nc027 = BOARD.incident(NinerNetSample.NC027_SHUT_DOWN).orElseThrow();
    assertThat(nc027.duration()).contains(Duration.ofMinutes(16).plusSeconds(46));
    assertThat(nc027.affected()).containsExactly(Map.entry("NC027", Status.MAJOR_OUTAGE));
    assertThat(nc027.updates().get(1).title()).isEqualTo("NC027: Mail server back online");
    assertThat(nc027.updates().get(1).body().text())
        .startsWith("The mail server (NC027) has been restarted")
        .contains("It was down for eight minutes between 07:09 and 07:17 UTC.");
    assertThat(BOARD.incident(NinerNetSample.NC023_SPAM).orElseThrow().duration())
        .contains(Duration.ofHours(2).plusMinutes(16).plusSeconds(32));
    assertThat(BOARD.openIncidents()).isEmpty();
  }

  @Test
  void update13CarriesTheAddendumOf2022WithoutReopening() {
    Incident update13 = BOARD.incident(NinerNetSample.EMAIL_MIGRATION_13).orElseThrow();

    IncidentUpdate addendum = update13.latestUpdate();
    assertThat(addendum.addendum()).isTrue();
    assertThat(addendum.instant()).isEqualTo(Instant.parse("2022-01-24T12:00:00Z"));
    assertThat(addendum.body().text())
        .startsWith("Update, 2022-01-24: The information above applies to any domain")
        .contains("450 4.7.1 <mailserver.mydomain.com>: Helo command rejected: Host not found");
    assertThat(update13.state()).isEqualTo(IncidentState.POSTED);
    assertThat(update13.closedAt()).contains(at("2013-10-16T10:09:43Z"));
  }

  @Test
  void nc027WasDownForEightMinutesAndNc023WhileItsIncidentWasOpen() {
    assertThat(BOARD.timeline("NC027").outages())
        .extracting(o -> o.describe(ZoneOffset.UTC))
        .containsExactly("down for eight minutes between 07:09 and 07:17 UTC");
    assertThat(BOARD.timeline("NC023").outages())
        .extracting(o -> o.describe(ZoneOffset.UTC))
        .containsExactly("down for two hours and seventeen minutes between 13:28 and 15:45 UTC");
    Outage nc023 = BOARD.timeline("NC023").outages().get(0);
    assertThat(nc023.start()).isEqualTo(Instant.parse("2014-01-26T13:28:29Z"));
    assertThat(nc023.end()).isEqualTo(Instant.parse("2014-01-26T15:45:01Z"));
    for (String id : NinerNetSample.GLANCE) {
      if (!id.equals("NC023")) {
        assertThat(BOARD.timeline(id).outages()).as("outages of %s", id).isEmpty();
      }
    }
    Instant day = Instant.parse("2016-11-23T00:00:00Z");
    assertThat(BOARD.timeline("NC027").downtime(day, day.plus(Duration.ofDays(1))))
        .isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void tagsComeFromTheSeedsTagCloud() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    BOARD.tags().forEach((tag, count) -> counts.put(tag.label(), count));

    assertThat(counts.keySet()).isSubsetOf(SEED_TAG_CLOUD);
    assertThat(counts)
        .containsOnly(
            Map.entry("bounce messages", 1),
            Map.entry("down time", 2),
            Map.entry("email", 3),
            Map.entry("email delivery", 2),
            Map.entry("error messages", 1),
            Map.entry("hardware", 1),
            Map.entry("mail relay", 2),
            Map.entry("mail server", 4),
            Map.entry("microsoft", 2),
            Map.entry("migration", 3),
            Map.entry("performance", 3),
            Map.entry("smtp", 1),
            Map.entry("spam", 7),
            Map.entry("tls", 1),
            Map.entry("viruses", 1),
            Map.entry("web server", 1));
    assertThat(titles(IncidentQuery.builder().tag(Tag.of("down time")).build()))
        .containsExactly("NC027: Mail server shut down", "NC023: Relay server stopped to clean up spam");
    assertThat(BOARD.categories().keySet())
        .extracting(Category::label)
        .containsExactly("Email migration", "Outages", "Server replacement", "Spam defences");
  }

  @Test
  void monthlyArchiveHasTheMonthsOfThePosts() {
    assertThat(BOARD.months(ZoneOffset.UTC))
        .containsExactly(
            Map.entry(YearMonth.of(2016, 11), 1),
            Map.entry(YearMonth.of(2014, 1), 1),
            Map.entry(YearMonth.of(2013, 10), 2),
            Map.entry(YearMonth.of(2013, 6), 1),
            Map.entry(YearMonth.of(2013, 5), 3));
  }

  @Test
  void textSearchFindsThePostsThatSayIt() {
    // Every post of the seed mentions spam somewhere: titles, "spammer", "anti-spam", "much spam".
    assertThat(titles(text("spam"))).hasSize(8);
    assertThat(titles(IncidentQuery.builder().text("spam").kind(IncidentKind.INCIDENT).build()))
        .containsExactly("NC027: Mail server shut down", "NC023: Relay server stopped to clean up spam");
    assertThat(titles(text("SPAMMER"))).containsExactly("NC027: Mail server shut down");
    assertThat(titles(text("Outlook 2003"))).containsExactly("Email migration: Update 14");
    assertThat(titles(text("Host not found"))).containsExactly("Email migration: Update 13");
    assertThat(titles(text("relay server")))
        .containsExactly("NC023: Relay server stopped to clean up spam", "Email migration: Update 13");
    assertThat(titles(text("back online"))).containsExactly("NC027: Mail server shut down", "NC023: Relay server stopped to clean up spam");
    assertThat(titles(text("nothing like this"))).isEmpty();
    assertThat(titles(IncidentQuery.builder().server("NC018").build()))
        .containsExactly(
            "Spam defences on server NC018",
            "Spam defences on server NC018",
            "Spam defences on server NC018",
            "Server NC018 replacement: Update 6");
  }

  @Test
  void eventsReplayToTheSameBoardAsATrackerBuildsFromTheCommands() {
    ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      NinerNetSample.populate(tracker);

      assertThat(tracker.board()).isEqualTo(BOARD);
    }
    ImmutableList<io.statuskit.core.StatusEvent> events = NinerNetSample.events();
    assertThat(events).hasSize(NinerNetSample.commands().size());
    assertThat(events.get(events.size() - 1).sequence()).isEqualTo(BOARD.version());
    assertThat(NinerNetSample.commands()).allSatisfy(c -> assertThat(c.at()).isNotNull());
  }

  private static IncidentQuery text(String text) {
    return IncidentQuery.builder().text(text).build();
  }

  private static java.util.List<String> titles(IncidentQuery query) {
    return BOARD.stream(query).map(Incident::title).collect(Collectors.toList());
  }

  private static OffsetDateTime at(String iso) {
    return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
  }
}
