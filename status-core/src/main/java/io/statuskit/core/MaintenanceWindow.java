package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The planned window of a maintenance: start inclusive, end exclusive, end after start.
 * Immutable and thread-safe.
 *
 * @param start when the work is planned to begin
 * @param end when it is planned to be over
 */
public record MaintenanceWindow(Instant start, Instant end) {
  /** Validates the order. */
  public MaintenanceWindow {
    requireNonNull(start, "window.start");
    requireNonNull(end, "window.end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "window.end must be after window.start: start " + start + ", end " + end);
    }
  }

  /** A window from start to end. */
  public static MaintenanceWindow of(Instant start, Instant end) {
    return new MaintenanceWindow(start, end);
  }

  /** How long the window is. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Whether {@code instant} lies in the window. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
