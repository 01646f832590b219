package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Command;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "No data" on the page, in the API and in the badges: never shown as up. */
class NoDataTest {
  private final ManualClock clock = ManualClock.at("2016-11-23T00:00:00Z");
  private StatusTracker tracker;
  private StatusSite site;

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(clock);
    tracker.addServer(Server.builder("NC041").name("Web server").build());
    site = StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example", 8080)).clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  @Test
  void aFreshServerIsNoDataOnThePageItsPageTheApiAndTheBadges() {
    clock.advance(Duration.ofHours(1));
    String server = site.handle(PageRequest.get("/servers/NC041/")).text();
    assertThat(server).contains("No data").doesNotContain(">Operational<").doesNotContain("100.00%").doesNotContain("NaN");
    String front = site.handle(PageRequest.get("/")).text();
    assertThat(front).contains("No data").doesNotContain(">Operational<");
    assertThat(site.handle(PageRequest.get("/api/v2/summary.json")).text())
        .contains("\"components\":[]")
        .contains("\"components_without_data\":[{\"id\":\"NC041\"")
        .doesNotContain("All Systems Operational");
    assertThat(site.handle(PageRequest.get("/api/v2/components.json")).text()).doesNotContain("\"operational\"");
  }

  @Test
  void anHourWithoutAMonitorIsLeftOutOfTheUptimeAndTheHeadingSaysSo() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    tracker.execute(
        new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), t0.plusMinutes(3), t0));
    // back five hours later, and down for half an hour of the hour after
    OffsetDateTime back = t0.plusHours(5);
    tracker.execute(
        new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), back.plusMinutes(3), back));
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.MAJOR_OUTAGE, null, back, null, null, back));
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, back.plusMinutes(30), null, null, back.plusMinutes(30)));
    // the monitor goes on reporting every minute up to the hour the page is read (a silent
    // monitor's time is no data too)
    for (int minute = 1; minute < 60; minute++) {
      OffsetDateTime at = back.plusMinutes(minute);
      tracker.execute(
          new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), at.plusMinutes(3), at));
    }
    clock.advance(Duration.ofHours(6));
    String server = site.handle(PageRequest.get("/servers/NC041/")).text();
    // 30 minutes down over the 1 hour with data, not over 6 hours
    assertThat(server).contains("Uptime, last 90 days: 50.00% (no data for 5 h, left out)");
  }

  @Test
  void aServerWhoseMonitorFellSilentIsNoDataOnceItsCoverageLapsedWithoutANewBoard() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    tracker.execute(
        new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), t0.plusMinutes(3), t0));
    long version = tracker.board().version();

    clock.advance(Duration.ofMinutes(2)); // the report still holds
    PageResponse before = site.handle(PageRequest.get("/"));
    assertThat(before.text()).contains("server-status status-operational").doesNotContain("monitor silent");
    assertThat(site.handle(PageRequest.get("/servers/NC041/")).text())
        .contains("<dd class=\"status-operational\">")
        .doesNotContain("monitor silent");
    assertThat(site.handle(PageRequest.get("/api/v2/summary.json")).text())
        .contains("\"status\":\"operational\"")
        .doesNotContain("components_without_data");

    // the monitor is gone: nothing writes, the board stays as it was, only the clock moves on
    clock.advance(Duration.ofMinutes(8));
    assertThat(tracker.board().version()).isEqualTo(version);
    PageResponse after = site.handle(PageRequest.get("/"));
    assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    assertThat(after.text())
        .contains("server-status status-unknown")
        .contains("monitor silent since 00:00 UTC")
        .doesNotContain("server-status status-operational");
    assertThat(site.handle(PageRequest.get("/servers/NC041/")).text())
        .contains("<dd class=\"status-unknown\">")
        .contains("No data <span class=\"declared\">(monitor silent since 00:00 UTC)</span>")
        .doesNotContain("<dd class=\"status-operational\">");
    assertThat(site.handle(PageRequest.get("/api/v2/summary.json")).text())
        .contains("\"components\":[]")
        .contains("\"components_without_data\":[{\"id\":\"NC041\"")
        .doesNotContain("\"operational\"")
        .doesNotContain("All Systems Operational");
    assertThat(site.handle(PageRequest.get("/badges/servers/NC041/status.svg")).text()).doesNotContain("operational");
  }

  @Test
  void aStatusAnIncidentDeclaresWinsOverTheSilenceOnThePageTheBadgeTheBannerAndTheApi() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    tracker.execute(
        new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), t0.plusMinutes(3), t0));
    tracker.execute(
        Command.OpenIncident.incident("NC041: Web server down")
            .impact(io.statuskit.core.Impact.NONE)
            .declaring("NC041", Status.MAJOR_OUTAGE)
            .at(t0.plusMinutes(1))
            .build());
    clock.advance(Duration.ofHours(1)); // the monitor's report lapsed at 00:03
    assertThat(site.handle(PageRequest.get("/servers/NC041/")).text())
        .contains("<dd class=\"status-major_outage\">")
        .contains("Major outage <span class=\"declared\">(declared by an incident · monitor silent since 00:01 UTC)</span>")
        .doesNotContain("status-unknown\"");
    assertThat(banner(site.handle(PageRequest.get("/")).text())).contains("Major System Outage");
    assertThat(site.handle(PageRequest.get("/badges/servers/NC041/status.svg")).text()).contains("major outage");
    assertThat(site.handle(PageRequest.get("/api/v2/summary.json")).text())
        .contains("\"status\":\"major_outage\"")
        .doesNotContain("components_without_data");
  }

  @Test
  void aServerNoMonitorEverCoveredKeepsItsDeclaredStatusForEver() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "manual", Status.OPERATIONAL, null, t0, null, null, t0));
    clock.advance(Duration.ofDays(30));
    assertThat(site.handle(PageRequest.get("/")).text())
        .contains("server-status status-operational")
        .doesNotContain("monitor silent");
    assertThat(site.handle(PageRequest.get("/api/v2/summary.json")).text()).doesNotContain("components_without_data");
  }

  @Test
  void germanPagesSayTheMonitorIsSilent() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    tracker.execute(
        new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), t0.plusMinutes(3), t0));
    StatusSite german =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("Example", 8080).withLocale(java.util.Locale.GERMAN))
            .clock(clock)
            .build();
    clock.advance(Duration.ofHours(1));
    assertThat(german.handle(PageRequest.get("/")).text()).contains("Keine Daten").contains("Monitor schweigt seit 00:00 UTC");
  }

  @Test
  void anHourWithoutAMonitorIsLeftOutOfTheDaysUptimeByDefaultAndCountedAsDownWhenThePageSaysSo() {
    // added at 00:00 and observed up at once; the monitor reports every minute, but not from 05:00
    // to 06:00; the page is read at 24:00
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    for (int minute = 0; minute < 24 * 60; minute++) {
      if (minute > 5 * 60 && minute < 6 * 60) {
        continue;
      }
      OffsetDateTime at = t0.plusMinutes(minute);
      tracker.execute(
          new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), at.plusMinutes(3), at));
      if (minute == 6 * 60) { // the restarted monitor's first round finds the server up
        tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, at, null, null, at));
      }
    }
    clock.advance(Duration.ofHours(24).minusMinutes(1));
    StatusSite countedDown =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("Example", 8080).withNoData(PageSettings.NoData.COUNTED_DOWN))
            .clock(clock)
            .build();
    // 23 h 59 min since the server was added, 1 h of it without data
    assertThat(site.handle(PageRequest.get("/servers/NC041/")).text())
        .contains("Uptime, last 90 days: 100.00% (no data for 1 h, left out)");
    assertThat(countedDown.handle(PageRequest.get("/servers/NC041/")).text())
        .contains(String.format(java.util.Locale.ROOT, "Uptime, last 90 days: %.2f%% (no data for 1 h, counted as down)", 100.0 * (1439 - 60) / 1439))
        .contains("95.83% up");
    assertThat(site.handle(PageRequest.get("/")).text()).contains("100.00% up").doesNotContain("95.83% up");
    // the badges follow the page's rule: the same figures over the last 24 hours
    assertThat(site.handle(PageRequest.get("/badges/servers/NC041/uptime-24h.svg")).text())
        .contains("NC041 24h: 100.00%")
        .doesNotContain("95.83%");
    assertThat(countedDown.handle(PageRequest.get("/badges/servers/NC041/uptime-24h.svg")).text())
        .contains("NC041 24h: 95.83%")
        .doesNotContain("100.00%");
  }

  @Test
  void theBannerNeverSaysOperationalWhenNoServerHasData() {
    clock.advance(Duration.ofMinutes(5));
    String front = site.handle(PageRequest.get("/")).text();
    assertThat(banner(front))
        .contains("indicator-nodata")
        .contains("No data: the monitor has not reported")
        .doesNotContain("Operational");
    StatusSite german =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(PageSettings.local("Example", 8080).withLocale(java.util.Locale.GERMAN))
            .clock(clock)
            .build();
    assertThat(banner(german.handle(PageRequest.get("/")).text()))
        .contains("Keine Daten: der Monitor hat nicht berichtet")
        .doesNotContain("betriebsbereit");
  }

  @Test
  void theBannerCountsOnlyTheServersThatReportAndSaysHowManyHaveNoData() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    for (String id : ImmutableList.of("NC027", "NC036", "NC045")) {
      tracker.addServer(Server.builder(id).build());
    }
    tracker.execute(new Command.ReportHealth("NC027", "monitor:NC027", Status.OPERATIONAL, null, t0, null, null, t0));
    clock.advance(Duration.ofMinutes(5));
    // NC041, NC036 and NC045 were never observed
    assertThat(banner(site.handle(PageRequest.get("/")).text()))
        .contains("indicator-none")
        .contains("All reporting systems operational · 3 without data")
        .doesNotContain("All Systems Operational");
    tracker.execute(new Command.ReportHealth("NC036", "monitor:NC036", Status.OPERATIONAL, null, t0, null, null, t0.plusMinutes(5)));
    tracker.execute(new Command.ReportHealth("NC045", "monitor:NC045", Status.OPERATIONAL, null, t0, null, null, t0.plusMinutes(5)));
    assertThat(banner(site.handle(PageRequest.get("/")).text())).contains("All reporting systems operational · 1 without data");
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0.plusMinutes(5)));
    assertThat(banner(site.handle(PageRequest.get("/")).text())).contains("All Systems Operational").doesNotContain("without data");
    // something worse than "operational" is reported as it is, whatever lacks data
    tracker.addServer(Server.builder("NC050").build());
    tracker.execute(new Command.ReportHealth("NC027", "monitor:NC027", Status.MAJOR_OUTAGE, null, t0.plusMinutes(5), null, null, t0.plusMinutes(5)));
    assertThat(banner(site.handle(PageRequest.get("/")).text())).contains("Major System Outage");
  }

  @Test
  void theBannerTurnsToNoDataWhenTheOnlyMonitorFallsSilent() {
    OffsetDateTime t0 = OffsetDateTime.of(2016, 11, 23, 0, 0, 0, 0, ZoneOffset.UTC);
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    tracker.execute(
        new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), t0.plusMinutes(3), t0));
    clock.advance(Duration.ofMinutes(2));
    assertThat(banner(site.handle(PageRequest.get("/")).text())).contains("All Systems Operational");
    clock.advance(Duration.ofMinutes(8));
    assertThat(banner(site.handle(PageRequest.get("/")).text()))
        .contains("No data: the monitor has not reported")
        .doesNotContain("Operational");
  }

  /** The overall banner's element. */
  private static String banner(String page) {
    int start = page.indexOf("<div class=\"banner");
    assertThat(start).as("the page has a banner").isNotNegative();
    return page.substring(start, page.indexOf("</div>", page.indexOf("</div>", start) + 1));
  }
}
