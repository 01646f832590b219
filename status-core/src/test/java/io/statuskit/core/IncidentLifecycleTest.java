package io.statuskit.core;

import static io.statuskit.core.IncidentState.COMPLETED;
import static io.statuskit.core.IncidentState.IDENTIFIED;
import static io.statuskit.core.IncidentState.INVESTIGATING;
import static io.statuskit.core.IncidentState.IN_PROGRESS;
import static io.statuskit.core.IncidentState.MONITORING;
import static io.statuskit.core.IncidentState.POSTMORTEM;
import static io.statuskit.core.IncidentState.RESOLVED;
import static io.statuskit.core.IncidentState.SCHEDULED;
import static io.statuskit.core.IncidentState.VERIFYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Command.AddAddendum;
import io.statuskit.core.Command.AddNote;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.PostUpdate;
import com.google.common.collect.ImmutableMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2016-11-23T07:11:41Z");
  private StatusTracker tracker;
  private String id;

  @BeforeEach
  void openAnIncident() {
    tracker = StatusTracker.inMemory(Clock.fixed(Instant.parse("2010-01-01T00:00:00Z"), ZoneOffset.UTC));
    tracker.addServer(Server.builder("NC027").build());
    id =
        tracker
            .openIncident(
                OpenIncident.incident("NC027: Mail server shut down")
                    .affecting("NC027", Status.MAJOR_OUTAGE)
                    .body("We have temporarily shut down server NC027.")
                    .at(T0)
                    .build())
            .id();
  }

  private Incident post(IncidentState state, Duration after) {
    tracker.execute(new PostUpdate(id, state, Body.plain("update"), ImmutableMap.of(), T0.plus(after)));
    return tracker.board().incident(id).orElseThrow();
  }

  @Test
  void statesMayBeSkippedForward() {
    Incident incident = post(MONITORING, Duration.ofMinutes(1));
    assertThat(incident.state()).isEqualTo(MONITORING);
    assertThat(post(RESOLVED, Duration.ofMinutes(2)).isOpen()).isFalse();
  }

  @Test
  void anUpdateMayCarryItsOwnTitleAsTheSeedsFollowUpPostsDo() {
    tracker.execute(
        new PostUpdate(id, RESOLVED, Body.plain("The mail server has been restarted."), ImmutableMap.of(),
            OffsetDateTime.parse("2016-11-23T07:28:27Z"), "NC027: Mail server back online"));
    Incident incident = tracker.board().incident(id).orElseThrow();
    assertThat(incident.latestUpdate().title()).isEqualTo("NC027: Mail server back online");
    assertThat(incident.latestUpdate().titleOr(incident.title())).isEqualTo("NC027: Mail server back online");
    assertThat(incident.updates().get(0).titleOr(incident.title())).isEqualTo("NC027: Mail server shut down");
    assertThatThrownBy(
            () -> new PostUpdate(id, RESOLVED, Body.plain("x"), ImmutableMap.of(), null, " "))
        .hasMessageContaining("update.title");
  }

  @Test
  void anOpenStateMayBeRepeated() {
    post(IDENTIFIED, Duration.ofMinutes(1));
    assertThat(post(IDENTIFIED, Duration.ofMinutes(2)).updates()).hasSize(3);
  }

  @Test
  void goingBackwardsIsRejectedAndChangesNothing() {
    post(MONITORING, Duration.ofMinutes(1));
    StatusBoard before = tracker.board();
    assertThatThrownBy(() -> post(INVESTIGATING, Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update.state")
        .hasMessageContaining("monitoring")
        .hasMessageContaining("investigating");
    assertThat(tracker.board()).isSameAs(before);
  }

  @Test
  void resolvingTwiceIsRejected() {
    post(RESOLVED, Duration.ofMinutes(5));
    StatusBoard before = tracker.board();
    assertThatThrownBy(() -> post(RESOLVED, Duration.ofMinutes(6)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resolved")
        .hasMessageContaining("only an addendum");
    assertThat(tracker.board()).isSameAs(before);
  }

  @Test
  void updatesOutOfTimeOrderAreRejected() {
    post(IDENTIFIED, Duration.ofMinutes(5));
    assertThatThrownBy(() -> post(MONITORING, Duration.ofMinutes(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("update.time")
        .hasMessageContaining("2016-11-23T07:15:41Z");
  }

  @Test
  void anInternalNoteKeepsTheStateMayFollowACloseAndIsLeftOutOfThePublicBoard() throws Exception {
    post(IDENTIFIED, Duration.ofMinutes(1));
    tracker.execute(new AddNote(id, Body.plain("Root cause: the spam filter's disk filled up."), T0.plusMinutes(2)));
    Incident noted = tracker.board().incident(id).orElseThrow();
    assertThat(noted.state()).isEqualTo(IDENTIFIED);
    assertThat(noted.latestUpdate().internal()).isTrue();
    assertThat(noted.latestUpdate().state()).isEqualTo(IDENTIFIED);
    assertThat(noted.latestUpdate().statusChanges()).isEmpty();

    assertThat(post(RESOLVED, Duration.ofMinutes(3)).isOpen()).isFalse();
    tracker.execute(new AddNote(id, Body.plain("Ordered a bigger disk."), T0.plusMinutes(4)));
    Incident resolved = tracker.board().incident(id).orElseThrow();
    assertThat(resolved.state()).isEqualTo(RESOLVED);
    assertThat(resolved.updates()).extracting(IncidentUpdate::internal).containsExactly(false, false, true, false, true);

    StatusBoard board = tracker.board();
    StatusBoard shown = board.withoutInternalNotes();
    assertThat(shown.version()).isEqualTo(board.version());
    Incident publicIncident = shown.incident(id).orElseThrow();
    assertThat(publicIncident.updates()).hasSize(3).noneMatch(IncidentUpdate::internal);
    assertThat(publicIncident.state()).isEqualTo(RESOLVED);
    IncidentQuery byNote = IncidentQuery.builder().text("spam filter").build();
    assertThat(board.incidents(byNote).items()).extracting(Incident::id).containsExactly(id);
    assertThat(shown.incidents(byNote).items()).isEmpty();
    assertThat(shown.withoutInternalNotes()).isSameAs(shown);
    assertThat(board.withoutInternalNotes()).isSameAs(shown);

    // A board without notes is its own public board; the codec keeps the flag.
    StatusBoard copy = io.statuskit.core.json.StatusJson.readBoard(new java.io.ByteArrayInputStream(boardJson(board)));
    assertThat(copy).isEqualTo(board);
    assertThat(new String(boardJson(shown), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\"internal\"");
    assertThat(new String(boardJson(board), java.nio.charset.StandardCharsets.UTF_8)).contains("\"internal\":true");
  }

  private static byte[] boardJson(StatusBoard board) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    io.statuskit.core.json.StatusJson.writeBoard(board, out);
    return out.toByteArray();
  }

  @Test
  void anInternalNoteCannotChangeTheStateDeclareStatusesOrOpenAnIncident() {
    OffsetDateTime later = T0.plusMinutes(5);
    assertThatThrownBy(
            () -> new IncidentUpdate("u9", later, INVESTIGATING, Body.plain("x"), ImmutableMap.of("NC027", Status.OPERATIONAL), false, null, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("update.internal");
    Incident incident = tracker.board().incident(id).orElseThrow();
    assertThatThrownBy(() -> incident.withUpdate(IncidentUpdate.note("u9", later, RESOLVED, Body.plain("x"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update.state of an internal note must stay investigating");
    assertThatThrownBy(
            () -> new Incident(
                "i2", IncidentKind.INCIDENT, "t", Impact.MINOR, ImmutableMap.of(), com.google.common.collect.ImmutableSet.of(),
                com.google.common.collect.ImmutableSet.of(),
                com.google.common.collect.ImmutableList.of(IncidentUpdate.note("u1", later, INVESTIGATING, Body.plain("x"))), null, 0))
        .hasMessageContaining("cannot be an internal note");
    assertThatThrownBy(() -> tracker.addNote("no-such-incident", Body.plain("x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAddendumAfterResolutionKeepsTheIncidentResolved() {
    post(RESOLVED, Duration.ofMinutes(17));
    tracker.execute(
        new AddAddendum(id, Body.plain("Update, 2022-01-24: still true."), OffsetDateTime.parse("2022-01-24T12:00:00Z")));
    Incident incident = tracker.board().incident(id).orElseThrow();
    assertThat(incident.state()).isEqualTo(RESOLVED);
    assertThat(incident.isOpen()).isFalse();
    assertThat(incident.latestUpdate().addendum()).isTrue();
    assertThat(incident.duration()).contains(Duration.ofMinutes(17));
  }

  @Test
  void anAddendumToAnOpenIncidentIsRejected() {
    assertThatThrownBy(() -> tracker.execute(new AddAddendum(id, Body.plain("late"), T0.plusMinutes(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("addendum")
        .hasMessageContaining("investigating");
  }

  @Test
  void aPostmortemMayFollowAResolutionOnce() {
    post(RESOLVED, Duration.ofMinutes(5));
    assertThat(post(POSTMORTEM, Duration.ofDays(2)).state()).isEqualTo(POSTMORTEM);
    assertThatThrownBy(() -> post(POSTMORTEM, Duration.ofDays(3))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aMaintenanceStateCannotBePostedToAnIncident() {
    assertThatThrownBy(() -> post(IN_PROGRESS, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in_progress");
  }

  @Test
  void maintenanceRunsScheduledInProgressVerifyingCompletedAndThenOnlyTakesAddenda() {
    tracker.addServer(Server.builder("NC018").build());
    MaintenanceWindow window =
        MaintenanceWindow.of(Instant.parse("2013-05-03T19:00:00Z"), Instant.parse("2013-05-03T23:00:00Z"));
    Incident maintenance =
        tracker.scheduleMaintenance(
            OpenIncident.maintenance("Server NC018 replacement", window)
                .affecting("NC018", Status.UNDER_MAINTENANCE)
                .at(OffsetDateTime.parse("2013-05-03T07:11:33Z"))
                .build());
    assertThat(maintenance.state()).isEqualTo(SCHEDULED);
    String mid = maintenance.id();
    tracker.execute(new PostUpdate(mid, IN_PROGRESS, Body.plain("started"), ImmutableMap.of(), OffsetDateTime.parse("2013-05-03T19:00:00Z")));
    assertThat(tracker.board().status("NC018")).isEqualTo(Status.UNDER_MAINTENANCE);
    tracker.execute(new PostUpdate(mid, VERIFYING, Body.plain("checking"), ImmutableMap.of(), OffsetDateTime.parse("2013-05-03T22:00:00Z")));
    tracker.execute(new PostUpdate(mid, COMPLETED, Body.plain("done"), ImmutableMap.of(), OffsetDateTime.parse("2013-05-03T22:30:00Z")));
    assertThat(tracker.board().status("NC018")).isEqualTo(Status.UNKNOWN);
    assertThatThrownBy(
            () -> tracker.execute(new PostUpdate(mid, COMPLETED, Body.plain("again"), ImmutableMap.of(), OffsetDateTime.parse("2013-05-04T00:00:00Z"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("completed");
    assertThatThrownBy(() -> tracker.rescheduleMaintenance(mid, window))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("completed");
  }

  @Test
  void rescheduleBumpsTheRevision() {
    tracker.addServer(Server.builder("NC018").build());
    Instant start = Instant.parse("2030-02-01T19:00:00Z");
    Incident maintenance =
        tracker.scheduleMaintenance(
            OpenIncident.maintenance("Disk swap", MaintenanceWindow.of(start, start.plusSeconds(3600)))
                .affecting("NC018", Status.UNDER_MAINTENANCE)
                .build());
    Incident moved =
        tracker.rescheduleMaintenance(
            maintenance.id(), MaintenanceWindow.of(start.plusSeconds(86400), start.plusSeconds(90000)));
    assertThat(moved.revision()).isEqualTo(1);
    assertThat(tracker.board().upcomingMaintenance()).extracting(Incident::id).containsExactly(maintenance.id());
  }

  @Test
  void aNoticeIsSimplyPosted() {
    Incident notice =
        tracker.postNotice(
            OpenIncident.notice("Email migration: Update 14").body("This is the last post.").at(T0).build());
    assertThat(notice.state()).isEqualTo(IncidentState.POSTED);
    assertThat(notice.isOpen()).isFalse();
    assertThatThrownBy(
            () -> tracker.execute(new PostUpdate(notice.id(), IncidentState.POSTED, Body.plain("again"), ImmutableMap.of(), T0.plusDays(1))))
        .isInstanceOf(IllegalStateException.class);
  }
}
