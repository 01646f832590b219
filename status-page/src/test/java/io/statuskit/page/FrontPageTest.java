package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The front page laid out like the status pages people know: servers by group with their uptime
 * bars, current incidents, the last fourteen days day by day; a declared status beside a live
 * probe; short outages.
 */
class FrontPageTest {
  private final ManualClock clock = ManualClock.at("2026-12-06T12:00:00Z");
  private StatusTracker tracker;

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(clock);
    clock.set("2026-10-01T00:00:00Z");
    tracker.addServer(Server.builder("web1").name("Web one").role("Web server").build());
    tracker.addServer(Server.builder("mx1").name("Mail one").group("Mail").build());
    tracker.addServer(Server.builder("mx2").name("Mail two").group("Mail").build());
    tracker.addServer(Server.builder("dns1").name("DNS one").group("Name servers").build());
    for (String id : new String[] {"web1", "mx1", "mx2", "dns1"}) {
      tracker.observe(id, Status.OPERATIONAL);
    }
    clock.set("2026-12-06T12:00:00Z");
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  private StatusSite site(PingSource pings, Locale locale) {
    return StatusSite.builder()
        .boards(tracker::board)
        .settings(PageSettings.local("Example", 8080).withLocale(locale))
        .pings(pings)
        .clock(clock)
        .build();
  }

  private String front() {
    return site(PingSource.none(), Locale.ENGLISH).handle(PageRequest.get("/")).text();
  }

  /** The HTML of the element that starts with {@code start} up to the end tag {@code end}. */
  private static String element(String html, String start, String end) {
    int from = html.indexOf(start);
    assertThat(from).as("element %s", start).isNotNegative();
    return html.substring(from, html.indexOf(end, from) + end.length());
  }

  @Test
  void serversAreListedByGroupEachGroupCollapsibleWithoutJavaScriptAndShowingItsWorstStatus() {
    tracker.observe("mx2", Status.PARTIAL_OUTAGE);
    String html = front();

    assertThat(html).contains("<h1 class=\"brand\">").doesNotContain("<script");
    String ungrouped = element(html, "<ul class=\"servers\" id=\"servers\">", "</ul>");
    assertThat(ungrouped).contains("id=\"server-web1\"").doesNotContain("server-mx1", "server-dns1");
    String mail = element(html, "<details class=\"group\" id=\"group-mail\" open>", "</details>");
    assertThat(mail)
        .contains("<span class=\"group-name\">Mail</span>", "2 systems", "id=\"server-mx1\"", "id=\"server-mx2\"")
        .doesNotContain("server-web1", "server-dns1");
    assertThat(element(mail, "<summary>", "</summary>")).contains("status-partial_outage", "Partial outage");
    String names = element(html, "<details class=\"group\" id=\"group-name-servers\" open>", "</details>");
    assertThat(element(names, "<summary>", "</summary>")).contains("status-operational", "1 system<");
    assertThat(html.indexOf("group-mail")).isLessThan(html.indexOf("group-name-servers"));
  }

  @Test
  void withHideInternalServersThePublicFrontPageListsNoInternalServerNorAGroupOfThemOnly() {
    tracker.addServer(Server.builder("relay").name("Relay").group("Internal relays").internal().build());
    tracker.addServer(Server.builder("mon").name("Monitor").group("Mail").internal().build());
    StatusSite site =
        StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example", 8080)).clock(clock).hideInternalServers(true).build();

    String publicPage = site.handle(PageRequest.get("/")).text();
    String staffPage = site.handle(PageRequest.get("/").withAudience(Audience.INTERNAL)).text();

    assertThat(publicPage).doesNotContain("server-relay", "server-mon", "Internal relays", ">Internal<");
    assertThat(element(publicPage, "id=\"group-mail\"", "</details>")).contains("2 systems");
    assertThat(staffPage).contains("id=\"server-relay\"", "id=\"server-mon\"", "Internal relays", ">Internal<");
    assertThat(element(staffPage, "id=\"group-mail\"", "</details>")).contains("3 systems");
    StatusSite shown = site(PingSource.none(), Locale.ENGLISH);
    assertThat(shown.handle(PageRequest.get("/")).text()).contains("id=\"server-relay\"", "<span class=\"badge internal\">Internal</span>");
  }

  @Test
  void everyServerHasANinetyDayUptimeBarWithADayPerSegment() {
    clock.set("2026-12-06T12:00:00Z");
    tracker.observe("mx1", Status.MAJOR_OUTAGE);
    clock.advance(Duration.ofHours(6));
    tracker.observe("mx1", Status.OPERATIONAL);
    String html = front();

    for (String id : new String[] {"web1", "mx1", "mx2", "dns1"}) {
      String card = element(html, "id=\"server-" + id + "\"", "</li>");
      Matcher bars = Pattern.compile("<rect class=\"bar bar-([a-z_]+)\"").matcher(card);
      int count = 0;
      String last = "";
      while (bars.find()) {
        count++;
        last = bars.group(1);
      }
      assertThat(count).as(id).isEqualTo(90);
      assertThat(last).as(id + " today").isEqualTo(id.equals("mx1") ? "major_outage" : "operational");
    }
    // Bars before the server existed say so; the day of the outage says how much of it was up.
    assertThat(element(html, "id=\"server-web1\"", "</li>")).contains("bar bar-nodata", "6 Dec 2026: 100.00% up");
    assertThat(element(html, "id=\"server-mx1\"", "</li>")).contains("6 Dec 2026: 66.67% up, worst: major outage");
  }

  @Test
  void pastIncidentsListTheLastFourteenDaysDayByDayAndSayWhenADayWasQuiet() {
    clock.set("2026-11-01T09:00:00Z");
    tracker.openIncident(OpenIncident.incident("Too old for the front page").body(Body.plain("Long ago.")).build());
    clock.set("2026-12-03T09:00:00Z");
    var mail = tracker.openIncident(OpenIncident.incident("Mail delayed").affecting("mx1", Status.DEGRADED_PERFORMANCE).body(Body.plain("Looking.")).build());
    clock.set("2026-12-03T09:30:00Z");
    tracker.resolve(mail.id(), Body.plain("Delivered the queue."));
    clock.set("2026-12-06T11:00:00Z");
    tracker.openIncident(OpenIncident.incident("Web slow").affecting("web1", Status.DEGRADED_PERFORMANCE).body(Body.plain("Investigating.")).build());
    clock.set("2026-12-06T12:00:00Z");
    String html = front();
    String past = element(html, "<section id=\"past\">", "</section>");

    Matcher days = Pattern.compile("<div class=\"day\" id=\"day-(\\d{4}-\\d\\d-\\d\\d)\">").matcher(past);
    ImmutableList.Builder<String> ids = ImmutableList.builder();
    while (days.find()) {
      ids.add(days.group(1));
    }
    assertThat(ids.build()).hasSize(14).startsWith("2026-12-06", "2026-12-05").endsWith("2026-11-23");
    assertThat(element(past, "id=\"day-2026-12-06\"", "</div>\n")).contains("Web slow", "Investigating.");
    assertThat(element(past, "id=\"day-2026-12-03\"", "</div>\n"))
        .contains("Mail delayed", "Resolved", "Delivered the queue.", "lasted 30 min")
        .doesNotContain("No incidents reported.");
    assertThat(element(past, "id=\"day-2026-12-05\"", "</div>\n")).contains("No incidents reported.");
    assertThat(past.split("No incidents reported\\.", -1).length - 1).isEqualTo(12);
    assertThat(past).doesNotContain("Too old for the front page").contains("href=\"/history/\"");
    // The full history, blog-like, is one click away and pages as the front page used to.
    String history = site(PingSource.none(), Locale.ENGLISH).handle(PageRequest.get("/history/")).text();
    assertThat(history).contains("Incident history", "Too old for the front page", "Mail delayed", "Web slow");
    assertThat(html).contains("Web slow").contains("<section id=\"current\">");
  }

  @Test
  void aStatusAnIncidentDeclaresIsToldApartFromWhatTheProbeSees() {
    PingSource answering = pings(new Ping(clock.instant(), Status.OPERATIONAL, Duration.ofMillis(13), null));
    tracker.openIncident(OpenIncident.incident("Mail down").declaring("mx1", Status.MAJOR_OUTAGE).body(Body.plain("Down.")).build());
    StatusSite site = site(answering, Locale.ENGLISH);
    String card = element(site.handle(PageRequest.get("/")).text(), "id=\"server-mx1\"", "</li>");
    String other = element(site.handle(PageRequest.get("/")).text(), "id=\"server-mx2\"", "</li>");
    String page = site.handle(PageRequest.get("/servers/mx1/")).text();

    assertThat(card)
        .contains("Major outage", "declared by an incident", "class=\"ping ping-probe\"", "Probe: answering 13 ms")
        .doesNotContain("ping-up", ">Up 13 ms<");
    assertThat(other).contains("class=\"ping ping-up\"", ">Up 13 ms<").doesNotContain("declared");
    assertThat(page).contains("Major outage <span class=\"declared\">(declared by an incident)</span>", "Probe: answering 13 ms");
    String german = site(answering, Locale.GERMAN).handle(PageRequest.get("/")).text();
    assertThat(element(german, "id=\"server-mx1\"", "</li>"))
        .contains("Schwerer Ausfall", "durch eine Störungsmeldung festgelegt", "Prüfung: antwortet 13 ms");
  }

  @Test
  void anOutageWithinOneMinuteReadsAtThatMinuteInBothLanguages() {
    clock.set("2026-12-06T13:09:10Z");
    tracker.observe("web1", Status.MAJOR_OUTAGE);
    clock.set("2026-12-06T13:09:17Z");
    tracker.observe("web1", Status.OPERATIONAL);
    clock.set("2026-12-06T14:00:00Z");

    assertThat(site(PingSource.none(), Locale.ENGLISH).handle(PageRequest.get("/servers/web1/")).text())
        .contains("down for seven seconds at 13:09 UTC")
        .doesNotContain("between 13:09 and 13:09");
    assertThat(site(PingSource.none(), Locale.GERMAN).handle(PageRequest.get("/servers/web1/")).text())
        .contains("ausgefallen für 7 s um 13:09 UTC")
        .doesNotContain("zwischen 13:09 und 13:09");
  }

  @Test
  void theFrontPageIsRenderedOncePerVersionAndAgainWhenAProbeAnswers() {
    long[] version = {1};
    Ping[] latest = {new Ping(clock.instant(), Status.OPERATIONAL, Duration.ofMillis(13), null)};
    PingSource pings =
        new PingSource() {
          @Override
          public Optional<Ping> latest(String serverId) {
            return Optional.of(latest[0]);
          }

          @Override
          public ImmutableList<Ping> history(String serverId) {
            return ImmutableList.of(latest[0]);
          }

          @Override
          public long version() {
            return version[0];
          }
        };
    StatusSite site = site(pings, Locale.ENGLISH);
    byte[] first = site.handle(PageRequest.get("/")).body();
    for (int i = 0; i < 100; i++) {
      assertThat(site.handle(PageRequest.get("/")).body()).isSameAs(first);
    }
    assertThat(site.stats().renders()).isEqualTo(1);
    latest[0] = new Ping(clock.instant(), Status.OPERATIONAL, Duration.ofMillis(27), null);
    version[0]++;
    assertThat(site.handle(PageRequest.get("/")).text()).contains("Up 27 ms");
    assertThat(site.stats().renders()).isEqualTo(2);
  }

  private static PingSource pings(Ping ping) {
    return new PingSource() {
      @Override
      public Optional<Ping> latest(String serverId) {
        return Optional.of(ping);
      }

      @Override
      public ImmutableList<Ping> history(String serverId) {
        return ImmutableList.of(ping);
      }
    };
  }
}
