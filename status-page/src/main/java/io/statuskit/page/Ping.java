package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.Status;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One live check of a server as the page shows it in the Ping column and the response-time chart.
 * Immutable and thread-safe.
 *
 * @param at when the check finished
 * @param status what the check found: {@link Status#OPERATIONAL} (it answered as expected),
 *     {@link Status#DEGRADED_PERFORMANCE} (slowly or with a warning) or {@link Status#MAJOR_OUTAGE}
 *     (it did not answer as expected)
 * @param latency how long the check took, or null when it failed before it could be measured
 * @param detail a short note such as "connect refused", or null
 */
public record Ping(Instant at, Status status, @Nullable Duration latency, @Nullable String detail) {
  /** Checks the parts. */
  public Ping {
    requireNonNull(at, "at");
    requireNonNull(status, "status");
    if (status != Status.OPERATIONAL && status != Status.DEGRADED_PERFORMANCE && status != Status.MAJOR_OUTAGE) {
      throw new IllegalArgumentException(
          "status of a check must be operational, degraded_performance or major_outage: " + status.key());
    }
    if (latency != null && latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
  }

  /** Whether the check failed: the server did not answer as expected. */
  public boolean failed() {
    return status == Status.MAJOR_OUTAGE;
  }
}
