package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A group's monthly report from a board, with recurring maintenance left out (figures by hand). */
class GroupReportTest {
  private static Instant t(String text) {
    return Instant.parse(text);
  }

  private static ServerStatus server(String id, String group, Timeline timeline) {
    Server server = Server.builder(id).name(id).group(group).build();
    return new ServerStatus(server, timeline.current(), null, null, t("2026-02-01T00:00:00Z"), t("2026-02-01T00:00:00Z"), timeline);
  }

  @Test
  void aGroupsMonthLeavesOutEveryTuesdaysWindowAndWeighsByTime() {
    Timeline nc027 = Timeline.empty("NC027").with(t("2026-02-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-10T02:00:00Z"), Status.PARTIAL_OUTAGE).with(t("2026-03-10T04:00:00Z"), Status.OPERATIONAL);
    Timeline nc031 = Timeline.empty("NC031").with(t("2026-02-01T00:00:00Z"), Status.OPERATIONAL)
        .with(t("2026-03-20T00:00:00Z"), Status.MAJOR_OUTAGE).with(t("2026-03-20T06:00:00Z"), Status.OPERATIONAL);
    Timeline web = Timeline.empty("WEB01").with(t("2026-02-01T00:00:00Z"), Status.MAJOR_OUTAGE);
    StatusBoard board = StatusBoard.of(1, t("2026-04-01T00:00:00Z"),
        List.of(server("NC027", "mail", nc027), server("NC031", "mail", nc031), server("WEB01", "web", web)), List.of());
    RecurringMaintenance tuesdays = RecurringMaintenance.of("patch", "Patching", Set.of("NC027"), LocalDateTime.parse("2026-01-06T02:00"),
        ZoneOffset.UTC, Duration.ofHours(1), Recurrence.parse("FREQ=WEEKLY;BYDAY=TU"));
    UptimeReport report = UptimeReporter.of(UptimePolicy.ofDefaults()).withRecurringMaintenance(List.of(tuesdays))
        .group(board, "mail", UptimeWindow.month(YearMonth.of(2026, 3), ZoneOffset.UTC));
    assertThat(report.servers()).extracting(UptimeFigure::subject).containsExactly("NC027", "NC031");
    // NC027: five Tuesdays (3, 10, 17, 24, 31 March) × 1 h left out; the partial outage's first hour is one of them:
    // 0.3 h down of 739 h
    UptimeFigure first = report.servers().get(0);
    assertThat(first.maintenanceSeconds()).isEqualTo(5 * 3600);
    assertThat(first.percent().orElseThrow()).isCloseTo(99.959405, within(1e-6));
    // NC031: 6 h of 744 h
    assertThat(report.servers().get(1).percent().orElseThrow()).isCloseTo(99.193548, within(1e-6));
    // the group: 6.3 h of 1,483 h (time-weighted, not the mean of the two percentages)
    assertThat(report.total().subject()).isEqualTo("mail");
    assertThat(report.total().percent().orElseThrow()).isCloseTo(99.575185, within(1e-6));
    assertThat(report.rule()).isEqualTo(UptimePolicy.ofDefaults().rule());
  }
}
