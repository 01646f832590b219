package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.NinerNetSample;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadgesTest {
  private final ManualClock clock = ManualClock.at(NinerNetSample.CAPTURED);
  private StatusTracker tracker;
  private StatusSite site;

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(clock);
    tracker.addServer(Server.builder("MX1").name("Mail one").group("Mail servers").build());
    tracker.addServer(Server.builder("MX2").name("Mail two").group("Mail servers").build());
    tracker.observe("MX1", Status.OPERATIONAL);
    tracker.observe("MX2", Status.OPERATIONAL);
    site = StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example", 8080)).clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  @Test
  void aServersStatusBadgeIsWellFormedSvgNamingTheStatus() throws Exception {
    PageResponse badge = site.handle(PageRequest.get("/badges/servers/MX1/status.svg"));

    assertThat(badge.status()).isEqualTo(200);
    assertThat(badge.header("Content-Type")).isEqualTo("image/svg+xml; charset=utf-8");
    assertThat(badge.header("ETag")).isNotNull();
    assertThat(badge.text()).contains(">MX1</text>", ">operational</text>", "#4c1");
    assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(badge.body()))
            .getDocumentElement().getTagName())
        .isEqualTo("svg");
  }

  @Test
  void aGroupsBadgeShowsTheWorstStatusAndTheMeanUptime() {
    clock.advance(Duration.ofHours(12));
    tracker.observe("MX2", Status.MAJOR_OUTAGE);
    clock.advance(Duration.ofHours(12));

    assertThat(site.handle(PageRequest.get("/badges/groups/mail-servers/status.svg")).text())
        .contains(">Mail servers</text>", ">major outage</text>");
    assertThat(site.handle(PageRequest.get("/badges/groups/mail-servers/uptime-24h.svg")).text())
        .contains(">Mail servers 24h</text>", ">75.00%</text>");
    assertThat(site.handle(PageRequest.get("/badges/servers/MX2/uptime-24h.svg")).text()).contains(">50.00%</text>");
  }

  @Test
  void badgesAreCachedLikeEveryDocumentAndListedForTheExport() {
    for (int i = 0; i < 100; i++) {
      site.handle(PageRequest.get("/badges/servers/MX1/uptime-30d.svg"));
    }
    assertThat(site.stats().renders()).isEqualTo(1);
    assertThat(site.paths())
        .contains("badges/servers/MX1/status.svg", "badges/servers/MX2/uptime-90d.svg", "badges/groups/mail-servers/uptime-7d.svg");
    assertThat(site.handle(PageRequest.get("/badges/servers/NOPE/status.svg")).status()).isEqualTo(404);
    assertThat(site.handle(PageRequest.get("/badges/servers/MX1/uptime-1y.svg")).status()).isEqualTo(404);
  }
}
