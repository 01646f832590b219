package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.within;

import io.statuskit.core.Outage;
import io.statuskit.core.Status;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Timeline;
import io.statuskit.core.internal.Checks;
import io.statuskit.testkit.jqwik.StatusArbitraries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of timelines: uptime bounds and additivity over adjacent windows (over the testkit's
 * generated timelines); downtime and outages computed in place agree with the interval list (over
 * step lists, with nanosecond offsets); and the id rule timelines and servers share. One class for
 * what used to be two (status-core's and the testkit's).
 */
class TimelineProperties {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

  record Step(long seconds, Status status) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 50), Arbitraries.of(Status.class))
        .as(Step::new)
        .list()
        .ofMaxSize(30);
  }

  private static Timeline build(List<Step> steps) {
    Timeline timeline = Timeline.empty("s1");
    Instant at = T0;
    for (Step step : steps) {
      at = at.plusSeconds(step.seconds()).plusNanos(step.seconds() * 1_000_003L % 1_000_000_000L);
      timeline = timeline.with(at, step.status());
    }
    return timeline;
  }

  @Property
  void downtimeIsTheSumOfTheOutageIntervals(
      @ForAll("steps") List<Step> steps,
      @ForAll boolean maintenanceCountsAsUp,
      @ForAll @net.jqwik.api.constraints.LongRange(min = -10, max = 900) long fromSeconds,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 900) long length) {
    Timeline timeline = build(steps);
    Instant from = T0.plusSeconds(fromSeconds).plusMillis(fromSeconds % 7);
    Instant to = from.plusSeconds(length);
    Duration expected = Duration.ZERO;
    for (StatusInterval interval : timeline.intervals(from, to)) {
      Status status = interval.status();
      if (status.isOutage() || (!maintenanceCountsAsUp && status == Status.UNDER_MAINTENANCE)) {
        expected = expected.plus(interval.duration());
      }
    }
    assertThat(timeline.downtime(from, to, maintenanceCountsAsUp)).isEqualTo(expected);
  }

  @Property
  void outagesInAWindowAreTheWholeHistorysOutagesThatOverlapIt(
      @ForAll("steps") List<Step> steps,
      @ForAll boolean maintenanceCountsAsUp,
      @ForAll @net.jqwik.api.constraints.LongRange(min = -10, max = 900) long fromSeconds,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 900) long length) {
    Timeline timeline = build(steps);
    Instant from = T0.plusSeconds(fromSeconds);
    Instant to = from.plusSeconds(length);
    List<Outage> expected =
        timeline.outages(Instant.MIN, Instant.MAX, maintenanceCountsAsUp).stream()
            .filter(o -> o.start().isBefore(to) && (o.end() == null || o.end().isAfter(from)))
            .collect(Collectors.toList());
    assertThat(timeline.outages(from, to, maintenanceCountsAsUp)).isEqualTo(expected);
  }

  @Property
  void idsAreAcceptedExactlyWhenTheyMatchThePattern(
      @ForAll @net.jqwik.api.constraints.StringLength(max = 70)
          @net.jqwik.api.constraints.CharRange(from = ' ', to = '~')
          @net.jqwik.api.constraints.Chars({'é', 'İ', '٣'})
          String id) {
    boolean expected = !id.isEmpty() && id.length() <= Checks.MAX_ID_LENGTH && ID.matcher(id).matches();
    boolean accepted;
    try {
      Checks.id("id", id);
      accepted = true;
    } catch (IllegalArgumentException e) {
      accepted = false;
      assertThat(e).hasMessage(
          "id must be 1 to 64 letters, digits, '-', '_' or '.': " + Checks.show(id));
    }
    assertThat(accepted).isEqualTo(expected);
  }

  // ------------------------------------------- over the testkit's generated timelines


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
