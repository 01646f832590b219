package io.statuskit.core;

import java.util.Locale;

/**
 * The overall indicator of a page, as in Statuspage's {@code status.indicator}, with its usual
 * description. Immutable and thread-safe.
 */
public enum Indicator {
  /** Everything is operational. */
  NONE("All Systems Operational"),
  /** Maintenance is in progress and nothing is worse. */
  MAINTENANCE("Service Under Maintenance"),
  /** Degraded performance or a minor incident. */
  MINOR("Minor Service Outage"),
  /** A partial outage or a major incident. */
  MAJOR("Partial System Outage"),
  /** A major outage or a critical incident. */
  CRITICAL("Major System Outage");

  private final String key = name().toLowerCase(Locale.ROOT);

  private final String description;

  Indicator(String description) {
    this.description = description;
  }

  /** The description Statuspage shows for this indicator, such as "All Systems Operational". */
  public String description() {
    return description;
  }

  /** The wire name, such as {@code "minor"}. */
  public String key() {
    return key;
  }

  /** The more severe of this indicator and {@code other}. */
  public Indicator worst(Indicator other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** The indicator a server in the given status raises on its own. */
  public static Indicator of(Status status) {
    switch (status) {
      case UNDER_MAINTENANCE:
        return MAINTENANCE;
      case DEGRADED_PERFORMANCE:
        return MINOR;
      case PARTIAL_OUTAGE:
        return MAJOR;
      case MAJOR_OUTAGE:
        return CRITICAL;
      default:
        return NONE;
    }
  }

  /** The indicator an open incident of the given impact raises on its own. */
  public static Indicator of(Impact impact) {
    switch (impact) {
      case MINOR:
        return MINOR;
      case MAJOR:
        return MAJOR;
      case CRITICAL:
        return CRITICAL;
      default:
        return NONE;
    }
  }

  /**
   * The indicator with the given {@link #key()}.
   *
   * @throws IllegalArgumentException naming the value when no indicator has that key
   */
  public static Indicator fromKey(String key) {
    for (Indicator indicator : values()) {
      if (indicator.key().equals(key)) {
        return indicator;
      }
    }
    throw new IllegalArgumentException("indicator: unknown value \"" + key + "\"");
  }
}
