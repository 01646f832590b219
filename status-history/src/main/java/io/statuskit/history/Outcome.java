package io.statuskit.history;

/**
 * What one probe result said, as history keeps it (the same three values as status-probes'
 * {@code Outcome}, which core and history do not depend on). Immutable and thread-safe.
 */
public enum Outcome {
  /** The target answered as expected. */
  UP,
  /** The target answered, but slowly or with a warning. */
  DEGRADED,
  /** The target did not answer as expected; a {@link FailureKind} says how. */
  DOWN
}
