package io.statuskit.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server page with an {@link UptimeSource}: the last 12 months in a table and the 90-day bars
 * from the source's figures, with its rule. The source here is the board's own timeline (what a
 * host without rollups could give); the page asks it for each month and each day.
 */
class MonthlyUptimeTest {
  private static final String RULE = "down = major outage ×1; test rule";

  private final ManualClock clock = ManualClock.at("2016-09-15T00:00:00Z");
  private final List<String> asked = new ArrayList<>();
  private StatusTracker tracker;

  private final UptimeSource timelines =
      new UptimeSource() {
        @Override
        public String rule() {
          return RULE;
        }

        @Override
        public double percent(StatusBoard board, String serverId, Instant from, Instant to) {
          synchronized (asked) {
            asked.add(from + "/" + to);
          }
          return board.timeline(serverId).uptimePercent(from, to);
        }
      };

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(clock);
    tracker.addServer(Server.builder("NC041").name("Web server").build());
    tracker.observe("NC041", Status.OPERATIONAL);
    clock.set("2016-10-10T00:00:00Z");
    tracker.observe("NC041", Status.MAJOR_OUTAGE);
    clock.set("2016-10-10T12:00:00Z");
    tracker.observe("NC041", Status.OPERATIONAL);
    clock.set("2016-11-23T07:00:00Z");
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  private StatusSite site(UptimeSource source) {
    return StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example", 8080)).clock(clock).uptime(source).build();
  }

  @Test
  void theServerPageShowsTwelveMonthsWithTheRule() {
    String page = site(timelines).handle(PageRequest.get("/servers/NC041/")).text();
    assertThat(page)
        .contains("Uptime by month, last 12 months")
        .contains("<time datetime=\"2016-11\">November 2016</time></th><td>100.000%</td>")
        // 12 hours down of October's 744: 98.387 %
        .contains("<time datetime=\"2016-10\">October 2016</time></th><td>98.387%</td>")
        .contains("<time datetime=\"2016-09\">September 2016</time></th><td>100.000%</td>")
        .contains("<time datetime=\"2016-08\">August 2016</time></th><td>no data</td>")
        .contains("<time datetime=\"2015-12\">December 2015</time></th><td>no data</td>")
        .doesNotContain("datetime=\"2015-11\"")
        .contains("Counted as: " + RULE);
    // 10 October: 12 hours down of 24, the day's bar says so
    assertThat(page).contains("10 Oct 2016: 50.00% up, worst: major outage");
    // the current month is asked up to now, not to its end
    assertThat(asked).contains("2016-11-01T00:00:00Z/2016-11-23T07:00:00Z", "2016-10-01T00:00:00Z/2016-11-01T00:00:00Z");
  }

  @Test
  void withoutASourceThereIsNoMonthlyTable() {
    String page = StatusSite.builder().boards(tracker::board).settings(PageSettings.local("Example", 8080)).clock(clock).build()
        .handle(PageRequest.get("/servers/NC041/")).text();
    assertThat(page).doesNotContain("monthly-uptime").doesNotContain("Counted as:").contains("Uptime, last 90 days");
  }
}
