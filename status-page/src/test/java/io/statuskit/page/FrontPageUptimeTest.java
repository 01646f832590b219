package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The front page's 90-day bars with an {@link UptimeSource}: each server's bars, its 90-day figure
 * and the rule come from the source's {@link UptimeSource#daily} (one call per server), and every
 * bar reads as the same day's bar on the server's own page; without a source they stay the
 * timeline's.
 */
class FrontPageUptimeTest {
  private static final String RULE = "down = major outage ×1; front page test rule";
  private static final Pattern BAR = Pattern.compile("<rect class=\"bar bar-([a-z_]+)\"[^>]*><title>([^<]*)</title>");

  private final ManualClock clock = ManualClock.at("2016-09-15T00:00:00Z");
  private StatusTracker tracker;

  /**
   * 97.5 % on 10 October, no figure (NaN) on 20 October (the timeline says under maintenance) and
   * on 1 September (before the first observation), a figure from "rollups" on 5 September (before
   * it too), 100 % on every other day from 15 September; 99.123 % over the 90 days (shown as 99.12 %).
   */
  private static final Map<LocalDate, Double> FIGURES =
      Map.of(
          LocalDate.parse("2016-10-10"), 97.5,
          LocalDate.parse("2016-10-20"), Double.NaN,
          LocalDate.parse("2016-09-01"), Double.NaN,
          LocalDate.parse("2016-09-05"), 99.0);

  private final List<String> asked = new ArrayList<>();

  private final UptimeSource history =
      new UptimeSource() {
        @Override
        public String rule() {
          return RULE;
        }

        @Override
        public double percent(StatusBoard board, String serverId, Instant from, Instant to) {
          LocalDate day = from.atZone(ZoneId.of("UTC")).toLocalDate();
          double figure = FIGURES.getOrDefault(day, day.isBefore(LocalDate.parse("2016-09-15")) ? Double.NaN : 100.0);
          // the default daily asks each day, then the 90 days at once
          return Duration.between(from, to).compareTo(Duration.ofDays(1)) > 0 ? 99.123 : figure;
        }

        @Override
        public DailyUptime daily(StatusBoard board, String serverId, LocalDate first, int days, ZoneId zone, Instant end) {
          synchronized (asked) {
            asked.add(serverId + " " + first + " " + days + " " + zone + " " + end);
          }
          return UptimeSource.super.daily(board, serverId, first, days, zone, end);
        }
      };

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(clock);
    tracker.addServer(Server.builder("NC041").name("Web server").build());
    tracker.observe("NC041", Status.OPERATIONAL);
    clock.set("2016-10-20T00:00:00Z");
    tracker.observe("NC041", Status.UNDER_MAINTENANCE);
    clock.set("2016-10-21T00:00:00Z");
    tracker.observe("NC041", Status.OPERATIONAL);
    clock.set("2016-11-23T07:00:00Z");
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  private StatusSite site(@Nullable UptimeSource source) {
    return StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example", 8080)).clock(clock).uptime(source).build();
  }

  private static List<String> bars(String page) {
    List<String> bars = new ArrayList<>();
    Matcher m = BAR.matcher(page);
    while (m.find()) {
      bars.add(m.group(1) + " | " + m.group(2));
    }
    return bars;
  }

  @Test
  void theFrontPagesBarsFollowTheSourceAsTheServerPageDoes() {
    StatusSite site = site(history);
    String front = site.handle(PageRequest.get("/")).text();
    List<String> bars = bars(front);
    assertThat(bars)
        .hasSize(90)
        // the source's figure, not the timeline's 100 %
        .contains("partial_outage | 10 Oct 2016: 97.50% up, worst: operational")
        // no figure, a status: the status alone
        .contains("under_maintenance | 20 Oct 2016: Under maintenance")
        // no figure, no status: no data
        .contains("nodata | 1 Sep 2016: no data")
        // a figure where the timeline knows nothing (rollups): coloured by the figure
        .contains("partial_outage | 5 Sep 2016: 99.00% up, worst: partial outage")
        .contains("operational | 11 Oct 2016: 100.00% up, worst: operational");
    assertThat(front).contains("99.12% uptime").contains("<p class=\"rule\">Counted as: " + RULE + "</p>");
    // the server page shows every day the same way
    assertThat(bars(site.handle(PageRequest.get("/servers/NC041/")).text())).isEqualTo(bars);
    // the front page asked once for the 90 days, up to now
    assertThat(asked).contains("NC041 2016-08-26 90 UTC 2016-11-23T07:00:00Z");
  }

  @Test
  void withoutASourceTheFrontPageShowsTheTimelinesFigures() {
    String front = site(null).handle(PageRequest.get("/")).text();
    assertThat(bars(front))
        .hasSize(90)
        .contains("operational | 10 Oct 2016: 100.00% up, worst: operational")
        .contains("nodata | 1 Sep 2016: no data");
    assertThat(front).doesNotContain("Counted as:").doesNotContain("99.12%");
  }
}
