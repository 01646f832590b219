package io.statuskit.examples.check;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One probe of one server, checked once. Immutable and thread-safe.
 *
 * @param server the server id
 * @param probe the probe's name, such as {@code "smtp 127.0.0.1:25"}
 * @param outcome {@code up}, {@code degraded} or {@code down}
 * @param latency how long the check took, or null when it could not be measured
 * @param errorKind what went wrong, such as {@code connect_refused}, or null when nothing did
 * @param message a short explanation, or null
 */
public record CheckRow(
    String server,
    String probe,
    String outcome,
    @Nullable Duration latency,
    @Nullable String errorKind,
    @Nullable String message) {
  /** Checks the parts. */
  public CheckRow {
    requireNonNull(server, "server");
    requireNonNull(probe, "probe");
    requireNonNull(outcome, "outcome");
    if (!outcome.equals("up") && !outcome.equals("degraded") && !outcome.equals("down")) {
      throw new IllegalArgumentException("outcome must be up, degraded or down: \"" + outcome + "\"");
    }
  }

  /** Whether the probe found the server up. */
  public boolean isUp() {
    return outcome.equals("up");
  }
}
