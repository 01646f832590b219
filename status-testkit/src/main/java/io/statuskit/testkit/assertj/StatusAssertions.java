package io.statuskit.testkit.assertj;

import io.statuskit.core.Incident;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Timeline;
import io.statuskit.testkit.EventRecorder;
import java.util.List;
import org.assertj.core.api.Assertions;

/**
 * Entry point for StatusKit's AssertJ assertions. It extends AssertJ's {@link Assertions}, so one
 * static import gives both:
 *
 * <pre>{@code
 * import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
 *
 * assertThat(board).server("NC027").hasStatus(Status.MAJOR_OUTAGE);
 * assertThat(incident).isResolved().lastedExactly(Duration.ofMinutes(8)).hasUpdateCount(2);
 * assertThat(board.timeline("NC027")).hasOutage("down for eight minutes between 07:09 and 07:17 UTC");
 * assertThat(recorder).containsSubsequence(observed("NC027", MAJOR_OUTAGE), resolved(id));
 * }</pre>
 *
 * <p>A plain list of events goes through {@link #assertThatEvents(List)}: an {@code
 * assertThat(List)} overload would clash with AssertJ's. Thread-safe: stateless.
 */
public class StatusAssertions extends Assertions {
  /** For projects that extend these assertions with their own. */
  protected StatusAssertions() {}

  /** Assertions on a board. */
  public static StatusBoardAssert assertThat(StatusBoard actual) {
    return new StatusBoardAssert(actual);
  }

  /** Assertions on a server as a board sees it. */
  public static ServerStatusAssert assertThat(ServerStatus actual) {
    return new ServerStatusAssert(actual);
  }

  /** Assertions on an incident, maintenance or notice. */
  public static IncidentAssert assertThat(Incident actual) {
    return new IncidentAssert(actual);
  }

  /** Assertions on a server's status history. */
  public static TimelineAssert assertThat(Timeline actual) {
    return new TimelineAssert(actual);
  }

  /** Assertions on the events a recorder holds now. */
  public static StatusEventsAssert assertThat(EventRecorder recorder) {
    return new StatusEventsAssert(recorder.events());
  }

  /** Assertions on a list of events, such as a store's or {@code NinerNetSample.events()}. */
  public static StatusEventsAssert assertThatEvents(List<? extends StatusEvent> events) {
    return new StatusEventsAssert(events);
  }
}
