package io.statuskit.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Incident;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.probes.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An occurrence of recurring maintenance holds back the monitor's auto-incident: a server that
 * goes down inside its nightly window (02:00–03:00 Europe/Amsterdam, 01:00–02:00 UTC in March
 * before the clocks change) gets no incident while the window lasts, and one as soon as it ends
 * if it is still down. The same script without the window opens the incident after three
 * failed checks.
 */
class MonitorMaintenanceTest {
  private static final RecurringMaintenance NIGHTLY =
      RecurringMaintenance.of("nightly", "Nightly patching", Set.of("NC027"),
          LocalDateTime.parse("2026-03-01T02:00"), ZoneId.of("Europe/Amsterdam"), Duration.ofHours(1),
          Recurrence.parse("FREQ=DAILY"));

  // 00:55 UTC on Tuesday 10 March 2026: five good checks, then down from 01:00 for 75 minutes.
  private static final String SCRIPT = "up×5, down:refused×75, up×5";

  private final ManualClock clock = ManualClock.at("2026-03-10T00:55:00Z");
  private StatusTracker tracker;
  private ProbeEngine engine;

  @BeforeEach
  void open() {
    tracker = StatusTracker.builder().clock(clock).listenerExecutor(Runnable::run).build();
    tracker.addServer(Server.builder("NC027").name("Mail server").location("Amsterdam", "NL").build());
    engine = ProbeEngine.builder().clock(clock).build();
  }

  @AfterEach
  void close() {
    engine.close();
    tracker.close();
  }

  private Monitor monitor(MaintenanceSchedule schedule) {
    return Monitor.builder(tracker)
        .engine(engine)
        .clock(clock)
        .incidentPolicy(IncidentPolicy.ofDefaults())
        .maintenance(schedule)
        .target(TargetConfig.builder("NC027").name("Mail server").probe(ScriptedProbe.of(SCRIPT)).build())
        .build();
  }

  private void checkEveryMinute(Monitor monitor, int checks) throws Exception {
    for (int i = 0; i < checks; i++) {
      monitor.checkNow("NC027").get(5, TimeUnit.SECONDS);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void noIncidentOpensWhileTheWindowCoversTheServerAndOneOpensWhenItEnds() throws Exception {
    try (Monitor monitor = monitor(MaintenanceSchedule.of(List.of(NIGHTLY)))) {
      checkEveryMinute(monitor, 65); // 00:55 .. 01:59, the last check at 01:59
      assertThat(tracker.board().timeline("NC027").statusAt(Instant.parse("2026-03-10T01:30:00Z")))
          .as("the status is still reported during maintenance").isEqualTo(Status.MAJOR_OUTAGE);
      assertThat(tracker.board().incidents()).as("incidents during the window").isEmpty();

      checkEveryMinute(monitor, 1); // 02:00 UTC: the window is over, the server still down
      assertThat(tracker.board().openIncidents()).singleElement()
          .satisfies(incident -> assertThat(incident.createdInstant()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z")));
    }
  }

  @Test
  void withoutTheWindowTheSameOutageOpensAnIncidentAtOnce() throws Exception {
    try (Monitor monitor = monitor(MaintenanceSchedule.empty())) {
      checkEveryMinute(monitor, 10);
    }
    List<Incident> incidents = tracker.board().incidents();
    assertThat(incidents).singleElement()
        .satisfies(incident -> assertThat(incident.createdInstant()).isBefore(Instant.parse("2026-03-10T01:05:00Z")));
  }
}
