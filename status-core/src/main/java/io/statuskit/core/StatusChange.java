package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A point on a {@link Timeline}: from {@code at} on, the server's effective status was {@code
 * status}. Immutable and thread-safe.
 *
 * @param at when the status began
 * @param status the status from then on
 */
public record StatusChange(Instant at, Status status) {
  /** Checks the parts are present. */
  public StatusChange {
    requireNonNull(at, "at");
    requireNonNull(status, "status");
  }
}
