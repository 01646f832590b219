package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.testkit.generators.StatusGenerators;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle generators give what they promise. */
class LifecyclePropertiesTest {

  @Test
  void updateSequencesOnlyMoveForwardWithinTheirKind() {
    qt().withExamples(300).forAll(gen(StatusGenerators.updateSequences())).checkAssert(LifecyclePropertiesTest::movesForward);
  }

  private static void movesForward(List<IncidentState> states) {
    assertThat(states).isNotEmpty();
    IncidentKind kind = states.get(0).kind();
    for (int i = 1; i < states.size(); i++) {
      assertThat(states.get(i).kind()).isEqualTo(kind);
      assertThat(states.get(i - 1).canMoveTo(states.get(i))).as("%s -> %s", states.get(i - 1), states.get(i)).isTrue();
    }
  }

  @Test
  void generatedIncidentsHaveValidLifecycles() {
    qt().withExamples(300).forAll(gen(StatusGenerators.incidents())).checkAssert(LifecyclePropertiesTest::hasValidLifecycle);
  }

  private static void hasValidLifecycle(Incident incident) {
    assertThat(incident.updates()).isNotEmpty();
    assertThat(incident.isOpen()).isEqualTo(!incident.state().isClosed());
    assertThat(incident.window() != null).isEqualTo(incident.kind() == IncidentKind.MAINTENANCE);
    boolean closed = false;
    for (IncidentUpdate update : incident.updates()) {
      if (update.addendum()) {
        assertThat(closed).as("addendum %s follows a close", update.id()).isTrue();
      }
      closed = closed || update.state().isClosed();
    }
    // Rebuilding runs the record's own lifecycle checks again.
    assertThat(
            new Incident(
                incident.id(), incident.kind(), incident.title(), incident.impact(), incident.affected(), incident.tags(),
                incident.categories(), incident.updates(), incident.window(), incident.revision()))
        .isEqualTo(incident);
  }
}
