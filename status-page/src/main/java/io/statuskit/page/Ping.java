package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One live check of a server as the page shows it in the Ping column and the response-time chart.
 * Immutable and thread-safe.
 *
 * @param at when the check finished
 * @param outcome up, degraded or down
 * @param latency how long the check took, or null when it failed before it could be measured
 * @param detail a short note such as "connect refused", or null
 */
public record Ping(Instant at, Outcome outcome, @Nullable Duration latency, @Nullable String detail) {
  /** The outcome of a live check. */
  public enum Outcome {
    /** The server answered as expected. */
    UP,
    /** It answered, slowly or with a warning. */
    DEGRADED,
    /** It did not answer as expected. */
    DOWN
  }

  /** Checks the parts. */
  public Ping {
    requireNonNull(at, "at");
    requireNonNull(outcome, "outcome");
    if (latency != null && latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
  }
}
