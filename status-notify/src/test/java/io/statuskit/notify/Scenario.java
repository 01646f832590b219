package io.statuskit.notify;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import java.util.ArrayList;
import java.util.List;

/** Commands on a tracker, and the versions of those that a subscriber to everything hears of. */
final class Scenario {
  private Scenario() {}

  /** Adds NC027 (public, tag "mail") and NC099 (internal) with a first observation each. */
  static void servers(StatusTracker tracker) {
    tracker.addServer(Server.builder("NC027").name("Mail server").tags("mail").build());
    tracker.addServer(Server.builder("NC099").name("Backup").internal().build());
    tracker.observe("NC027", Status.OPERATIONAL);
    tracker.observe("NC099", Status.OPERATIONAL);
  }

  /**
   * Runs {@code rounds} rounds of: an incident on NC027 opened, identified and resolved; NC027
   * degraded and back; an internal server down and up (heard by nobody).
   *
   * @return the versions of the events a subscriber to everything hears of, in order
   */
  static List<Long> rounds(StatusTracker tracker, int rounds) {
    List<Long> heard = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Incident incident =
          tracker.openIncident(
              OpenIncident.incident("NC027: Mail server down " + i)
                  .affecting("NC027", Status.MAJOR_OUTAGE)
                  .body("We are looking into it.")
                  .build());
      heard.add(tracker.board().version());
      tracker.postUpdate(incident.id(), IncidentState.IDENTIFIED, Body.plain("A disk failed <again> & again."));
      heard.add(tracker.board().version());
      tracker.resolve(incident.id(), Body.plain("Back to normal."));
      heard.add(tracker.board().version());
      tracker.observe("NC027", Status.DEGRADED_PERFORMANCE);
      heard.add(tracker.board().version());
      tracker.observe("NC027", Status.OPERATIONAL);
      heard.add(tracker.board().version());
      tracker.observe("NC099", Status.MAJOR_OUTAGE);
      tracker.observe("NC099", Status.OPERATIONAL);
    }
    return heard;
  }
}
