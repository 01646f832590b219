package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.within;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.collect.ImmutableList;

import io.statuskit.core.Outage;
import io.statuskit.core.Status;
import io.statuskit.core.StatusInterval;
import io.statuskit.core.Timeline;
import io.statuskit.core.internal.Checks;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;
import io.statuskit.testkit.generators.StatusGenerators;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties of timelines: uptime bounds and additivity over adjacent windows (over the testkit's
 * generated timelines); downtime and outages computed in place agree with the interval list (over
 * step lists, with nanosecond offsets); and the id rule timelines and servers share. One class for
 * what used to be two (status-core's and the testkit's).
 */
class TimelinePropertiesTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

  record Step(long seconds, Status status) {}

  /** What a window is: where it starts (-10 to 900 s after T0) and how long it lasts (0 to 900 s). */
  record Window(long fromSeconds, long length) {}

  private static Generator<ImmutableList<Step>> steps() {
    Generator<Long> seconds = Generators.longs(0, 50);
    Generator<Status> statuses = Generators.of(Status.class);
    Generator<Step> step = s -> new Step(seconds.generate(s), statuses.generate(s));
    return step.list(0, 30);
  }

  private static Generator<Window> windows() {
    Generator<Long> from = Generators.longs(-10, 900);
    Generator<Long> length = Generators.longs(0, 900);
    return s -> new Window(from.generate(s), length.generate(s));
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

  @Test
  void downtimeIsTheSumOfTheOutageIntervals() {
    qt().withExamples(1000)
        .forAll(gen(steps()), gen(Generators.booleans()), gen(windows()))
        .checkAssert(TimelinePropertiesTest::downtimeSumsIntervals);
  }

  private static void downtimeSumsIntervals(List<Step> steps, boolean maintenanceCountsAsUp, Window window) {
    Timeline timeline = build(steps);
    Instant from = T0.plusSeconds(window.fromSeconds()).plusMillis(window.fromSeconds() % 7);
    Instant to = from.plusSeconds(window.length());
    Duration expected = Duration.ZERO;
    for (StatusInterval interval : timeline.intervals(from, to)) {
      Status status = interval.status();
      if (status.isOutage() || (!maintenanceCountsAsUp && status == Status.UNDER_MAINTENANCE)) {
        expected = expected.plus(interval.duration());
      }
    }
    assertThat(timeline.downtime(from, to, maintenanceCountsAsUp)).isEqualTo(expected);
  }

  @Test
  void outagesInAWindowAreTheWholeHistorysOutagesThatOverlapIt() {
    qt().withExamples(1000)
        .forAll(gen(steps()), gen(Generators.booleans()), gen(windows()))
        .checkAssert(TimelinePropertiesTest::outagesOverlapTheWindow);
  }

  private static void outagesOverlapTheWindow(List<Step> steps, boolean maintenanceCountsAsUp, Window window) {
    Timeline timeline = build(steps);
    Instant from = T0.plusSeconds(window.fromSeconds());
    Instant to = from.plusSeconds(window.length());
    List<Outage> expected =
        timeline.outages(Instant.MIN, Instant.MAX, maintenanceCountsAsUp).stream()
            .filter(o -> o.start().isBefore(to) && (o.end() == null || o.end().isAfter(from)))
            .collect(Collectors.toList());
    assertThat(timeline.outages(from, to, maintenanceCountsAsUp)).isEqualTo(expected);
  }

  @Test
  void idsAreAcceptedExactlyWhenTheyMatchThePattern() {
    qt().withExamples(1000)
        .forAll(gen(ids()))
        .checkAssert(TimelinePropertiesTest::idAcceptedIfItMatches);
  }

  private static void idAcceptedIfItMatches(String id) {
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


  @Test
  void uptimeLiesBetweenZeroAndHundred() {
    qt().withExamples(500)
        .forAll(gen(StatusGenerators.timelines()), gen(minutes()), gen(minutes()))
        .checkAssert(TimelinePropertiesTest::uptimeIsAPercentage);
  }

  private static void uptimeIsAPercentage(Timeline timeline, int from, int length) {
    Instant start = StatusGenerators.BASE.plus(Duration.ofMinutes(from));
    Instant end = start.plus(Duration.ofMinutes(length));

    if (timeline.noDataTime(start, end).equals(Duration.between(start, end))) {
      assertThat(timeline.uptimePercent(start, end)).as("no data: no figure").isNaN();
    } else {
      assertThat(timeline.uptimePercent(start, end)).isBetween(0.0, 100.0);
      assertThat(timeline.uptimePercent(start, end, false)).isBetween(0.0, 100.0);
    }
    assertThat(timeline.downtime(start, end)).isBetween(Duration.ZERO, Duration.between(start, end));
  }

  @Test
  void downtimeAndUptimeAddUpOverAdjacentWindows() {
    qt().withExamples(500)
        .forAll(gen(StatusGenerators.timelines()), gen(minutes()), gen(minutes()), gen(minutes()))
        .checkAssert(TimelinePropertiesTest::addsUp);
  }

  private static void addsUp(Timeline timeline, int a, int ab, int bc) {
    Instant from = StatusGenerators.BASE.plus(Duration.ofMinutes(a));
    Instant middle = from.plus(Duration.ofMinutes(ab));
    Instant to = middle.plus(Duration.ofMinutes(bc));

    assertThat(timeline.downtime(from, to)).isEqualTo(timeline.downtime(from, middle).plus(timeline.downtime(middle, to)));
    assertThat(timeline.downtime(from, to, false))
        .isEqualTo(timeline.downtime(from, middle, false).plus(timeline.downtime(middle, to, false)));
    assertThat(timeline.noDataTime(from, to)).isEqualTo(timeline.noDataTime(from, middle).plus(timeline.noDataTime(middle, to)));
    // uptime is over the time with data, so halves weigh by their known time
    double first = known(timeline, from, middle);
    double second = known(timeline, middle, to);
    if (first + second > 0) {
      double weighted =
          (first > 0 ? timeline.uptimePercent(from, middle) * first : 0)
              + (second > 0 ? timeline.uptimePercent(middle, to) * second : 0);
      assertThat(timeline.uptimePercent(from, to)).isCloseTo(weighted / (first + second), within(1e-9));
    }
  }

  private static double known(Timeline timeline, Instant from, Instant to) {
    return Duration.between(from, to).minus(timeline.noDataTime(from, to)).toMillis();
  }

  @Test
  void intervalsTileTheKnownPartOfAWindowAndOutagesCoverTheDowntime() {
    qt().withExamples(300)
        .forAll(gen(StatusGenerators.timelines()), gen(minutes()), gen(minutes()))
        .checkAssert(TimelinePropertiesTest::intervalsTile);
  }

  private static void intervalsTile(Timeline timeline, int from, int length) {
    Instant start = StatusGenerators.BASE.plus(Duration.ofMinutes(from));
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

  /**
   * Strings of up to 70 printable ASCII characters and, one time in 33, {@code é}, {@code İ} or
   * {@code ٣}; half of them at most 8 long, so that valid ids are common.
   */
  private static Generator<String> ids() {
    Generator<Character> character =
        Generators.frequency(
            Generators.weighted(95, Generators.integers(' ', '~').map(c -> (char) c.intValue())),
            Generators.weighted(3, Generators.of('é', 'İ', '٣')));
    Generator<Integer> lengths = Generators.oneOf(Generators.integers(0, 8), Generators.integers(0, 70));
    return source -> {
      int length = lengths.generate(source);
      StringBuilder id = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        id.append(character.generate(source));
      }
      return id.toString();
    };
  }

  private static Generator<Integer> minutes() {
    return Generators.integers(0, 2_000);
  }
}
