package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Timeline;
import io.statuskit.history.store.InMemoryHistoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link UptimeReporter#daily} against {@link UptimeReporter#server} asked day by day: the same
 * figures for every day of random boards (timelines with every status and gaps, maintenance
 * incidents crossing midnight, cancelled ones, other servers' ones, recurring maintenance, hour
 * rollups where the timeline knows nothing), on the calendar of Europe/Amsterdam across both
 * changes of the clocks.
 */
class DailyUptimeTest {
  private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
  private static final int DAYS = 90;
  /** Spans holding 29 March 2026 (23 hours) and 25 October 2026 (25 hours). */
  private static final Instant[] NOWS = {Instant.parse("2026-04-15T10:17:23Z"), Instant.parse("2026-11-20T22:40:00Z")};
  private static final Status[] STATUSES = Status.values();

  @Test
  void everyDayIsTheFigureOfThatDaysWindow() {
    qt().withExamples(40).forAll(longs().all()).checkAssert(DailyUptimeTest::sameAsDayByDay);
  }

  @Test
  void aDayWithTheClocksChangingIs23Or25HoursAndDaysAfterTheEndAreEmpty() {
    Timeline up = Timeline.empty("NC027").with(Instant.parse("2026-01-01T00:00:00Z"), Status.OPERATIONAL);
    StatusBoard board = StatusBoard.of(1, null, List.of(server("NC027", Instant.parse("2026-01-01T00:00:00Z"), up)), List.of());
    UptimeReporter reporter = UptimeReporter.of(UptimePolicy.ofDefaults());
    List<UptimeFigure> march = reporter.daily(board, "NC027", LocalDate.parse("2026-03-28"), 3, AMSTERDAM, Instant.parse("2026-03-30T00:00:00Z"));
    assertThat(march).extracting(UptimeFigure::windowSeconds).containsExactly(24 * 3600.0, 23 * 3600.0, 2 * 3600.0);
    List<UptimeFigure> october = reporter.daily(board, "NC027", LocalDate.parse("2026-10-25"), 1, AMSTERDAM, Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(october.get(0).windowSeconds()).isEqualTo(25 * 3600.0);
    List<UptimeFigure> late = reporter.daily(board, "NC027", LocalDate.parse("2026-03-28"), 2, AMSTERDAM, Instant.parse("2026-03-28T12:00:00Z"));
    assertThat(late.get(1).windowSeconds()).isZero();
    assertThat(late.get(1).percent()).isEmpty();
    assertThatThrownBy(() -> reporter.daily(board, "NC027", LocalDate.parse("2026-03-28"), -1, AMSTERDAM, Instant.parse("2026-03-30T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("days must not be negative: -1");
  }

  private static void sameAsDayByDay(long seed) {
    Random random = new Random(seed);
    Instant now = NOWS[random.nextInt(NOWS.length)];
    LocalDate today = now.atZone(AMSTERDAM).toLocalDate();
    LocalDate first = today.minusDays(DAYS - 1);
    Instant spanStart = first.atStartOfDay(AMSTERDAM).toInstant();
    List<String> ids = List.of("NC027", "NC031", "WEB01");
    List<ServerStatus> servers = new ArrayList<>();
    for (String id : ids) {
      // observed from some time before or inside the span: earlier days have no status
      Instant since = spanStart.plus(Duration.ofHours(random.nextInt(24 * 40) - 24 * 20));
      servers.add(server(id, since, timeline(id, since, now, random)));
    }
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      incidents.add(maintenance("m" + i, ids.get(random.nextInt(ids.size())), first, now, random));
    }
    RecurringMaintenance nightly =
        RecurringMaintenance.of("nightly", "Nightly backup", Set.of("NC027"), LocalDateTime.of(first.minusDays(3), java.time.LocalTime.of(23, 30)),
            AMSTERDAM, Duration.ofMinutes(30 + random.nextInt(120)), Recurrence.parse("FREQ=WEEKLY;BYDAY=" + (random.nextBoolean() ? "SA" : "SU,WE")));
    StatusBoard board = StatusBoard.of(1, now, servers, incidents);
    InMemoryHistoryStore store = new InMemoryHistoryStore();
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    writeHours(store, ids, spanStart.minus(Duration.ofDays(2)), now, random);
    UptimePolicy policy = random.nextBoolean() ? UptimePolicy.ofDefaults() : UptimeCasesTest.STRICT;
    UptimeReporter reporter = UptimeReporter.of(policy).withRecurringMaintenance(List.of(nightly)).withHistory(recorder);
    for (String id : ids) {
      List<UptimeFigure> daily = reporter.daily(board, id, first, DAYS, AMSTERDAM, now);
      assertThat(daily).hasSize(DAYS);
      for (int d = 0; d < DAYS; d++) {
        Instant from = first.plusDays(d).atStartOfDay(AMSTERDAM).toInstant();
        Instant to = first.plusDays(d + 1L).atStartOfDay(AMSTERDAM).toInstant();
        if (to.isAfter(now)) {
          to = now;
        }
        UptimeFigure expected = reporter.server(board, id, UptimeWindow.between(from, to)).servers().get(0);
        assertThat(daily.get(d)).as("seed %s, %s, day %s (%s)", seed, id, d, first.plusDays(d)).isEqualTo(expected);
      }
    }
  }

  private static ServerStatus server(String id, Instant since, Timeline timeline) {
    return new ServerStatus(Server.builder(id).name(id).build(), timeline.current(), null, null, since, since, timeline);
  }

  /** Changes every 1 to 60 hours, every status possible (unknown and maintenance included). */
  private static Timeline timeline(String id, Instant since, Instant now, Random random) {
    Timeline timeline = Timeline.empty(id);
    Status last = null;
    for (Instant at = since; at.isBefore(now); at = at.plus(Duration.ofMinutes(60 + random.nextInt(60 * 60)))) {
      Status status = random.nextInt(3) == 0 ? STATUSES[random.nextInt(STATUSES.length)] : Status.OPERATIONAL;
      if (status != last) {
        timeline = timeline.with(at, status);
        last = status;
      }
    }
    return timeline;
  }

  /**
   * A maintenance of one server: half of them from 21:00–23:59 local into the next day, the rest
   * anywhere; completed, still scheduled, or cancelled (which does not count).
   */
  private static Incident maintenance(String id, String serverId, LocalDate first, Instant now, Random random) {
    LocalDate day = first.plusDays(random.nextInt(DAYS + 5) - 3);
    LocalDateTime start = random.nextBoolean()
        ? day.atTime(21 + random.nextInt(3), random.nextInt(60))
        : day.atTime(random.nextInt(24), random.nextInt(60));
    Instant begin = start.atZone(AMSTERDAM).toInstant();
    MaintenanceWindow window = MaintenanceWindow.of(begin, begin.plus(Duration.ofMinutes(30 + random.nextInt(60 * 30))));
    OffsetDateTime posted = OffsetDateTime.ofInstant(begin.minus(Duration.ofDays(2)), ZoneOffset.UTC);
    ImmutableList.Builder<IncidentUpdate> updates = ImmutableList.builder();
    updates.add(new IncidentUpdate(id + "-1", posted, IncidentState.SCHEDULED, Body.plain("Planned work."), ImmutableMap.of(), false));
    int fate = random.nextInt(3);
    if (fate == 1) {
      updates.add(new IncidentUpdate(id + "-2", posted.plusHours(1), IncidentState.CANCELLED, Body.plain("Called off."), ImmutableMap.of(), false));
    } else if (fate == 2) {
      updates.add(new IncidentUpdate(id + "-2", posted.plusHours(1), IncidentState.COMPLETED, Body.plain("Done."), ImmutableMap.of(), false));
    }
    return new Incident(id, IncidentKind.MAINTENANCE, "Work on " + serverId, Impact.NONE,
        ImmutableMap.of(serverId, Status.UNDER_MAINTENANCE), ImmutableSet.of(), ImmutableSet.of(), updates.build(), window, 0);
  }

  /** Hour rollups of one location per server, most hours, some with failures and degraded results. */
  private static void writeHours(InMemoryHistoryStore store, List<String> ids, Instant from, Instant to, Random random) {
    Instant hourTo = Resolution.HOUR.floor(to);
    for (String id : ids) {
      SeriesKey key = SeriesKey.of(id, "ams");
      List<Rollup> rollups = new ArrayList<>();
      for (Instant hour = Resolution.HOUR.floor(from); hour.isBefore(hourTo); hour = hour.plus(Duration.ofHours(1))) {
        if (random.nextInt(10) == 0) {
          continue;
        }
        long[] failures = new long[FailureKind.COUNT];
        failures[FailureKind.TIMEOUT.ordinal()] = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
        rollups.add(Rollup.of(key, Resolution.HOUR, hour, 60, random.nextInt(5), failures, LatencyHistogram.empty()));
      }
      store.write(Resolution.HOUR, rollups, hourTo);
    }
  }
}
