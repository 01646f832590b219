package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.within;

import io.statuskit.core.Outage;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Timeline;
import io.statuskit.testkit.jqwik.StatusArbitraries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of timelines: uptime bounds and additivity over adjacent windows. */
class TimelineProperties {

  @Property(tries = 500)
  void uptimeLiesBetweenZeroAndHundred(
      @ForAll("timelines") Timeline timeline, @ForAll("minutes") int from, @ForAll("minutes") int length) {
    Instant start = StatusArbitraries.BASE.plus(Duration.ofMinutes(from));
    Instant end = start.plus(Duration.ofMinutes(length));

    assertThat(timeline.uptimePercent(start, end)).isBetween(0.0, 100.0);
    assertThat(timeline.uptimePercent(start, end, false)).isBetween(0.0, 100.0);
    assertThat(timeline.downtime(start, end)).isBetween(Duration.ZERO, Duration.between(start, end));
  }

  @Property(tries = 500)
  void downtimeAndUptimeAddUpOverAdjacentWindows(
      @ForAll("timelines") Timeline timeline,
      @ForAll("minutes") int a,
      @ForAll("minutes") int ab,
      @ForAll("minutes") int bc) {
    Instant from = StatusArbitraries.BASE.plus(Duration.ofMinutes(a));
    Instant middle = from.plus(Duration.ofMinutes(ab));
    Instant to = middle.plus(Duration.ofMinutes(bc));

    assertThat(timeline.downtime(from, to)).isEqualTo(timeline.downtime(from, middle).plus(timeline.downtime(middle, to)));
    assertThat(timeline.downtime(from, to, false))
        .isEqualTo(timeline.downtime(from, middle, false).plus(timeline.downtime(middle, to, false)));
    double whole = Duration.between(from, to).toMillis();
    if (whole > 0) {
      double weighted =
          timeline.uptimePercent(from, middle) * Duration.between(from, middle).toMillis()
              + timeline.uptimePercent(middle, to) * Duration.between(middle, to).toMillis();
      assertThat(timeline.uptimePercent(from, to)).isCloseTo(weighted / whole, within(1e-9));
    }
  }

  @Property(tries = 300)
  void intervalsTileTheKnownPartOfAWindowAndOutagesCoverTheDowntime(
      @ForAll("timelines") Timeline timeline, @ForAll("minutes") int from, @ForAll("minutes") int length) {
    Instant start = StatusArbitraries.BASE.plus(Duration.ofMinutes(from));
    Instant end = start.plus(Duration.ofMinutes(length));
    List<StatusInterval> intervals = timeline.intervals(start, end);

    for (int i = 1; i < intervals.size(); i++) {
      assertThat(intervals.get(i).start()).isEqualTo(intervals.get(i - 1).end());
    }
    if (!intervals.isEmpty()) {
      assertThat(intervals.get(intervals.size() - 1).end()).isEqualTo(end);
    }
    Duration outageTime = Duration.ZERO;
    for (Outage outage : timeline.outages(start, end)) {
      Instant clippedStart = outage.start().isBefore(start) ? start : outage.start();
      Instant outageEnd = outage.end() == null || outage.end().isAfter(end) ? end : outage.end();
      outageTime = outageTime.plus(Duration.between(clippedStart, outageEnd));
    }
    assertThat(outageTime).isEqualTo(timeline.downtime(start, end));
  }

  @Provide
  Arbitrary<Timeline> timelines() {
    return StatusArbitraries.timelines();
  }

  @Provide
  Arbitrary<Integer> minutes() {
    return Arbitraries.integers().between(0, 2_000);
  }
}
