package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.NinerNetSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusSiteTest {
  private final ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
  private StatusTracker tracker;
  private StatusSite site;

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(clock);
    NinerNetSample.populate(tracker);
    site = StatusSite.builder().boards(tracker::board).settings(PageSettings.local("NinerNet", 8080)).clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  @Test
  void theSubscribeFormIsInTheSidebarOnlyWhenAsked() {
    assertThat(site.handle(PageRequest.get("/")).text()).doesNotContain("form class=\"subscribe\"");
    StatusSite withForm =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("NinerNet", 8080).withLocale(Locale.GERMAN))
            .clock(clock)
            .subscribeForm(true)
            .build();
    for (String path : new String[] {"/", "/servers/NC027/", "/history/"}) {
      String page = withForm.handle(PageRequest.get(path)).text();
      assertThat(page)
          .as(path)
          .contains(
              "<form class=\"subscribe\" action=\"/subscribe\" method=\"post\">",
              "<input id=\"subscribe-email\" type=\"email\" name=\"email\" required",
              "name=\"kind\" value=\"incident\" checked> St\u00f6rungen und Status\u00e4nderungen",
              "name=\"kind\" value=\"maintenance\" checked> Wartungen",
              "<a href=\"/subscribe\">Server ausw\u00e4hlen");
    }
  }

  @Test
  void aThousandRequestsOfOneDocumentRenderItOnce() {
    for (String path : new String[] {"/", "/history.atom", "/api/v2/summary.json", "/servers/NC027/"}) {
      long before = site.stats().renders();
      byte[] first = site.handle(PageRequest.get(path)).body();
      for (int i = 0; i < 1_000; i++) {
        PageResponse response = site.handle(PageRequest.get(path));
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).isSameAs(first);
      }
      assertThat(site.stats().renders() - before).as(path).isEqualTo(1);
    }
    assertThat(site.stats().hits()).isEqualTo(4 * 1_000);
  }

  @Test
  void aChangeToTheBoardGivesANewEtagAndTheNewDocumentOnTheNextRequest() {
    PageResponse before = site.handle(PageRequest.get("/history.rss"));

    tracker.openIncident(OpenIncident.incident("NC036: Mail server unreachable").body(Body.plain("Looking into it.")).build());
    PageResponse after = site.handle(PageRequest.get("/history.rss"));

    assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    assertThat(after.text()).contains("NC036: Mail server unreachable");
    assertThat(before.text()).doesNotContain("NC036: Mail server unreachable");
    assertThat(site.handle(PageRequest.get("/")).text()).contains("NC036: Mail server unreachable");
    assertThat(site.handle(PageRequest.get("/history.rss").withIfNoneMatch(before.header("ETag"))).status()).isEqualTo(200);
  }

  @Test
  void conditionalRequestsAreAnswered304WithoutRendering() {
    for (String path : new String[] {"/", "/history.json", "/maintenance.ics", "/api/v2/status.json", "/style.css"}) {
      PageResponse first = site.handle(PageRequest.get(path));
      long renders = site.stats().renders();

      PageResponse byTag = site.handle(PageRequest.get(path).withIfNoneMatch(first.header("ETag")));
      // A date is proof only once the second of the change is over (RFC 9110 8.8.2.2): a page
      // rendered this second carries this second as its date, and that date gets the page again.
      String during = first.header("Last-Modified");
      clock.advance(Duration.ofSeconds(1));
      String settled = site.handle(PageRequest.get(path)).header("Last-Modified");
      PageResponse byDate = site.handle(PageRequest.get(path).withIfModifiedSince(settled));
      PageResponse byList = site.handle(PageRequest.get(path).withIfNoneMatch("\"x\", W/" + first.header("ETag")));
      PageResponse other = site.handle(PageRequest.get(path).withIfNoneMatch("\"other\""));

      assertThat(byTag.status()).as(path).isEqualTo(304);
      assertThat(byTag.body()).isEmpty();
      assertThat(byTag.header("ETag")).isEqualTo(first.header("ETag"));
      assertThat(byDate.status()).as(path).isEqualTo(304);
      if (path.equals("/") || path.equals("/style.css")) { // rendered now: its date is this second
        assertThat(site.handle(PageRequest.get(path).withIfModifiedSince(during)).status()).as(path).isEqualTo(200);
      }
      assertThat(byList.status()).as(path).isEqualTo(304);
      assertThat(other.status()).as(path).isEqualTo(200);
      assertThat(site.stats().renders()).as(path).isEqualTo(renders);
    }
    assertThat(site.stats().notModified()).isEqualTo(15);
  }

  @Test
  void fromMemoryAnswersOnlyWhatIsRenderedAndNeverRenders() {
    for (String path : new String[] {"/", "/history.rss", "/api/v2/summary.json", "/servers/NC027/"}) {
      long renders = site.stats().renders();
      assertThat(site.handleFromMemory(PageRequest.get(path))).as(path).isEmpty();
      assertThat(site.stats().renders()).as(path).isEqualTo(renders);

      PageResponse rendered = site.handle(PageRequest.get(path));
      PageResponse fromMemory = site.handleFromMemory(PageRequest.get(path)).orElseThrow();
      PageResponse notModified =
          site.handleFromMemory(PageRequest.get(path).withIfNoneMatch(rendered.header("ETag"))).orElseThrow();
      PageResponse head = site.handleFromMemory(PageRequest.get(path).withMethod("HEAD")).orElseThrow();

      assertThat(fromMemory.status()).isEqualTo(200);
      assertThat(fromMemory.body()).as(path).isSameAs(rendered.body());
      assertThat(fromMemory.headers()).isEqualTo(rendered.headers());
      assertThat(notModified.status()).as(path).isEqualTo(304);
      assertThat(notModified.body()).isEmpty();
      assertThat(head.body()).isEmpty();
      assertThat(head.header("ETag")).isEqualTo(rendered.header("ETag"));
      assertThat(site.stats().renders()).as(path).isEqualTo(renders + 1);
    }
    // a path the site does not serve, and a new board version, need handle()
    assertThat(site.handleFromMemory(PageRequest.get("/no-such-page/"))).isEmpty();
    tracker.openIncident(OpenIncident.incident("NC036: Mail server unreachable").body(Body.plain("Looking into it.")).build());
    assertThat(site.handleFromMemory(PageRequest.get("/history.rss"))).isEmpty();
    assertThat(site.handle(PageRequest.get("/history.rss")).text()).contains("NC036: Mail server unreachable");
    // refused outright: no render needed
    assertThat(site.handleFromMemory(PageRequest.get("/").withMethod("POST")).orElseThrow().status()).isEqualTo(405);
  }

  @Test
  void gzipIsMadeOnceAndChosenByAcceptEncoding() throws IOException {
    PageResponse plain = site.handle(PageRequest.get("/history.atom"));
    PageResponse gzip = site.handle(PageRequest.get("/history.atom").withAcceptEncoding("br, gzip;q=0.8"));
    PageResponse refused = site.handle(PageRequest.get("/history.atom").withAcceptEncoding("gzip;q=0, identity"));

    assertThat(plain.header("Content-Encoding")).isNull();
    assertThat(plain.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gzip.header("Vary")).isEqualTo("Accept-Encoding");
    assertThat(gzip.header("ETag")).isNotEqualTo(plain.header("ETag"));
    assertThat(gzip.header("Content-Length")).isEqualTo(Integer.toString(gzip.body().length));
    assertThat(gzip.body().length).isLessThan(plain.body().length);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
    assertThat(refused.header("Content-Encoding")).isNull();
    assertThat(site.handle(PageRequest.get("/history.atom").withAcceptEncoding("gzip")).body()).isSameAs(gzip.body());
    assertThat(site.stats().renders()).isEqualTo(1);
    PageResponse gzip304 =
        site.handle(PageRequest.get("/history.atom").withAcceptEncoding("gzip").withIfNoneMatch(gzip.header("ETag")));
    assertThat(gzip304.status()).isEqualTo(304);
  }

  @Test
  void documentsOfOlderVersionsAreReleasedAndPagesRefreshAfterTheInterval() {
    site.handle(PageRequest.get("/"));
    clock.advance(Duration.ofSeconds(59));
    site.handle(PageRequest.get("/"));
    assertThat(site.stats().renders()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    site.handle(PageRequest.get("/"));
    assertThat(site.stats().renders()).isEqualTo(2);
  }

  @Test
  void headAnswersTheHeadersWithoutABodyAndOtherMethodsAre405() {
    PageResponse get = site.handle(PageRequest.get("/"));
    PageResponse head = site.handle(PageRequest.get("/").withMethod("HEAD"));
    PageResponse post = site.handle(PageRequest.get("/").withMethod("POST"));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
    assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void unknownPathsAre404WithOnePageRenderedPerVersion() {
    for (int i = 0; i < 100; i++) {
      PageResponse response = site.handle(PageRequest.get("/nothing/here/" + i));
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.text()).contains("Not found");
      assertThat(response.header("ETag")).isNull();
    }
    assertThat(site.handle(PageRequest.get("/servers/NOPE/")).status()).isEqualTo(404);
    assertThat(site.handle(PageRequest.get("/archive/2099-01/")).status()).isEqualTo(404);
    assertThat(site.handle(PageRequest.get("/bad%zzpath")).status()).isEqualTo(400);
    assertThat(site.stats().renders()).isEqualTo(1);
  }

  @Test
  void searchEscapesWhatItIsGivenAndEachQueryIsCachedOnItsOwn() {
    PageResponse spam = site.handle(PageRequest.get("/search?q=spammer"));
    PageResponse script = site.handle(PageRequest.get("/search?q=%3Cscript%3E"));
    site.handle(PageRequest.get("/search?q=spammer"));

    assertThat(spam.text()).contains("NC027: Mail server shut down");
    assertThat(script.text()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(script.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(site.stats().renders()).isEqualTo(2);
  }

  @Test
  void theSiteListsEveryPathItServes() {
    for (String path : site.paths()) {
      PageResponse response = site.handle(PageRequest.get("/" + path));
      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.header("Content-Type")).as(path).isNotNull();
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).isNotEmpty();
    }
  }

  @Test
  void theTwoAudiencesNeverShareADocumentAndThePublicCanBeSparedInternalServers() {
    StatusSite hiding =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("NinerNet", 8080))
            .clock(clock)
            .hideInternalServers(true)
            .build();

    PageResponse publicFront = hiding.handle(PageRequest.get("/"));
    PageResponse internalFront = hiding.handle(PageRequest.get("/").withAudience(Audience.INTERNAL));
    PageResponse publicAgain = hiding.handle(PageRequest.get("/").withAcceptEncoding("gzip"));

    assertThat(publicFront.text()).contains("server-NC036").doesNotContain("server-NC023", "/servers/NC023/\"");
    assertThat(internalFront.text()).contains("server-NC036", "server-NC023");
    assertThat(internalFront.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(publicFront.header("Cache-Control")).isEqualTo("no-cache");
    assertThat(hiding.stats().renders()).isEqualTo(2);
    assertThat(publicAgain.header("ETag")).isNotEqualTo(internalFront.header("ETag"));
    assertThat(hiding.handle(PageRequest.get("/servers/NC023/")).status()).isEqualTo(404);
    assertThat(hiding.handle(PageRequest.get("/servers/NC023/").withAudience(Audience.INTERNAL)).status()).isEqualTo(200);
    assertThat(hiding.handle(PageRequest.get("/badges/servers/NC023/status.svg")).status()).isEqualTo(404);
    assertThat(hiding.paths()).doesNotContain("servers/NC023/", "badges/servers/NC023/status.svg").contains("servers/NC036/");
    assertThat(hiding.handle(PageRequest.get("/servers/NC023/history.rss")).status()).isEqualTo(404);
    assertThat(hiding.handle(PageRequest.get("/servers/NC023/history.rss").withAudience(Audience.INTERNAL)).status())
        .isEqualTo(200);
    assertThat(hiding.paths()).noneMatch(path -> path.startsWith("servers/NC023/"));
    for (String path : hiding.paths()) {
      if (!path.endsWith(".rss") && !path.endsWith(".atom") && !path.endsWith(".json") && !path.endsWith(".ics")) {
        assertThat(hiding.handle(PageRequest.get("/" + path)).text()).as(path).doesNotContain("id=\"server-NC023\"");
      }
    }

    assertThat(site.handle(PageRequest.get("/")).text()).contains("server-NC023");
    long renders = site.stats().renders();
    site.handle(PageRequest.get("/").withAudience(Audience.INTERNAL));
    assertThat(site.stats().renders()).isEqualTo(renders + 1);
  }

  @Test
  void internalNotesAreShownToTheInternalAudienceOnlyAndNeverInFeedsOrTheApi() {
    String note = "Root cause for staff: a full queue disk";
    String id = tracker.board().incidents().get(0).id();
    site.handle(PageRequest.get("/incidents/" + id + "/")); // a public document of the old version is cached
    tracker.addNote(id, Body.plain(note));

    PageResponse internal = site.handle(PageRequest.get("/incidents/" + id + "/").withAudience(Audience.INTERNAL));
    assertThat(internal.text()).contains(note, "Internal note (staff only)", "internal-note");
    // The front page shows the last 14 days only; the full posts of every day are on /history/.
    assertThat(site.handle(PageRequest.get("/history/").withAudience(Audience.INTERNAL)).text()).contains(note);
    assertThat(site.handle(PageRequest.get("/search?q=queue+disk").withAudience(Audience.INTERNAL)).text()).contains(note);

    assertThat(site.paths()).isNotEmpty();
    for (String path : site.paths()) {
      if (path.equals("style.css")) {
        continue; // it styles notes; it holds none
      }
      for (PageRequest request : java.util.List.of(PageRequest.get("/" + path), PageRequest.get("/" + path).withAudience(Audience.INTERNAL))) {
        boolean page = !path.endsWith(".rss") && !path.endsWith(".atom") && !path.endsWith(".json") && !path.endsWith(".ics")
            && !path.endsWith(".svg") && !path.endsWith(".css");
        if (request.audience() == Audience.INTERNAL && page) {
          continue; // staff pages may show it
        }
        PageResponse answer = site.handle(request);
        assertThat(answer.status()).as(path).isEqualTo(200);
        assertThat(answer.text()).as("%s for %s", path, request.audience()).doesNotContain(note, "internal-note");
      }
    }
    PageResponse search = site.handle(PageRequest.get("/search?q=queue+disk"));
    assertThat(search.text()).doesNotContain(note);
  }

  @Test
  void thePageSpeaksTheLanguageOfItsSettingsDatesAndDurationsIncluded() {
    StatusSite german =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("NinerNet", 8080).withLocale(Locale.GERMAN))
            .clock(clock)
            .build();

    String front = german.handle(PageRequest.get("/")).text();
    String server = german.handle(PageRequest.get("/servers/NC036/")).text();
    String archive = german.handle(PageRequest.get("/archive/2016-11/")).text();
    String history = german.handle(PageRequest.get("/history/")).text();

    assertThat(front)
        .contains("<html lang=\"de\">", "Systeme auf einen Blick", "Betriebsbereit", "Neueste Beiträge", "Abonnieren")
        .contains("31. Januar 2022, 00:00 UTC", "Vergangene Störungen", "Keine Störungen gemeldet.", "100.00% verfügbar")
        .contains("Verlauf, Archiv, Schlagwörter und Suche")
        .doesNotContain("Systems at a Glance", "Recent posts", "lasted", "Past incidents", "No incidents reported", "uptime");
    assertThat(history).contains("Verlauf aller Beiträge", "Dauer 17 Min.", "Behoben").doesNotContain("lasted");
    assertThat(server).contains("Verfügbarkeit der letzten 90 Tage", "Antwortzeit", "Beiträge zu diesem Server");
    assertThat(archive).contains("Archiv: November 2016", "23. November 2016");
    assertThat(german.handle(PageRequest.get("/nothing")).text()).contains("Diese Seite gibt es nicht.");
    assertThat(site.handle(PageRequest.get("/")).text()).contains("<html lang=\"en\">", "Systems at a Glance", "Past incidents");
    assertThat(site.handle(PageRequest.get("/history/")).text()).contains("Incident history", "lasted 17 min");
  }

  @Test
  void outagesAreDescribedInThePagesLanguage() {
    ManualClock clock = ManualClock.at("2016-11-24T12:00:00Z");
    StatusSite german =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("NinerNet", 8080).withLocale(Locale.GERMAN))
            .clock(clock)
            .build();
    StatusSite english =
        StatusSite.builder().boards(tracker::board).settings(PageSettings.local("NinerNet", 8080)).clock(clock).build();

    assertThat(german.handle(PageRequest.get("/servers/NC027/")).text()).contains("ausgefallen für 8 Min. zwischen 07:09 und 07:17 UTC");
    assertThat(english.handle(PageRequest.get("/servers/NC027/")).text()).contains("down for eight minutes between 07:09 and 07:17 UTC");
  }
}
