package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Coverage;
import io.statuskit.core.Incident;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Status;
import io.statuskit.core.Timeline;
import io.statuskit.history.store.InMemoryHistoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table of cases of issue 22, each figure under each policy worked out by hand in the
 * comments (hours: h).
 */
class UptimeCasesTest {
  /** Statuspage's rule: major 1, partial 0.3, degraded up; maintenance and no data left out. */
  static final UptimePolicy STATUSPAGE = UptimePolicy.ofDefaults();
  /** Everything counts: partial fully down, degraded down, maintenance as observed, no data down. */
  static final UptimePolicy STRICT = UptimePolicy.builder().partialOutageWeight(1).degradedCountsAsDown(true)
      .maintenance(UptimePolicy.Maintenance.AS_OBSERVED).noData(UptimePolicy.NoData.COUNTED_DOWN).build();
  /** Only a major outage is down; maintenance counts as up. */
  static final UptimePolicy MAJOR_ONLY = UptimePolicy.builder().majorOutageOnly().maintenance(UptimePolicy.Maintenance.COUNTED_AS_UP).build();

  private static Instant t(String text) {
    return Instant.parse(text);
  }

  private static double percent(UptimePolicy policy, Timeline timeline, List<MaintenanceWindow> maintenance, UptimeWindow window) {
    UptimeFigure figure = UptimeReporter.of(policy).figure("NC027", timeline, maintenance, window);
    assertThat(figure.rule()).isEqualTo(policy.rule());
    return figure.percent().orElseThrow();
  }

  /** Partial outage 02:00–04:00 on 10 March 2026, maintenance 02:00–03:00; the day is 24 h. */
  @Test
  void partialOutageDuringMaintenance() {
    Timeline timeline = Timeline.empty("NC027").with(t("2026-03-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-10T02:00:00Z"), Status.PARTIAL_OUTAGE).with(t("2026-03-10T04:00:00Z"), Status.OPERATIONAL);
    List<MaintenanceWindow> maintenance = List.of(MaintenanceWindow.of(t("2026-03-10T02:00:00Z"), t("2026-03-10T03:00:00Z")));
    UptimeWindow day = UptimeWindow.between(t("2026-03-10T00:00:00Z"), t("2026-03-11T00:00:00Z"));
    // maintenance hour left out: 23 h counted, 1 h partial × 0.3 = 0.3 h down: 1 − 0.3/23
    assertThat(percent(STATUSPAGE, timeline, maintenance, day)).isCloseTo(98.695652, within(1e-6));
    // as observed: both hours partial × 1 = 2 h of 24 h
    assertThat(percent(STRICT, timeline, maintenance, day)).isCloseTo(91.666667, within(1e-6));
    // maintenance up, partial outage up
    assertThat(percent(MAJOR_ONLY, timeline, maintenance, day)).isEqualTo(100.0);
    UptimeFigure figure = UptimeReporter.of(STATUSPAGE).figure("NC027", timeline, maintenance, day);
    assertThat(figure.maintenanceSeconds()).isEqualTo(3600);
  }

  /** No data 22:00 10 March to 02:00 11 March, a major outage 10:00–11:00 on 11 March; the window is 48 h. */
  @Test
  void noDataAcrossMidnight() {
    Timeline timeline = Timeline.empty("NC027").with(t("2026-03-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-10T22:00:00Z"), Status.UNKNOWN).with(t("2026-03-11T02:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-11T10:00:00Z"), Status.MAJOR_OUTAGE).with(t("2026-03-11T11:00:00Z"), Status.OPERATIONAL);
    UptimeWindow twoDays = UptimeWindow.between(t("2026-03-10T00:00:00Z"), t("2026-03-12T00:00:00Z"));
    // 4 h without data left out: 1 h down of 44 h
    assertThat(percent(STATUSPAGE, timeline, List.of(), twoDays)).isCloseTo(97.727273, within(1e-6));
    // no data down: 5 h of 48 h
    assertThat(percent(STRICT, timeline, List.of(), twoDays)).isCloseTo(89.583333, within(1e-6));
    assertThat(percent(MAJOR_ONLY, timeline, List.of(), twoDays)).isCloseTo(97.727273, within(1e-6));
    // each day on its own: 2 h of no data before midnight, 2 h after
    assertThat(percent(STATUSPAGE, timeline, List.of(), UptimeWindow.between(t("2026-03-10T00:00:00Z"), t("2026-03-11T00:00:00Z")))).isEqualTo(100.0);
    // 1 h of 22 h
    assertThat(percent(STATUSPAGE, timeline, List.of(), UptimeWindow.between(t("2026-03-11T00:00:00Z"), t("2026-03-12T00:00:00Z"))))
        .isCloseTo(95.454545, within(1e-6));
    // strict, the first day: 2 h no data down of 24 h
    assertThat(percent(STRICT, timeline, List.of(), UptimeWindow.between(t("2026-03-10T00:00:00Z"), t("2026-03-11T00:00:00Z"))))
        .isCloseTo(91.666667, within(1e-6));
  }

  /** A major outage 23:00 31 March to 01:00 1 April (UTC). */
  @Test
  void anOutageSpanningAMonthBoundary() {
    Timeline timeline = Timeline.empty("NC027").with(t("2026-02-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-31T23:00:00Z"), Status.MAJOR_OUTAGE).with(t("2026-04-01T01:00:00Z"), Status.OPERATIONAL);
    for (UptimePolicy policy : List.of(STATUSPAGE, STRICT, MAJOR_ONLY)) {
      // UTC months: 1 h of March's 744 h, 1 h of April's 720 h, under every policy (a major outage is down under all)
      assertThat(percent(policy, timeline, List.of(), UptimeWindow.month(YearMonth.of(2026, 3), ZoneOffset.UTC))).isCloseTo(99.865591, within(1e-6));
      assertThat(percent(policy, timeline, List.of(), UptimeWindow.month(YearMonth.of(2026, 4), ZoneOffset.UTC))).isCloseTo(99.861111, within(1e-6));
      // Amsterdam months: March ends at 22:00 UTC on the 31st (CEST), so the whole outage is in April: 2 h of 720 h
      ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
      assertThat(percent(policy, timeline, List.of(), UptimeWindow.month(YearMonth.of(2026, 3), amsterdam))).isEqualTo(100.0);
      assertThat(percent(policy, timeline, List.of(), UptimeWindow.month(YearMonth.of(2026, 4), amsterdam))).isCloseTo(99.722222, within(1e-6));
    }
    assertThat(UptimeWindow.month(YearMonth.of(2026, 3), ZoneId.of("Europe/Amsterdam")).to()).isEqualTo(t("2026-03-31T22:00:00Z"));
  }

  /** Where the timeline has no status, the rollups give the figure: 1 failure in 10 results is 90 %. */
  @Test
  void rollupsFillInWhereTimelinesDoNotReach() {
    MutableClock clock = new MutableClock(t("2026-03-10T06:00:00Z"));
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(clock).build();
    Instant start = t("2026-03-10T00:00:00Z");
    for (int minute = 0; minute < 360; minute++) {
      recorder.record("NC027", "ams", start.plusSeconds(60L * minute).toEpochMilli(), minute % 10 == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 20_000);
    }
    recorder.compact();
    Timeline timeline = Timeline.empty("NC027").with(t("2026-03-10T06:00:00Z"), Status.OPERATIONAL);
    UptimeWindow window = UptimeWindow.between(start, t("2026-03-10T12:00:00Z"));
    UptimeFigure figure = UptimeReporter.of(STATUSPAGE).withHistory(recorder).figure("NC027", timeline, List.of(), window);
    // 6 h from rollups at 90 %, 6 h operational: 0.6 h down of 12 h
    assertThat(figure.fromRollupsSeconds()).isEqualTo(6 * 3600);
    assertThat(figure.percent().orElseThrow()).isCloseTo(95.0, within(1e-9));
  }

  /**
   * No timeline for 00:00–06:00 on 10 March 2026, only hour rollups (the minutes are past their
   * retention): a result a minute, 360; maintenance 02:00–02:30, during which 20 results failed
   * and 10 were degraded (folded with the maintenance flag); outside it 15 failed (02:30–02:44)
   * and 6 degraded (04:00–04:05). The 02:00 hour holds both kinds; read as one bucket it no longer
   * lets the maintenance failures count as down outside the window.
   */
  @Test
  void rollupsWithFailuresInsideAndOutsideMaintenance() {
    MutableClock clock = new MutableClock(t("2026-03-10T00:00:00Z"));
    HistorySettings settings = HistorySettings.builder().retention(Resolution.MINUTE, java.time.Duration.ofMinutes(122)).build();
    HistoryRecorder recorder = HistoryRecorder.builder(new InMemoryHistoryStore()).clock(clock).settings(settings).build();
    Instant start = t("2026-03-10T00:00:00Z");
    for (int minute = 0; minute < 360; minute++) {
      boolean maintenance = minute >= 120 && minute < 150;
      Outcome outcome = minute >= 120 && minute < 140 || minute >= 150 && minute < 165 ? Outcome.DOWN
          : minute >= 140 && minute < 150 || minute >= 240 && minute < 246 ? Outcome.DEGRADED : Outcome.UP;
      recorder.record("NC027", "ams", start.plusSeconds(60L * minute).toEpochMilli(), outcome, FailureKind.TIMEOUT,
          outcome == Outcome.DOWN ? -1 : 20_000, maintenance);
    }
    clock.set(t("2026-03-10T09:00:00Z"));
    recorder.compact();
    SeriesKey key = SeriesKey.of("NC027", "ams");
    assertThat(recorder.read(key, Resolution.MINUTE, start, t("2026-03-10T06:00:00Z"))).as("minutes past retention").isEmpty();
    Rollup two = recorder.read(key, Resolution.HOUR, t("2026-03-10T02:00:00Z"), t("2026-03-10T03:00:00Z")).get(0);
    assertThat(List.of(two.count(), two.failed(), two.degraded(), two.maintenanceCount(), two.maintenanceFailed(), two.maintenanceDegraded()))
        .containsExactly(60L, 35L, 10L, 30L, 20L, 10L);

    Timeline none = Timeline.empty("NC027");
    List<MaintenanceWindow> maintenance = List.of(MaintenanceWindow.of(t("2026-03-10T02:00:00Z"), t("2026-03-10T02:30:00Z")));
    UptimeWindow window = UptimeWindow.between(start, t("2026-03-10T06:00:00Z"));
    // Statuspage, maintenance left out: 0.5 h left out, 5.5 h counted; the share down of the 330 results outside
    // maintenance is 15/330 (degraded ×0): 0.25 h down; 1 − 0.25/5.5
    UptimeFigure statuspage = UptimeReporter.of(STATUSPAGE).withHistory(recorder).figure("NC027", none, maintenance, window);
    assertThat(statuspage.maintenanceSeconds()).isEqualTo(1800);
    assertThat(statuspage.fromRollupsSeconds()).isEqualTo(5.5 * 3600);
    assertThat(statuspage.percent().orElseThrow()).isCloseTo(95.454545, within(1e-6));
    // strict, maintenance as observed: all 360 results, 35 failed + 16 degraded (×1) = 51: 6 h × 51/360 = 0.85 h down of 6 h
    UptimeFigure strict = UptimeReporter.of(STRICT).withHistory(recorder).figure("NC027", none, maintenance, window);
    assertThat(strict.fromRollupsSeconds()).isEqualTo(6 * 3600);
    assertThat(strict.percent().orElseThrow()).isCloseTo(85.833333, within(1e-6));
    // major only, maintenance counted as up: the 30 maintenance results count as up, 15 failed of 360: 6 h × 15/360 = 0.25 h of 6 h
    UptimeFigure majorOnly = UptimeReporter.of(MAJOR_ONLY).withHistory(recorder).figure("NC027", none, maintenance, window);
    assertThat(majorOnly.maintenanceSeconds()).isZero();
    assertThat(majorOnly.percent().orElseThrow()).isCloseTo(95.833333, within(1e-6));
  }

  /**
   * NC027 operational, a major outage from 11:00 on 10 March 2026; its monitor last reported at
   * 11:30 (coverage until 11:35) and nothing since; now is 00:00 on 11 March. The stored timeline
   * says major outage until midnight; the page says "No data" from 11:30, and so do the figures.
   * NC031 is the same, but an open incident declares a partial outage for it, which stands while
   * nobody reports ({@link ServerStatus#whileSilent()}).
   */
  @Test
  void aSilentMonitorIsNoDataNotItsLastStatus() {
    Timeline timeline = Timeline.empty("NC027").with(t("2026-03-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-10T11:00:00Z"), Status.MAJOR_OUTAGE);
    Coverage coverage = new Coverage(t("2026-03-10T11:30:00Z"), t("2026-03-10T11:35:00Z"), null);
    StatusTracker tracker = StatusTracker.inMemory(Clock.fixed(t("2026-03-10T11:00:00Z"), ZoneOffset.UTC));
    tracker.addServer(Server.builder("NC031").build());
    Incident declared = tracker.openIncident(OpenIncident.incident("NC031: mail delayed").affecting("NC031", Status.PARTIAL_OUTAGE).declaring("NC031", Status.PARTIAL_OUTAGE)
        .body("Mail is delayed.").at(OffsetDateTime.parse("2026-03-10T11:00:00Z")).build());
    StatusBoard board = StatusBoard.of(1, t("2026-03-10T11:30:00Z"), List.of(
        new ServerStatus(Server.builder("NC027").build(), Status.MAJOR_OUTAGE, null,
            t("2026-03-10T11:30:00Z"), t("2026-03-01T00:00:00Z"), t("2026-03-10T11:00:00Z"), timeline, coverage),
        new ServerStatus(Server.builder("NC031").build(), Status.MAJOR_OUTAGE, null,
            t("2026-03-10T11:30:00Z"), t("2026-03-01T00:00:00Z"), t("2026-03-10T11:00:00Z"), timeline, coverage)),
        List.of(declared));
    Clock midnight = Clock.fixed(t("2026-03-11T00:00:00Z"), ZoneOffset.UTC);
    UptimeWindow day = UptimeWindow.between(t("2026-03-10T00:00:00Z"), t("2026-03-11T00:00:00Z"));
    // Statuspage: 11.5 h counted, 0.5 h down (11:00–11:30), 12.5 h no data: 1 − 0.5/11.5 (the stored timeline: 13 h of 24 h)
    UptimeFigure nc027 = UptimeReporter.of(STATUSPAGE).withClock(midnight).server(board, "NC027", day).servers().get(0);
    assertThat(nc027.noDataSeconds()).isEqualTo(12.5 * 3600);
    assertThat(nc027.percent().orElseThrow()).isCloseTo(95.652174, within(1e-6));
    // strict counts no data as down: 0.5 + 12.5 = 13 h of 24 h
    assertThat(UptimeReporter.of(STRICT).withClock(midnight).server(board, "NC027", day).servers().get(0).percent().orElseThrow())
        .isCloseTo(45.833333, within(1e-6));
    // at 11:34 the coverage still holds: nothing is silent, the rest of the day is the stored major outage
    Clock before = Clock.fixed(t("2026-03-10T11:34:00Z"), ZoneOffset.UTC);
    assertThat(UptimeReporter.of(STATUSPAGE).withClock(before).server(board, "NC027", day).servers().get(0).noDataSeconds()).isZero();
    // NC031: the declared partial outage stands from 11:30: 0.5 h major + 12.5 h × 0.3 = 4.25 h down of 24 h
    UptimeFigure nc031 = UptimeReporter.of(STATUSPAGE).withClock(midnight).server(board, "NC031", day).servers().get(0);
    assertThat(nc031.noDataSeconds()).isZero();
    assertThat(nc031.percent().orElseThrow()).isCloseTo(82.291667, within(1e-6));
  }

  @Test
  void reportsPrintTheRuleWithEveryFigureInJsonAndCsv() throws Exception {
    Timeline timeline = Timeline.empty("NC027").with(t("2026-03-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-10T02:00:00Z"), Status.PARTIAL_OUTAGE).with(t("2026-03-10T04:00:00Z"), Status.OPERATIONAL);
    UptimeWindow window = UptimeWindow.month(YearMonth.of(2026, 3), ZoneOffset.UTC);
    UptimeReporter reporter = UptimeReporter.of(STATUSPAGE);
    UptimeFigure one = reporter.figure("NC027", timeline, List.of(), window);
    UptimeFigure two = reporter.figure("NC031", Timeline.empty("NC031"), List.of(), window);
    UptimeReport report = new UptimeReport(window, STATUSPAGE.rule(), com.google.common.collect.ImmutableList.of(one, two),
        UptimeFigure.sum("mail", List.of(one, two), STATUSPAGE.rule()));
    StringBuilder json = new StringBuilder();
    report.writeJson(json);
    JsonNode tree = new ObjectMapper().readTree(json.toString());
    assertThat(tree.path("rule").asText()).isEqualTo("down = major outage ×1, partial outage ×0.3, degraded ×0; maintenance left out; no data left out");
    assertThat(tree.path("servers").get(0).path("uptime_percent").asDouble()).isCloseTo(100 * (1 - 0.6 / 744), within(1e-6));
    assertThat(tree.path("servers").get(1).path("uptime_percent").isNull()).as("nothing counted: no figure, not 100").isTrue();
    assertThat(tree.path("servers").get(1).path("rule").asText()).isEqualTo(STATUSPAGE.rule());
    StringBuilder csv = new StringBuilder();
    report.writeCsv(csv);
    List<String> rows = csv.toString().lines().toList();
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).isEqualTo(UptimeReport.CSV_HEADER);
    assertThat(rows.subList(1, 4)).allSatisfy(row -> assertThat(row).endsWith(",\"" + STATUSPAGE.rule() + "\""));
    assertThat(rows.get(3)).startsWith("mail,2026-03,");
  }

  @Test
  void policiesAreValuesWithAReadableRule() {
    assertThat(UptimePolicy.ofDefaults()).isEqualTo(UptimePolicy.builder().build());
    assertThat(STRICT.rule()).isEqualTo("down = major outage ×1, partial outage ×1, degraded ×1; maintenance as observed; no data counted down");
    assertThat(MAJOR_ONLY.rule()).isEqualTo("down = major outage ×1, partial outage ×0, degraded ×0; maintenance counted as up; no data left out");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UptimePolicy.builder().partialOutageWeight(1.5).build())
        .hasMessageContaining("partialOutageWeight must be 0 to 1: 1.5");
  }
}
