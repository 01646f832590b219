package io.statuskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.internal.Checks;
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

/** Timeline sums and outage lists computed in place agree with the interval list. */
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
}
