package io.statuskit.core;

import static io.statuskit.core.Status.DEGRADED_PERFORMANCE;
import static io.statuskit.core.Status.MAJOR_OUTAGE;
import static io.statuskit.core.Status.OPERATIONAL;
import static io.statuskit.core.Status.PARTIAL_OUTAGE;
import static io.statuskit.core.Status.UNDER_MAINTENANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final Instant T0 = Instant.parse("2016-11-23T00:00:00Z");

  private static Instant at(String time) {
    return Instant.parse("2016-11-23T" + time + "Z");
  }

  private final Timeline nc027 =
      Timeline.empty("NC027")
          .with(T0, OPERATIONAL)
          .with(at("07:09:00"), MAJOR_OUTAGE)
          .with(at("07:17:00"), OPERATIONAL);

  @Test
  void anOutageReadsAsTheSeedWroteIt() {
    assertThat(nc027.outages()).singleElement().satisfies(outage -> {
      assertThat(outage.duration()).isEqualTo(Duration.ofMinutes(8));
      assertThat(outage.describe(ZoneOffset.UTC))
          .isEqualTo("down for eight minutes between 07:09 and 07:17 UTC");
    });
  }

  @Test
  void outageTextFollowsTheZoneTheHostAsksFor() {
    Outage outage = nc027.outages().get(0);
    assertThat(outage.describe(ZoneId.of("America/Vancouver")))
        .isEqualTo("down for eight minutes between 23:09 and 23:17 PST");
    assertThat(outage.describe(ZoneId.of("Africa/Lusaka")))
        .isEqualTo("down for eight minutes between 09:09 and 09:17 CAT");
    assertThat(outage.describe(ZoneOffset.ofHours(2)))
        .isEqualTo("down for eight minutes between 09:09 and 09:17 UTC+02:00");
  }

  @Test
  void anOutageWithinOneMinuteReadsAtThatMinuteNotBetweenItAndItself() {
    Timeline timeline =
        Timeline.empty("NC033").with(at("13:09:10"), MAJOR_OUTAGE).with(at("13:09:17"), OPERATIONAL);
    assertThat(timeline.outages().get(0).describe(ZoneOffset.UTC)).isEqualTo("down for seven seconds at 13:09 UTC");
    Timeline acrossAMinute =
        Timeline.empty("NC033").with(at("13:09:58"), MAJOR_OUTAGE).with(at("13:10:05"), OPERATIONAL);
    assertThat(acrossAMinute.outages().get(0).describe(ZoneOffset.UTC))
        .isEqualTo("down for seven seconds between 13:09 and 13:10 UTC");
  }

  @Test
  void longOutagesAcrossMidnightShowDates() {
    Timeline timeline =
        Timeline.empty("NC033").with(at("23:50:00"), PARTIAL_OUTAGE).with(Instant.parse("2016-11-24T02:05:00Z"), OPERATIONAL);
    assertThat(timeline.outages().get(0).describe(ZoneOffset.UTC))
        .isEqualTo(
            "down for two hours and fifteen minutes between 23 November 2016 23:50 and 24 November 2016 02:05 UTC");
  }

  @Test
  void anOngoingOutageSaysSince() {
    Timeline timeline = Timeline.empty("NC036").with(at("07:09:00"), MAJOR_OUTAGE);
    Outage outage = timeline.outages().get(0);
    assertThat(outage.isOngoing()).isTrue();
    assertThat(outage.describe(ZoneOffset.UTC)).isEqualTo("down since 07:09 UTC");
    assertThat(outage.duration(at("07:20:00"))).isEqualTo(Duration.ofMinutes(11));
    assertThatThrownBy(outage::duration).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void uptimeAndDowntimeOverADay() {
    Instant end = T0.plus(Duration.ofDays(1));
    assertThat(nc027.downtime(T0, end)).isEqualTo(Duration.ofMinutes(8));
    assertThat(nc027.uptimePercent(T0, end)).isCloseTo(100.0 * (1440 - 8) / 1440, within(1e-9));
  }

  @Test
  void windowsClipIntervals() {
    assertThat(nc027.downtime(at("07:10:00"), at("07:12:00"))).isEqualTo(Duration.ofMinutes(2));
    assertThat(nc027.intervals(at("07:10:00"), at("07:20:00")))
        .containsExactly(
            new StatusInterval(MAJOR_OUTAGE, at("07:10:00"), at("07:17:00")),
            new StatusInterval(OPERATIONAL, at("07:17:00"), at("07:20:00")));
  }

  @Test
  void maintenanceCountsAsUpUnlessAskedOtherwise() {
    Timeline timeline =
        Timeline.empty("NC018").with(T0, UNDER_MAINTENANCE).with(T0.plus(Duration.ofHours(1)), OPERATIONAL);
    Instant end = T0.plus(Duration.ofHours(4));
    assertThat(timeline.uptimePercent(T0, end)).isEqualTo(100.0);
    assertThat(timeline.uptimePercent(T0, end, false)).isEqualTo(75.0);
    assertThat(timeline.outages(T0, end)).isEmpty();
    assertThat(timeline.outages(T0, end, false)).hasSize(1);
  }

  @Test
  void degradedIsNotDowntimeButConsecutiveOutageStatusesAreOneOutage() {
    Timeline timeline =
        Timeline.empty("NC041")
            .with(at("01:00:00"), DEGRADED_PERFORMANCE)
            .with(at("02:00:00"), PARTIAL_OUTAGE)
            .with(at("02:30:00"), MAJOR_OUTAGE)
            .with(at("03:00:00"), OPERATIONAL);
    assertThat(timeline.outages()).singleElement().satisfies(outage -> {
      assertThat(outage.start()).isEqualTo(at("02:00:00"));
      assertThat(outage.worst()).isEqualTo(MAJOR_OUTAGE);
      assertThat(outage.duration()).isEqualTo(Duration.ofHours(1));
    });
    assertThat(timeline.longestOutage(T0, at("23:00:00")).orElseThrow().duration()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theSameStatusTwiceIsOneChange() {
    Timeline timeline = Timeline.empty("NC041").with(T0, OPERATIONAL).with(at("01:00:00"), OPERATIONAL);
    assertThat(timeline.changes()).hasSize(1);
  }

  @Test
  void historyCannotBeRewritten() {
    assertThatThrownBy(() -> nc027.with(at("07:00:00"), MAJOR_OUTAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NC027")
        .hasMessageContaining("2016-11-23T07:00:00Z");
  }

  @Test
  void statusBeforeTheFirstChangeIsUnknownAndLeftOutOfUptime() {
    assertThat(nc027.statusAt(T0.minusSeconds(1))).isEqualTo(Status.UNKNOWN);
    assertThat(nc027.uptimePercent(T0.minus(Duration.ofDays(1)), T0)).as("no data at all: no figure").isNaN();
    assertThat(nc027.noDataTime(T0.minus(Duration.ofDays(1)), T0)).isEqualTo(Duration.ofDays(1));
    // a day before and the day of the outage: the figure is that of the day with data only
    assertThat(nc027.uptimePercent(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))))
        .isCloseTo(100.0 * (1440 - 8) / 1440, within(1e-9));
  }

  @Test
  void anHourWithoutDataIsLeftOutOfTheDaysUptimeNotCountedAsUp() {
    // up, an hour with no monitor reporting, then down for 23 minutes, then up
    Timeline timeline =
        Timeline.empty("NC036")
            .with(T0, OPERATIONAL)
            .with(T0.plus(Duration.ofHours(3)), Status.UNKNOWN)
            .with(T0.plus(Duration.ofHours(4)), MAJOR_OUTAGE)
            .with(T0.plus(Duration.ofHours(4)).plus(Duration.ofMinutes(23)), OPERATIONAL);
    Instant end = T0.plus(Duration.ofDays(1));
    assertThat(timeline.noDataTime(T0, end)).isEqualTo(Duration.ofHours(1));
    assertThat(timeline.uptimePercent(T0, end)).isCloseTo(100.0 * (23 * 60 - 23) / (23 * 60), within(1e-9));
  }

  @Test
  void windowsMustNotRunBackwards() {
    assertThatThrownBy(() -> nc027.downtime(at("08:00:00"), at("07:00:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }
}
