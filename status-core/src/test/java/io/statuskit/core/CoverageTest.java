package io.statuskit.core;

import static io.statuskit.core.Status.MAJOR_OUTAGE;
import static io.statuskit.core.Status.OPERATIONAL;
import static io.statuskit.core.Status.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.core.json.StatusJson;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A monitor's coverage: time after it lapsed without a report is "no data", never up. */
class CoverageTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2016-11-23T00:00:00Z");

  private static StatusTracker tracker() {
    return StatusTracker.builder().clock(Clock.fixed(T0.toInstant(), ZoneOffset.UTC)).build();
  }

  private static Command.ReportCoverage covered(OffsetDateTime at) {
    return new Command.ReportCoverage(
        "monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC036", null)), at.plusMinutes(3), at);
  }

  private static Command.ReportHealth health(Status status, OffsetDateTime since, OffsetDateTime at) {
    return new Command.ReportHealth("NC036", "monitor:NC036", status, null, since, null, null, at);
  }

  @Test
  void aFreshServerIsNoDataAndHasNoUptimeFigure() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      StatusBoard board = tracker.board();
      assertThat(board.status("NC036")).isEqualTo(UNKNOWN);
      assertThat(board.uptimePercent("NC036", T0.toInstant(), T0.plusDays(1).toInstant())).isNaN();
    }
  }

  @Test
  void aServerWhoseCoverageLapsedIsNoDataAsOfNowWithoutAnyNewReport() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(OPERATIONAL, T0, T0));
      tracker.execute(covered(T0.plusHours(1)));
      ServerStatus stored = tracker.board().serverStatus("NC036").orElseThrow();
      Instant lapse = T0.plusHours(1).plusMinutes(3).toInstant();
      assertThat(stored.asOf(lapse).status()).as("at the lapse the report still holds").isEqualTo(OPERATIONAL);
      assertThat(stored.silentSince(lapse)).isEmpty();
      Instant later = T0.plusHours(3).toInstant();
      ServerStatus seen = stored.asOf(later);
      assertThat(seen.status()).isEqualTo(UNKNOWN);
      assertThat(stored.silentSince(later)).contains(T0.plusHours(1).toInstant());
      assertThat(seen.timeline().noDataTime(T0.toInstant(), later)).isEqualTo(Duration.ofHours(2));
      assertThat(stored.status()).as("the stored board is unchanged").isEqualTo(OPERATIONAL);
    }
  }

  @Test
  void aServerNoMonitorEverCoveredKeepsItsDeclaredStatus() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(MAJOR_OUTAGE, T0, T0));
      ServerStatus stored = tracker.board().serverStatus("NC036").orElseThrow();
      assertThat(stored.coverage()).isNull();
      assertThat(stored.asOf(T0.plusYears(1).toInstant())).isSameAs(stored);
      assertThat(stored.silentSince(T0.plusYears(1).toInstant())).isEmpty();
    }
  }

  @Test
  void aMonitorStoppedForAnHourLeavesAnHourWithoutDataOutOfTheDaysUptime() throws Exception {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(OPERATIONAL, T0, T0));
      // the monitor renews its coverage every minute up to 05:00, then stops for an hour
      for (OffsetDateTime at = T0; !at.isAfter(T0.plusHours(5)); at = at.plusMinutes(1)) {
        tracker.execute(covered(at));
      }
      assertThat(tracker.board().status("NC036")).as("not yet known to be gone").isEqualTo(OPERATIONAL);
      // back at 06:00: coverage lapsed at 05:03, so from 05:00 (last seen) there is no data
      tracker.execute(covered(T0.plusHours(6)));
      assertThat(tracker.board().status("NC036")).isEqualTo(UNKNOWN);
      assertThat(tracker.board().timeline("NC036").currentSince()).contains(T0.plusHours(5).toInstant());
      // its first round after the restart reports the server up again
      tracker.execute(health(OPERATIONAL, T0.plusHours(6), T0.plusHours(6)));
      for (OffsetDateTime at = T0.plusHours(6); at.isBefore(T0.plusHours(24)); at = at.plusMinutes(1)) {
        tracker.execute(covered(at));
      }
      StatusBoard board = tracker.board();
      Timeline timeline = board.timeline("NC036");
      Instant from = T0.toInstant();
      Instant to = T0.plusDays(1).toInstant();
      assertThat(timeline.statusAt(T0.plusHours(5).plusMinutes(30).toInstant())).isEqualTo(UNKNOWN);
      assertThat(timeline.noDataTime(from, to)).isEqualTo(Duration.ofHours(1));
      assertThat(board.uptimePercent("NC036", from, to)).as("over the other 23 hours").isEqualTo(100.0);

      // the coverage survives a round trip through the board document
      StatusBoard read = StatusJson.readBoard(new ByteArrayInputStream(StatusJson.writeBoard(board)));
      assertThat(read.serverStatus("NC036").orElseThrow().coverage()).isEqualTo(board.serverStatus("NC036").orElseThrow().coverage());
    }
  }

  private static Command.OpenIncident declaredDown(OffsetDateTime at) {
    return Command.OpenIncident.incident("NC036: Mail server shut down")
        .id("nc036-down")
        .impact(Impact.NONE) // the overall indicator then comes from the server's status alone
        .declaring("NC036", MAJOR_OUTAGE)
        .at(at)
        .build();
  }

  @Test
  void aStatusAnIncidentDeclaresWinsOverTheMonitorsSilenceAndNoDataComesBackWhenItIsResolved() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(OPERATIONAL, T0, T0));
      tracker.execute(covered(T0));
      tracker.execute(declaredDown(T0.plusMinutes(1)));
      StatusBoard board = tracker.board();
      ServerStatus stored = board.serverStatus("NC036").orElseThrow();
      assertThat(stored.declared()).isEqualTo(MAJOR_OUTAGE);
      assertThat(stored.whileSilent()).isEqualTo(MAJOR_OUTAGE);

      Instant later = T0.plusHours(2).toInstant();
      ServerStatus seen = stored.asOf(later);
      assertThat(stored.silentSince(later)).as("the monitor is silent").isPresent();
      assertThat(seen.status()).as("a person's statement stands without a monitor").isEqualTo(MAJOR_OUTAGE);
      assertThat(seen.timeline().noDataTime(T0.plusMinutes(1).toInstant(), later)).isZero();
      assertThat(board.indicator(later)).isEqualTo(Indicator.CRITICAL);

      // resolved while the monitor is still silent: nothing is declared, so it is "no data" again
      tracker.execute(
          new Command.PostUpdate(
              "nc036-down", IncidentState.RESOLVED, Body.plain("The mail server answers again."), ImmutableMap.of(), T0.plusHours(3)));
      ServerStatus resolved = tracker.board().serverStatus("NC036").orElseThrow();
      assertThat(resolved.declared()).isNull();
      assertThat(resolved.asOf(T0.plusHours(4).toInstant()).status()).isEqualTo(UNKNOWN);
      assertThat(tracker.board().indicator(T0.plusHours(4).toInstant())).isEqualTo(Indicator.NONE);
    }
  }

  @Test
  void theDeclaredStatusStaysInTheHistoryWhenTheMonitorReportsAgain() throws Exception {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(OPERATIONAL, T0, T0));
      tracker.execute(covered(T0));
      tracker.execute(declaredDown(T0.plusMinutes(1)));
      // the monitor is back five hours later; the incident is still open
      tracker.execute(covered(T0.plusHours(5)));
      StatusBoard board = tracker.board();
      Timeline timeline = board.timeline("NC036");
      assertThat(timeline.statusAt(T0.plusHours(2).toInstant())).isEqualTo(MAJOR_OUTAGE);
      assertThat(timeline.noDataTime(T0.toInstant(), T0.plusHours(5).toInstant())).isZero();
      assertThat(board.status("NC036")).isEqualTo(MAJOR_OUTAGE);

      // what is declared is derived from the open incidents when a board is read back
      StatusBoard read = StatusJson.readBoard(new ByteArrayInputStream(StatusJson.writeBoard(board)));
      assertThat(read.serverStatus("NC036").orElseThrow().declared()).isEqualTo(MAJOR_OUTAGE);
      assertThat(read).isEqualTo(board);
    }
  }

  @Test
  void aDeclarationEqualToTheLastObservationStandsToo() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(MAJOR_OUTAGE, T0, T0));
      tracker.execute(covered(T0));
      // the operator confirms what the monitor saw; then the monitor's host goes down too
      tracker.execute(declaredDown(T0.plusMinutes(1)));
      ServerStatus stored = tracker.board().serverStatus("NC036").orElseThrow();
      assertThat(stored.asOf(T0.plusHours(1).toInstant()).status()).isEqualTo(MAJOR_OUTAGE);
      // without the declaration the same silence is "no data"
      tracker.execute(
          new Command.PostUpdate(
              "nc036-down", IncidentState.RESOLVED, Body.plain("Resolved."), ImmutableMap.of(), T0.plusMinutes(2)));
      assertThat(tracker.board().serverStatus("NC036").orElseThrow().asOf(T0.plusHours(1).toInstant()).status())
          .isEqualTo(UNKNOWN);
    }
  }

  @Test
  void aRestartWithinTheCoverageLeavesNoGap() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(MAJOR_OUTAGE, T0, T0));
      tracker.execute(covered(T0.plusMinutes(1)));
      tracker.execute(covered(T0.plusMinutes(3)));
      assertThat(tracker.board().timeline("NC036").changes()).extracting(StatusChange::status).containsExactly(MAJOR_OUTAGE);
    }
  }

  @Test
  void aDownServerOverAGapIsOneOutageFromItsRealStart() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      tracker.execute(health(OPERATIONAL, T0, T0));
      tracker.execute(
          new Command.ReportHealth(
              "NC036", "monitor:NC036", MAJOR_OUTAGE, null, T0.plusMinutes(9), Command.OpenIncident.incident("NC036: Mail server shut down").affecting("NC036", MAJOR_OUTAGE).build(), null, T0.plusMinutes(11)));
      tracker.execute(covered(T0.plusMinutes(11)));
      tracker.execute(covered(T0.plusMinutes(40))); // monitor was gone: no data from 00:11
      tracker.execute(health(MAJOR_OUTAGE, T0.plusMinutes(40), T0.plusMinutes(40)));
      StatusEvent.HealthReported back =
          (StatusEvent.HealthReported)
              tracker.execute(
                  new Command.ReportHealth(
                      "NC036", "monitor:NC036", OPERATIONAL, null, T0.plusMinutes(50), null,
                      outage -> Body.plain("It was " + outage.describe(ZoneOffset.UTC) + "."), T0.plusMinutes(51)));
      assertThat(java.util.Objects.requireNonNull(back.resolution()).body().text()).isEqualTo("It was down for forty-one minutes between 00:09 and 00:50 UTC.");
      assertThat(tracker.board().timeline("NC036").noDataTime(T0.toInstant(), T0.plusHours(1).toInstant()))
          .isEqualTo(Duration.ofMinutes(29));
      assertThat(tracker.board().uptimePercent("NC036", T0.toInstant(), T0.plusHours(1).toInstant()))
          .isCloseTo(100.0 * (31 - 12) / 31, within(1e-9));
    }
  }

  @Test
  void theBoardRefusesASecondOpenIncidentFromOneOrigin() {
    try (StatusTracker tracker = tracker()) {
      tracker.execute(new Command.AddServer(Server.builder("NC036").build(), T0));
      Command.OpenIncident open =
          Command.OpenIncident.incident("NC036: Mail server shut down").affecting("NC036", MAJOR_OUTAGE).origin("monitor:NC036").at(T0).build();
      tracker.execute(open);
      StatusBoard board = tracker.board();
      // an event decided on an older board (another node, a monitor before its restart)
      Incident second =
          new Incident(
              "second", IncidentKind.INCIDENT, "NC036: Mail server shut down", Impact.MAJOR,
              com.google.common.collect.ImmutableMap.of("NC036", MAJOR_OUTAGE), com.google.common.collect.ImmutableSet.of(), com.google.common.collect.ImmutableSet.of(),
              ImmutableList.of(new IncidentUpdate("second-1", T0, IncidentState.INVESTIGATING, Body.plain("x"), com.google.common.collect.ImmutableMap.of(), false)),
              null, 0, "monitor:NC036");
      StatusEvent.HealthReported late =
          new StatusEvent.HealthReported(board.version() + 1, T0.toInstant(), "NC036", "monitor:NC036", MAJOR_OUTAGE, null, T0.toInstant(), second, null, null);
      assertThatThrownBy(() -> board.check(late))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("monitor:NC036")
          .hasMessageContaining("already has an open incident");
      assertThatThrownBy(() -> board.check(new StatusEvent.IncidentOpened(board.version() + 1, T0.toInstant(), second)))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () -> tracker.execute(
                  Command.OpenIncident.incident("Again").affecting("NC036", MAJOR_OUTAGE).origin("monitor:NC036").at(T0).build()))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
