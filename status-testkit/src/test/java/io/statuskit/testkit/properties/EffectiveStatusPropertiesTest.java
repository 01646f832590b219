package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.generators.Generators;
import io.statuskit.testkit.generators.StatusGenerators;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server's effective status is the worst of its inputs: the last observation, the statuses its
 * open incidents declare, and under maintenance while an affecting maintenance is in progress.
 */
class EffectiveStatusPropertiesTest {

  @Test
  void effectiveStatusIsTheWorstOfItsInputs() {
    qt().withExamples(300)
        .forAll(
            gen(StatusGenerators.statuses()),
            gen(StatusGenerators.statuses().list(0, 3)),
            gen(Generators.booleans()),
            gen(Generators.booleans()))
        .checkAssert(EffectiveStatusPropertiesTest::isTheWorst);
  }

  private static void isTheWorst(Status observed, List<Status> declared, boolean maintenanceInProgress, boolean resolveIncidents) {
    ManualClock clock = ManualClock.at(StatusGenerators.BASE);
    try (StatusTracker tracker = StatusTracker.builder().clock(clock).listenerExecutor(Runnable::run).build()) {
      tracker.addServer(Server.builder("NC027").build());
      tracker.addServer(Server.builder("NC036").build());
      clock.advance(Duration.ofMinutes(1));
      tracker.observe("NC027", observed);
      Status expected = observed;
      List<Incident> incidents = new ArrayList<>();
      for (Status status : declared) {
        clock.advance(Duration.ofMinutes(1));
        incidents.add(tracker.openIncident(OpenIncident.incident("Mail server down").declaring("NC027", status).build()));
        expected = expected.worst(status);
      }
      Incident maintenance =
          tracker.scheduleMaintenance(
              OpenIncident.maintenance(
                      "Upgrade", MaintenanceWindow.of(clock.instant(), clock.instant().plus(Duration.ofHours(1))))
                  .affecting("NC027", Status.UNDER_MAINTENANCE)
                  .build());
      assertThat(tracker.board()).server("NC027").hasStatus(expected);
      if (maintenanceInProgress) {
        clock.advance(Duration.ofMinutes(1));
        tracker.startMaintenance(maintenance.id(), Body.plain("Started"));
        expected = expected.worst(Status.UNDER_MAINTENANCE);
      }
      assertThat(tracker.board()).isConsistent().server("NC027").hasStatus(expected).hasObservedStatus(observed);
      assertThat(tracker.board()).server("NC036").hasStatus(Status.UNKNOWN);

      if (resolveIncidents) {
        for (Incident incident : incidents) {
          clock.advance(Duration.ofMinutes(1));
          tracker.resolve(incident.id(), Body.plain("Resolved"));
        }
        clock.advance(Duration.ofMinutes(1));
        tracker.completeMaintenance(maintenance.id(), Body.plain("Done"));
        assertThat(tracker.board()).isConsistent().server("NC027").hasStatus(observed);
      }
    }
  }
}
