package io.statuskit.probes;

/**
 * What a probe found, from best to worst; {@link #UNSUPPORTED} means the probe could not run here
 * at all (such as ICMP without privileges) and says nothing about the server.
 *
 * <p>Immutable and thread-safe.
 */
public enum Outcome {
  /** The server answered as expected. */
  UP,
  /** The server answered, but slowly or with a warning (such as a certificate expiring soon). */
  DEGRADED,
  /** The server did not answer, or answered wrongly. */
  DOWN,
  /** The probe cannot run in this environment; the server's state is unknown. */
  UNSUPPORTED;

  /** Whether this outcome counts as a failure for thresholds: only {@link #DOWN}. */
  public boolean isFailure() {
    return this == DOWN;
  }
}
