package io.statuskit.core;

import java.util.Locale;

/**
 * The status of a server, ordered from least to most severe; {@link #worst} combines statuses.
 *
 * <p>The names other than {@link #UNKNOWN} map one-to-one onto Statuspage's component statuses
 * ({@link #key()}). {@code UNKNOWN} means "no observation yet" and sits just above operational:
 * any real information outranks it, but it is never shown as operational.
 *
 * <p>Immutable and thread-safe.
 */
public enum Status {
  /** Working normally. */
  OPERATIONAL("Operational"),
  /** Nothing is known yet (no observation since the server was added). */
  UNKNOWN("Unknown"),
  /** Taken down or limited on purpose during a maintenance window. */
  UNDER_MAINTENANCE("Under maintenance"),
  /** Working, but slowly or with errors. */
  DEGRADED_PERFORMANCE("Degraded performance"),
  /** Partly unavailable. */
  PARTIAL_OUTAGE("Partial outage"),
  /** Unavailable. */
  MAJOR_OUTAGE("Major outage");

  private final String key = name().toLowerCase(Locale.ROOT);

  private final String label;

  Status(String label) {
    this.label = label;
  }

  /** A display label in English, such as {@code "Major outage"}. */
  public String label() {
    return label;
  }

  /** The wire name, such as {@code "major_outage"}: Statuspage's component status name. */
  public String key() {
    return key;
  }

  /** Whether this status counts as downtime: a partial or major outage. */
  public boolean isOutage() {
    return this == PARTIAL_OUTAGE || this == MAJOR_OUTAGE;
  }

  /** The more severe of this status and {@code other}. */
  public Status worst(Status other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * The status with the given {@link #key()}.
   *
   * @throws IllegalArgumentException naming the value when no status has that key
   */
  public static Status fromKey(String key) {
    for (Status status : values()) {
      if (status.key().equals(key)) {
        return status;
      }
    }
    throw new IllegalArgumentException("status: unknown value \"" + key + "\"");
  }
}
