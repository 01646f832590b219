package io.statuskit.core.json;

import io.statuskit.core.StatusEvent;

/** The wire names of the event types. */
final class EventTypes {
  static final String SERVER_ADDED = "server_added";
  static final String SERVER_CHANGED = "server_changed";
  static final String SERVER_RETIRED = "server_retired";
  static final String SERVER_REMOVED = "server_removed";
  static final String STATUS_OBSERVED = "status_observed";
  static final String INCIDENT_OPENED = "incident_opened";
  static final String INCIDENT_UPDATED = "incident_updated";
  static final String MAINTENANCE_RESCHEDULED = "maintenance_rescheduled";
  static final String HEALTH_REPORTED = "health_reported";
  static final String COVERAGE_REPORTED = "coverage_reported";
  static final String VANTAGE_FORGOTTEN = "vantage_forgotten";

  static final com.google.common.collect.ImmutableSet<String> ALL =
      com.google.common.collect.ImmutableSet.of(
          SERVER_ADDED,
          SERVER_CHANGED,
          SERVER_RETIRED,
          SERVER_REMOVED,
          STATUS_OBSERVED,
          INCIDENT_OPENED,
          INCIDENT_UPDATED,
          MAINTENANCE_RESCHEDULED,
          HEALTH_REPORTED,
          COVERAGE_REPORTED,
          VANTAGE_FORGOTTEN);

  private EventTypes() {}

  static String of(StatusEvent event) {
    if (event instanceof StatusEvent.ServerAdded) {
      return SERVER_ADDED;
    } else if (event instanceof StatusEvent.ServerChanged) {
      return SERVER_CHANGED;
    } else if (event instanceof StatusEvent.ServerRetired) {
      return SERVER_RETIRED;
    } else if (event instanceof StatusEvent.ServerRemoved) {
      return SERVER_REMOVED;
    } else if (event instanceof StatusEvent.StatusObserved) {
      return STATUS_OBSERVED;
    } else if (event instanceof StatusEvent.IncidentOpened) {
      return INCIDENT_OPENED;
    } else if (event instanceof StatusEvent.IncidentUpdated) {
      return INCIDENT_UPDATED;
    } else if (event instanceof StatusEvent.MaintenanceRescheduled) {
      return MAINTENANCE_RESCHEDULED;
    } else if (event instanceof StatusEvent.HealthReported) {
      return HEALTH_REPORTED;
    } else if (event instanceof StatusEvent.CoverageReported) {
      return COVERAGE_REPORTED;
    } else if (event instanceof StatusEvent.VantageForgotten) {
      return VANTAGE_FORGOTTEN;
    }
    throw new IllegalArgumentException("event: unknown type " + event.getClass().getName());
  }
}
