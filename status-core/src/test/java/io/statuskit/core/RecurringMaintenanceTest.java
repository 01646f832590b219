package io.statuskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecurringMaintenanceTest {
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static RecurringMaintenance weekly(String rule, String start, ZoneId zone, Duration duration) {
    return RecurringMaintenance.of("patch", "Patching", Set.of("NC027"), LocalDateTime.parse(start), zone, duration, Recurrence.parse(rule));
  }

  private static List<String> starts(RecurringMaintenance m, String from, String to) {
    return m.occurrences(Instant.parse(from), Instant.parse(to)).stream().map(w -> w.start().toString()).toList();
  }

  /** Tuesdays at 02:30 Amsterdam time: CET (UTC+1) in March, CEST (UTC+2) after 29 March, CET again after 25 October 2026. */
  @Test
  void aWeeklyWindowInAmsterdamKeepsItsLocalTimeAcrossBothChangesOf2026() {
    RecurringMaintenance m = weekly("FREQ=WEEKLY;BYDAY=TU", "2026-01-06T02:30", AMSTERDAM, Duration.ofHours(1));
    assertThat(starts(m, "2026-03-20T00:00:00Z", "2026-04-08T00:00:00Z"))
        .containsExactly("2026-03-24T01:30:00Z", "2026-03-31T00:30:00Z", "2026-04-07T00:30:00Z");
    assertThat(starts(m, "2026-10-19T00:00:00Z", "2026-11-04T00:00:00Z"))
        .containsExactly("2026-10-20T00:30:00Z", "2026-10-27T01:30:00Z", "2026-11-03T01:30:00Z");
    // every occurrence of the year is a Tuesday at 02:30 local, and there are 52 of them
    List<MaintenanceWindow> year = m.occurrences(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(year).hasSize(52).allSatisfy(w -> {
      ZonedDateTime local = w.start().atZone(AMSTERDAM);
      assertThat(local.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);
      assertThat(local.toLocalTime()).hasToString("02:30");
      assertThat(w.duration()).isEqualTo(Duration.ofHours(1));
    });
  }

  /** On Sunday 29 March 2026 Amsterdam skips 02:00–03:00: a daily 02:30 start moves to 03:30 CEST that day (RFC 5545 3.3.5). */
  @Test
  void aStartInTheSpringGapMovesForwardByTheGap() {
    RecurringMaintenance m = weekly("FREQ=DAILY", "2026-03-27T02:30", AMSTERDAM, Duration.ofMinutes(30));
    assertThat(starts(m, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"))
        .containsExactly("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z");
    assertThat(m.occurrences(Instant.parse("2026-03-29T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")).get(0).start()
        .atZone(AMSTERDAM).toLocalTime()).hasToString("03:30");
  }

  /** Daily 01:30–02:00 New York: EST (UTC−5) until 8 March 2026, EDT (UTC−4) until 1 November, when 01:30 happens twice (the first counts). */
  @Test
  void aDailyWindowInNewYorkLandsAtHalfPastOneLocalEveryDay() {
    RecurringMaintenance m = weekly("FREQ=DAILY", "2026-01-01T01:30", NEW_YORK, Duration.ofMinutes(30));
    assertThat(starts(m, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"))
        .containsExactly("2026-03-07T06:30:00Z", "2026-03-08T06:30:00Z", "2026-03-09T05:30:00Z");
    assertThat(starts(m, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z"))
        .containsExactly("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z");
    assertThat(m.covers("NC027", Instant.parse("2026-11-01T05:45:00Z"))).isTrue();
    assertThat(m.covers("NC027", Instant.parse("2026-11-01T06:45:00Z"))).as("the second 01:45 is not in the window").isFalse();
    assertThat(m.covers("NC031", Instant.parse("2026-11-01T05:45:00Z"))).as("another server").isFalse();
  }

  @Test
  void monthlyRulesCountAndUntil() {
    RecurringMaintenance firstTuesday = weekly("FREQ=MONTHLY;BYDAY=1TU;COUNT=3", "2026-01-06T22:00", AMSTERDAM, Duration.ofHours(2));
    assertThat(starts(firstTuesday, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"))
        .containsExactly("2026-01-06T21:00:00Z", "2026-02-03T21:00:00Z", "2026-03-03T21:00:00Z");
    RecurringMaintenance lastDay = weekly("FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20260430T235959Z", "2026-01-31T12:00", ZoneId.of("UTC"), Duration.ofHours(1));
    assertThat(starts(lastDay, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"))
        .containsExactly("2026-01-31T12:00:00Z", "2026-02-28T12:00:00Z", "2026-03-31T12:00:00Z", "2026-04-30T12:00:00Z");
    RecurringMaintenance the31st = weekly("FREQ=MONTHLY", "2026-01-31T12:00", ZoneId.of("UTC"), Duration.ofHours(1));
    assertThat(starts(the31st, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"))
        .as("months without a 31st have no occurrence")
        .containsExactly("2026-01-31T12:00:00Z", "2026-03-31T12:00:00Z", "2026-05-31T12:00:00Z");
    RecurringMaintenance everyOtherWeek = weekly("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "2026-01-05T03:00", ZoneId.of("UTC"), Duration.ofHours(1));
    assertThat(starts(everyOtherWeek, "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"))
        .containsExactly("2026-01-05T03:00:00Z", "2026-01-08T03:00:00Z", "2026-01-19T03:00:00Z", "2026-01-22T03:00:00Z");
  }

  /** Windows far from the start are the same whether expanded from the start or skipped to (seeded). */
  @Test
  void skippingAheadFindsTheSameOccurrencesAsExpandingFromTheStart() {
    String[] rules = {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=TU,SA", "FREQ=WEEKLY;INTERVAL=3", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15,-2"};
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      String rule = rules[random.nextInt(rules.length)];
      RecurringMaintenance m = weekly(rule, "2024-02-2" + random.nextInt(9) + "T0" + random.nextInt(10) + ":15", AMSTERDAM, Duration.ofMinutes(10 + random.nextInt(3000)));
      Instant from = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(random.nextInt(3 * 365 * 24)));
      Instant to = from.plus(Duration.ofHours(random.nextInt(2000)));
      List<MaintenanceWindow> all = m.occurrences(Instant.parse("2024-01-01T00:00:00Z"), to).stream().filter(w -> w.end().isAfter(from)).toList();
      assertThat(m.occurrences(from, to)).as("seed %s, %s from %s", seed, rule, from).isEqualTo(all);
    }
  }

  @Test
  void rulesOutsideTheSubsetAreRejectedByName() {
    assertThatThrownBy(() -> Recurrence.parse("FREQ=YEARLY")).hasMessageContaining("FREQ=YEARLY");
    assertThatThrownBy(() -> Recurrence.parse("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO")).hasMessageContaining("BYSETPOS");
    assertThatThrownBy(() -> Recurrence.parse("FREQ=WEEKLY;WKST=SU")).hasMessageContaining("WKST=SU");
    assertThatThrownBy(() -> Recurrence.parse("FREQ=WEEKLY;BYDAY=2TU")).hasMessageContaining("only for FREQ=MONTHLY");
    assertThatThrownBy(() -> Recurrence.parse("FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z")).hasMessageContaining("COUNT and UNTIL");
  }

  @Test
  void rulesRoundTripThroughTheirText() {
    for (String rule : List.of("FREQ=DAILY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=MONTHLY;BYDAY=1TU,-1FR;COUNT=4", "FREQ=MONTHLY;BYMONTHDAY=1,-1;UNTIL=20261231T235959Z")) {
      assertThat(Recurrence.parse(rule).toRrule()).isEqualTo(rule);
      assertThat(Recurrence.parse("RRULE:" + rule.toLowerCase(java.util.Locale.ROOT))).isEqualTo(Recurrence.parse(rule));
    }
  }

  @Test
  void aScheduleAnswersForEveryDefinition() {
    RecurringMaintenance tuesdays = weekly("FREQ=WEEKLY;BYDAY=TU", "2026-01-06T02:00", AMSTERDAM, Duration.ofHours(1));
    RecurringMaintenance daily = RecurringMaintenance.of("backup", "Backups", Set.of("NC031"), LocalDateTime.parse("2026-01-01T01:30"),
        NEW_YORK, Duration.ofMinutes(30), Recurrence.parse("FREQ=DAILY"));
    MaintenanceSchedule schedule = MaintenanceSchedule.of(List.of(tuesdays, daily));
    assertThat(schedule.covers("NC027", Instant.parse("2026-07-07T00:30:00Z"))).isTrue();
    assertThat(schedule.covers("NC027", Instant.parse("2026-07-07T01:30:00Z"))).isFalse();
    assertThat(schedule.covers("NC031", Instant.parse("2026-07-07T05:45:00Z"))).isTrue();
    assertThat(schedule.occurrences(Instant.parse("2026-07-06T00:00:00Z"), Instant.parse("2026-07-08T00:00:00Z")))
        .extracting(o -> o.definition().id() + "@" + o.window().start())
        .containsExactly("backup@2026-07-06T05:30:00Z", "patch@2026-07-07T00:00:00Z", "backup@2026-07-07T05:30:00Z");
  }
}
