package io.statuskit.core;

import java.util.Locale;

/**
 * The lifecycle state of an {@link Incident}, per {@link IncidentKind}.
 *
 * <p>Within a kind, states only move forward: {@link #canMoveTo} allows skipping states but never
 * going back. {@link #isClosed()} states end the lifecycle; after them only an addendum (and, for
 * incidents, a postmortem) may follow. The wire names ({@link #key()}) match Statuspage's.
 */
public enum IncidentState {
  /** Incident: the cause is being looked for. */
  INVESTIGATING(IncidentKind.INCIDENT, 0),
  /** Incident: the cause is known. */
  IDENTIFIED(IncidentKind.INCIDENT, 1),
  /** Incident: a fix is in place and being watched. */
  MONITORING(IncidentKind.INCIDENT, 2),
  /** Incident: over. */
  RESOLVED(IncidentKind.INCIDENT, 3),
  /** Incident: the written analysis after resolution. */
  POSTMORTEM(IncidentKind.INCIDENT, 4),
  /** Maintenance: announced, not started. */
  SCHEDULED(IncidentKind.MAINTENANCE, 0),
  /** Maintenance: the work is being done. */
  IN_PROGRESS(IncidentKind.MAINTENANCE, 1),
  /** Maintenance: the work is done and being checked. */
  VERIFYING(IncidentKind.MAINTENANCE, 2),
  /** Maintenance: over. */
  COMPLETED(IncidentKind.MAINTENANCE, 3),
  /** Maintenance: called off. */
  CANCELLED(IncidentKind.MAINTENANCE, 3),
  /** Notice: posted; a notice has no other state. */
  POSTED(IncidentKind.NOTICE, 0);

  private final String key = name().toLowerCase(Locale.ROOT);
  private final String label = label(name());

  private final IncidentKind kind;
  private final int rank;

  IncidentState(IncidentKind kind, int rank) {
    this.kind = kind;
    this.rank = rank;
  }

  /** The kind of incident this state belongs to. */
  public IncidentKind kind() {
    return kind;
  }

  /** The state an incident of the given kind starts in when it is not told otherwise. */
  public static IncidentState initial(IncidentKind kind) {
    switch (kind) {
      case MAINTENANCE:
        return SCHEDULED;
      case NOTICE:
        return POSTED;
      default:
        return INVESTIGATING;
    }
  }

  /** Whether the lifecycle is over: resolved, postmortem, completed, cancelled or posted. */
  public boolean isClosed() {
    return this == RESOLVED
        || this == POSTMORTEM
        || this == COMPLETED
        || this == CANCELLED
        || this == POSTED;
  }

  /** Whether maintenance in this state is taking place now (in progress or verifying). */
  public boolean isActiveMaintenance() {
    return this == IN_PROGRESS || this == VERIFYING;
  }

  /**
   * Whether an update may move an incident from this state to {@code next}: same kind, and
   * forward (an open state may stay where it is; states may be skipped). A postmortem may follow
   * a resolution; nothing follows completed, cancelled or posted but an addendum.
   */
  public boolean canMoveTo(IncidentState next) {
    if (next.kind != kind) {
      return false;
    }
    if (this == RESOLVED) {
      return next == POSTMORTEM;
    }
    if (isClosed()) {
      return false;
    }
    return next.rank >= rank && next != POSTMORTEM;
  }

  /** The wire name, such as {@code "in_progress"}. */
  public String key() {
    return key;
  }

  /** A display label in English, such as {@code "In progress"}. */
  public String label() {
    return label;
  }

  private static String label(String name) {
    String words = name.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /**
   * The state with the given {@link #key()}.
   *
   * @throws IllegalArgumentException naming the value when no state has that key
   */
  public static IncidentState fromKey(String key) {
    for (IncidentState state : values()) {
      if (state.key().equals(key)) {
        return state;
      }
    }
    throw new IllegalArgumentException("state: unknown value \"" + key + "\"");
  }
}
