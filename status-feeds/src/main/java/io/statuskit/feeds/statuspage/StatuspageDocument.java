package io.statuskit.feeds.statuspage;

/** The documents of Statuspage's v2 API, by path under {@code /api/v2/}. Immutable and thread-safe. */
public enum StatuspageDocument {
  /** Page, components, unresolved incidents, upcoming and active maintenance, status. */
  SUMMARY("summary.json"),
  /** Page and overall status. */
  STATUS("status.json"),
  /** Page and components. */
  COMPONENTS("components.json"),
  /** The 50 most recent incidents. */
  INCIDENTS("incidents.json"),
  /** Incidents not yet resolved. */
  UNRESOLVED_INCIDENTS("incidents/unresolved.json"),
  /** The 50 most recent scheduled maintenances. */
  SCHEDULED_MAINTENANCES("scheduled-maintenances.json"),
  /** Maintenances scheduled and not started. */
  UPCOMING_MAINTENANCES("scheduled-maintenances/upcoming.json"),
  /** Maintenances in progress or verifying. */
  ACTIVE_MAINTENANCES("scheduled-maintenances/active.json");

  private final String path;

  StatuspageDocument(String path) {
    this.path = path;
  }

  /** The path under {@code /api/v2/}, such as {@code incidents/unresolved.json}. */
  public String path() {
    return path;
  }
}
