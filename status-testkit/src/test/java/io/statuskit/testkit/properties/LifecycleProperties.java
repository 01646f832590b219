package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.testkit.jqwik.StatusArbitraries;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The lifecycle arbitraries give what they promise. */
class LifecycleProperties {

  @Property(tries = 300)
  void updateSequencesOnlyMoveForwardWithinTheirKind(@ForAll("sequences") List<IncidentState> states) {
    assertThat(states).isNotEmpty();
    IncidentKind kind = states.get(0).kind();
    for (int i = 1; i < states.size(); i++) {
      assertThat(states.get(i).kind()).isEqualTo(kind);
      assertThat(states.get(i - 1).canMoveTo(states.get(i))).as("%s -> %s", states.get(i - 1), states.get(i)).isTrue();
    }
  }

  @Property(tries = 300)
  void generatedIncidentsHaveValidLifecycles(@ForAll("incidents") Incident incident) {
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

  @Provide
  Arbitrary<List<IncidentState>> sequences() {
    return Arbitraries.of(IncidentKind.class).flatMap(StatusArbitraries::updateSequences);
  }

  @Provide
  Arbitrary<Incident> incidents() {
    return StatusArbitraries.incidents();
  }
}
