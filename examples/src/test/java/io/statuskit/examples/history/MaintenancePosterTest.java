package io.statuskit.examples.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.PageSettings;
import io.statuskit.page.StatusSite;
import io.statuskit.testkit.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each occurrence of a nightly window (02:00–03:00 Europe/Amsterdam, 01:00–02:00 UTC in March
 * before the clocks change) goes on the board as a maintenance and through scheduled → in
 * progress → completed on time, once, whoever posts it; the page's calendar lists the
 * definition as one recurring event.
 */
class MaintenancePosterTest {
  private static final RecurringMaintenance NIGHTLY =
      RecurringMaintenance.of("nightly", "Nightly patching", Set.of("NC027"), LocalDateTime.parse("2026-03-01T02:00"),
          ZoneId.of("Europe/Amsterdam"), Duration.ofHours(1), Recurrence.parse("FREQ=DAILY"));
  private static final String FIRST = "nightly-20260310t0100z";

  private final ManualClock clock = ManualClock.at("2026-03-10T00:00:00Z");
  private StatusTracker tracker;

  @BeforeEach
  void open() {
    tracker = StatusTracker.builder().clock(clock).listenerExecutor(Runnable::run).build();
    tracker.addServer(Server.builder("NC027").name("Mail server").build());
    tracker.observe("NC027", Status.OPERATIONAL);
  }

  @AfterEach
  void close() {
    tracker.close();
  }

  private MaintenancePoster poster() {
    return new MaintenancePoster(tracker, MaintenanceSchedule.of(List.of(NIGHTLY)), clock);
  }

  private Incident incident(String id) {
    return tracker.board().incident(id).orElseThrow(() -> new AssertionError("not on the board: " + id));
  }

  @Test
  void anOccurrenceIsScheduledStartedAndCompletedOnTimeAndTheNextOneFollows() {
    try (MaintenancePoster poster = poster()) {
      poster.runOnce();
      Incident first = incident(FIRST);
      assertThat(first.state()).isEqualTo(IncidentState.SCHEDULED);
      assertThat(first.origin()).isEqualTo("recurring:nightly");
      assertThat(first.window()).isEqualTo(MaintenanceWindow.of(Instant.parse("2026-03-10T01:00:00Z"), Instant.parse("2026-03-10T02:00:00Z")));
      assertThat(first.affects("NC027")).isTrue();

      clock.set("2026-03-10T00:59:59Z");
      poster.runOnce();
      assertThat(incident(FIRST).state()).as("a second before the window").isEqualTo(IncidentState.SCHEDULED);

      clock.set("2026-03-10T01:00:20Z");
      poster.runOnce();
      assertThat(incident(FIRST).state()).isEqualTo(IncidentState.IN_PROGRESS);
      assertThat(tracker.board().serverStatus("NC027").orElseThrow().status()).isEqualTo(Status.UNDER_MAINTENANCE);

      clock.set("2026-03-10T02:00:20Z");
      poster.runOnce();
      assertThat(incident(FIRST).state()).isEqualTo(IncidentState.COMPLETED);
      assertThat(incident("nightly-20260311t0100z").state()).isEqualTo(IncidentState.SCHEDULED);

      poster.runOnce();
    }
    try (MaintenancePoster restarted = poster()) {
      restarted.runOnce();
    }
    assertThat(tracker.board().incidents()).as("nothing posted twice").hasSize(2);
  }

  @Test
  void aPosterStartedInsideAWindowPostsItInProgress() {
    clock.set("2026-03-10T01:30:00Z");
    try (MaintenancePoster poster = poster()) {
      poster.runOnce();
    }
    assertThat(incident(FIRST).state()).isEqualTo(IncidentState.IN_PROGRESS);
  }

  @Test
  void theCalendarHoldsTheDefinitionOnceAsARecurringEventAndNotItsPostedOccurrence() {
    try (MaintenancePoster poster = poster()) {
      poster.runOnce();
    }
    StatusSite site =
        StatusSite.builder()
            .boards(tracker::board)
            .settings(new PageSettings("Example", URI.create("https://status.example.net/"), ZoneId.of("UTC")))
            .clock(clock)
            .recurringMaintenance(List.of(NIGHTLY))
            .build();
    PageResponse calendar = site.handle(PageRequest.get("/maintenance.ics"));
    assertThat(calendar.status()).isEqualTo(200);
    String ics = new String(calendar.body(), StandardCharsets.UTF_8);
    assertThat(ics).contains("UID:recurring.nightly@", "RRULE:FREQ=DAILY", "DTSTART;TZID=Europe/Amsterdam:20260301T020000")
        .doesNotContain("UID:" + FIRST + "@");
    // the page shows the posted occurrence as any maintenance
    String front = new String(site.handle(PageRequest.get("/")).body(), StandardCharsets.UTF_8);
    assertThat(front).contains("Nightly patching");
  }
}
