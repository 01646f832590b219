package io.statuskit.testkit.assertj;

import io.statuskit.core.IncidentState;
import io.statuskit.core.Status;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusEvent.IncidentOpened;
import io.statuskit.core.StatusEvent.IncidentUpdated;
import io.statuskit.core.StatusEvent.MaintenanceRescheduled;
import io.statuskit.core.StatusEvent.ServerAdded;
import io.statuskit.core.StatusEvent.ServerChanged;
import io.statuskit.core.StatusEvent.ServerRemoved;
import io.statuskit.core.StatusEvent.ServerRetired;
import io.statuskit.core.StatusEvent.StatusObserved;
import java.util.function.Predicate;
import org.assertj.core.api.Condition;

/**
 * Conditions that match events by what they did, for {@link
 * StatusEventsAssert#containsSubsequence(Condition[])} and AssertJ's {@code have}/{@code
 * areExactly}: {@code observed("NC027", MAJOR_OUTAGE)}, {@code resolved(id)}. Each describes
 * itself in failure messages. Thread-safe: conditions are immutable.
 */
public final class StatusEventConditions {
  private StatusEventConditions() {}

  /** Any event of this type. */
  public static Condition<StatusEvent> ofType(Class<? extends StatusEvent> type) {
    return condition(type::isInstance, "any " + type.getSimpleName());
  }

  /** The server was added. */
  public static Condition<StatusEvent> serverAdded(String serverId) {
    return condition(e -> e instanceof ServerAdded && ((ServerAdded) e).server().id().equals(serverId), "server added " + serverId);
  }

  /** The server's description was changed. */
  public static Condition<StatusEvent> serverChanged(String serverId) {
    return condition(
        e -> e instanceof ServerChanged && ((ServerChanged) e).server().id().equals(serverId), "server changed " + serverId);
  }

  /** The server was retired. */
  public static Condition<StatusEvent> retired(String serverId) {
    return condition(e -> e instanceof ServerRetired && ((ServerRetired) e).serverId().equals(serverId), "server retired " + serverId);
  }

  /** The server was removed. */
  public static Condition<StatusEvent> removed(String serverId) {
    return condition(e -> e instanceof ServerRemoved && ((ServerRemoved) e).serverId().equals(serverId), "server removed " + serverId);
  }

  /** The server was observed in this status. */
  public static Condition<StatusEvent> observed(String serverId, Status status) {
    return condition(
        e -> e instanceof StatusObserved
            && ((StatusObserved) e).serverId().equals(serverId)
            && ((StatusObserved) e).status() == status,
        "observed " + serverId + " " + status.key());
  }

  /** The incident with this id was opened. */
  public static Condition<StatusEvent> opened(String incidentId) {
    return condition(
        e -> e instanceof IncidentOpened && ((IncidentOpened) e).incident().id().equals(incidentId), "opened " + incidentId);
  }

  /** An incident with this title was opened. */
  public static Condition<StatusEvent> openedTitled(String title) {
    return condition(
        e -> e instanceof IncidentOpened && ((IncidentOpened) e).incident().title().equals(title),
        "opened \"" + title + "\"");
  }

  /** An update moved the incident to this state (addenda excluded). */
  public static Condition<StatusEvent> updated(String incidentId, IncidentState state) {
    return condition(
        e -> e instanceof IncidentUpdated
            && ((IncidentUpdated) e).incidentId().equals(incidentId)
            && !((IncidentUpdated) e).update().addendum()
            && ((IncidentUpdated) e).update().state() == state,
        "updated " + incidentId + " -> " + state.key());
  }

  /** The incident was resolved. */
  public static Condition<StatusEvent> resolved(String incidentId) {
    return updated(incidentId, IncidentState.RESOLVED);
  }

  /** An addendum was added to the incident. */
  public static Condition<StatusEvent> addendum(String incidentId) {
    return condition(
        e -> e instanceof IncidentUpdated
            && ((IncidentUpdated) e).incidentId().equals(incidentId)
            && ((IncidentUpdated) e).update().addendum(),
        "addendum to " + incidentId);
  }

  /** The maintenance window was moved. */
  public static Condition<StatusEvent> rescheduled(String incidentId) {
    return condition(
        e -> e instanceof MaintenanceRescheduled && ((MaintenanceRescheduled) e).incidentId().equals(incidentId),
        "rescheduled " + incidentId);
  }

  private static Condition<StatusEvent> condition(Predicate<StatusEvent> predicate, String description) {
    return new Condition<>(predicate, description);
  }
}
