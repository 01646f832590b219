package io.statuskit.testkit.assertj;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatEvents;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatThrownBy;
import static io.statuskit.testkit.assertj.StatusEventConditions.addendum;
import static io.statuskit.testkit.assertj.StatusEventConditions.observed;
import static io.statuskit.testkit.assertj.StatusEventConditions.opened;
import static io.statuskit.testkit.assertj.StatusEventConditions.resolved;
import static io.statuskit.testkit.assertj.StatusEventConditions.retired;
import static io.statuskit.testkit.assertj.StatusEventConditions.serverAdded;

import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Indicator;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Visibility;
import io.statuskit.testkit.NinerNetSample;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusAssertionsTest {
  private static final StatusBoard BOARD = NinerNetSample.board();
  private static final List<StatusEvent> EVENTS = NinerNetSample.events();

  @Test
  void boardAssertionsPassOnTheSample() {
    assertThat(BOARD)
        .isConsistent()
        .hasVersion(EVENTS.size())
        .hasGlance(NinerNetSample.GLANCE.toArray(new String[0]))
        .hasIndicator(Indicator.NONE)
        .hasNoOpenIncidents()
        .hasIncidentCount(8);
    assertThat(BOARD)
        .server("NC023")
        .hasStatus(Status.OPERATIONAL)
        .hasObservedStatus(Status.OPERATIONAL)
        .isInService()
        .hasVisibility(Visibility.INTERNAL)
        .hasRole("Relay server")
        .isLocatedIn("London", "GB")
        .hasOutage("down for two hours and seventeen minutes between 13:28 and 15:45 UTC");
    assertThat(BOARD).server("NC018").isRetired().isReplacedBy("NC026").hasNoOutages();
    assertThat(BOARD).server("NC036").hasNoOutages().hasDowntime(Duration.ZERO);
    // The same AssertJ entry point still serves plain values.
    assertThat(BOARD.glance()).hasSize(10);
    assertThat("NC027").startsWith("NC");
  }

  @Test
  void serverStatusMismatchShowsExpectedAndActual() {
    assertThatThrownBy(() -> assertThat(BOARD).server("NC036").hasStatus(Status.MAJOR_OUTAGE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting server NC036 to have status major_outage but it has operational")
        .hasMessageContaining("last observed operational at 2013-05-01T00:00:00Z");
  }

  @Test
  void unknownServerFailureListsTheServersThereAre() {
    assertThatThrownBy(() -> assertThat(BOARD).server("NC099"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the board to have server NC099 but it has only [NC018, NC023, NC026");
  }

  @Test
  void glanceMismatchShowsBothLists() {
    assertThatThrownBy(() -> assertThat(BOARD).hasGlance("NC023", "NC027"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the glance table to list")
        .hasMessageContaining("[NC023, NC027]")
        .hasMessageContaining("[NC023, NC028, NC031");
  }

  @Test
  void inconsistentBoardIsReportedRuleByRule() {
    // A board rebuilt from parts: a server shown down while nothing makes it so, and retired in
    // favour of a server the board does not hold.
    var nc036 = BOARD.serverStatus("NC036").orElseThrow();
    var broken =
        new io.statuskit.core.ServerStatus(
            nc036.server().toBuilder()
                .retirement(new io.statuskit.core.Retirement(Instant.parse("2022-01-30T00:00:00Z"), "NC099"))
                .build(),
            nc036.observed(), null, nc036.observedAt(), nc036.addedAt(), nc036.changedAt(),
            nc036.timeline().with(Instant.parse("2022-01-30T00:00:00Z"), Status.MAJOR_OUTAGE));
    StatusBoard board = StatusBoard.of(1, Instant.parse("2022-01-30T00:00:00Z"), List.of(broken), List.of());

    assertThatThrownBy(() -> assertThat(board).isConsistent())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("server NC036 shows major_outage but its inputs give operational")
        .hasMessageContaining("server NC036 is replaced by NC099, which is not on the board");
  }

  @Test
  void incidentAssertionsPassOnTheNc027Outage() {
    Incident nc027 = BOARD.incident(NinerNetSample.NC027_SHUT_DOWN).orElseThrow();

    assertThat(nc027)
        .isResolved()
        .isClosed()
        .isKind(IncidentKind.INCIDENT)
        .hasTitle("NC027: Mail server shut down")
        .lastedExactly(Duration.ofMinutes(16).plusSeconds(46))
        .hasUpdateCount(2)
        .hasStates(IncidentState.IDENTIFIED, IncidentState.RESOLVED)
        .wasCreatedAt(Instant.parse("2016-11-23T07:11:41Z"))
        .affects("NC027")
        .hasTags("email", "mail server", "spam", "down time", "viruses")
        .hasLatestBodyContaining("down for eight minutes between 07:09 and 07:17 UTC");
    assertThat(BOARD).incident(NinerNetSample.EMAIL_MIGRATION_13).hasState(IncidentState.POSTED).hasAddendumCount(1);
  }

  @Test
  void lastedExactlyShowsHowLongItReallyLasted() {
    Incident nc027 = BOARD.incident(NinerNetSample.NC027_SHUT_DOWN).orElseThrow();

    assertThatThrownBy(() -> assertThat(nc027).lastedExactly(Duration.ofMinutes(8)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expecting 20161123-nc027-mail-server-shut-down to have lasted exactly PT8M but it lasted PT16M46S,"
                + " from 2016-11-23T07:11:41Z to 2016-11-23T07:28:27Z");
  }

  @Test
  void lastedExactlyOnAnOpenIncidentSaysItIsStillOpen() {
    Incident open =
        new Incident(
            "i1", IncidentKind.INCIDENT, "Down", io.statuskit.core.Impact.MINOR,
            com.google.common.collect.ImmutableMap.of(), com.google.common.collect.ImmutableSet.of(),
            com.google.common.collect.ImmutableSet.of(),
            com.google.common.collect.ImmutableList.of(
                io.statuskit.core.IncidentUpdate.of(
                    "i1-1", java.time.OffsetDateTime.parse("2016-11-23T07:11:41Z"), IncidentState.INVESTIGATING,
                    io.statuskit.core.Body.plain("Down"))),
            null, 0);

    assertThatThrownBy(() -> assertThat(open).lastedExactly(Duration.ofMinutes(8)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting i1 to have lasted exactly PT8M but it is still investigating since 2016-11-23T07:11:41Z");
    assertThatThrownBy(() -> assertThat(open).isResolved())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting i1 to be resolved but it is investigating")
        .hasMessageContaining("i1-1 2016-11-23T07:11:41Z investigating");
  }

  @Test
  void timelineAssertionsDescribeOutagesAsThePageDoes() {
    Instant day = Instant.parse("2016-11-23T00:00:00Z");

    assertThat(BOARD.timeline("NC027"))
        .hasOutage("down for eight minutes between 07:09 and 07:17 UTC")
        .hasOutage("down for eight minutes between 08:09 and 08:17 CET", ZoneId.of("Europe/Amsterdam"))
        .hasDowntime(Duration.ofMinutes(8))
        .hasDowntime(Duration.ofMinutes(8), day, day.plus(Duration.ofDays(1)))
        .hasUptimePercent(100.0 * (24 * 60 - 8) / (24 * 60), day, day.plus(Duration.ofDays(1)))
        .hasStatusAt(Instant.parse("2016-11-23T07:10:00Z"), Status.MAJOR_OUTAGE)
        .hasStatusAt(Instant.parse("2016-11-23T07:17:00Z"), Status.OPERATIONAL);
  }

  @Test
  void outageMismatchShowsTheOutagesAndTheTimeline() {
    assertThatThrownBy(() -> assertThat(BOARD.timeline("NC027")).hasOutage("down for nine minutes between 07:09 and 07:18 UTC"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting NC027 to have outages")
        .hasMessageContaining("[down for nine minutes between 07:09 and 07:18 UTC]")
        .hasMessageContaining("[down for eight minutes between 07:09 and 07:17 UTC]")
        .hasMessageContaining("2016-11-23T07:09:00Z major_outage");
    assertThatThrownBy(() -> assertThat(BOARD.timeline("NC027")).hasDowntime(Duration.ofMinutes(9)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting NC027 to have PT9M of downtime but it has PT8M");
  }

  @Test
  void eventSubsequenceMatchesInOrderWithGapsBetween() {
    assertThatEvents(EVENTS)
        .isInSequenceOrder()
        .containsSubsequence(
            serverAdded("NC027"),
            retired("NC018"),
            observed("NC027", Status.MAJOR_OUTAGE),
            opened(NinerNetSample.NC027_SHUT_DOWN),
            observed("NC027", Status.OPERATIONAL),
            resolved(NinerNetSample.NC027_SHUT_DOWN),
            addendum(NinerNetSample.EMAIL_MIGRATION_13),
            retired("NC027"))
        .haveExactly(1, resolved(NinerNetSample.NC023_SPAM))
        .hasSize(NinerNetSample.commands().size());
  }

  @Test
  void eventSubsequenceFailureNamesTheMissingStepAndListsTheEvents() {
    assertThatThrownBy(
            () ->
                assertThatEvents(EVENTS)
                    .containsSubsequence(
                        resolved(NinerNetSample.NC027_SHUT_DOWN), observed("NC027", Status.MAJOR_OUTAGE)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1. updated 20161123-nc027-mail-server-shut-down -> resolved")
        .hasMessageContaining("but no event after #")
        .hasMessageContaining("meets\n  observed NC027 major_outage")
        .hasMessageContaining("#1 2013-05-01T00:00:00Z server added NC018");
  }

  @Test
  void eventsOutOfSequenceAreReported() {
    assertThatThrownBy(() -> assertThatEvents(List.of(EVENTS.get(0), EVENTS.get(2))).isInSequenceOrder())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting events in sequence order but #3 follows #1");
  }

  @Test
  void openIncidentsAreComparedById() {
    try (var tracker = io.statuskit.core.StatusTracker.inMemory(io.statuskit.testkit.ManualClock.create())) {
      tracker.addServer(io.statuskit.core.Server.builder("NC027").build());
      Incident incident =
          tracker.openIncident(OpenIncident.incident("NC027: Mail server shut down").id("nc027").declaring("NC027", Status.MAJOR_OUTAGE).build());

      assertThat(tracker.board()).hasOpenIncidents(incident.id()).server("NC027").hasStatus(Status.MAJOR_OUTAGE);
      assertThatThrownBy(() -> assertThat(tracker.board()).hasNoOpenIncidents())
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expecting open incidents [] but they are [nc027]");
    }
  }
}
