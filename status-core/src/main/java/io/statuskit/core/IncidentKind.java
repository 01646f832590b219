package io.statuskit.core;

import java.util.Locale;

/** What an {@link Incident} is: an unplanned incident, planned maintenance, or a notice. */
public enum IncidentKind {
  /** Something went wrong. States: investigating, identified, monitoring, resolved, postmortem. */
  INCIDENT,
  /** Planned work in a window. States: scheduled, in progress, verifying, completed, cancelled. */
  MAINTENANCE,
  /** An announcement with no lifecycle (the seed's migration posts). State: posted. */
  NOTICE;

  /** The wire name, such as {@code "maintenance"}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind with the given {@link #key()}.
   *
   * @throws IllegalArgumentException naming the value when no kind has that key
   */
  public static IncidentKind fromKey(String key) {
    for (IncidentKind kind : values()) {
      if (kind.key().equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("kind: unknown value \"" + key + "\"");
  }
}
