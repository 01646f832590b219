package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch of time, start inclusive and end exclusive, in which a server had one status.
 * Immutable and thread-safe.
 *
 * @param status the status
 * @param start when it began
 * @param end when it ended (or the end of the window asked about)
 */
public record StatusInterval(Status status, Instant start, Instant end) {
  /** Checks the order. */
  public StatusInterval {
    requireNonNull(status, "status");
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
  }

  /** How long the interval is. */
  public Duration duration() {
    return Duration.between(start, end);
  }
}
