package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A notification given up on after its last attempt; the subscriber's later notifications go on.
 * Immutable and thread-safe.
 *
 * @param subscriberId the subscriber
 * @param version the board version of the event it told of (with the subscriber id, the
 *     idempotency key)
 * @param attempts how many times it was tried
 * @param lastError what went wrong the last time, such as {@code "HTTP 500"} or {@code "request
 *     timed out after PT10S"}
 * @param at when it was given up
 */
public record DeadLetter(String subscriberId, long version, int attempts, String lastError, Instant at) {
  /** Checks the parts. */
  public DeadLetter {
    requireNonNull(subscriberId, "subscriberId");
    requireNonNull(lastError, "lastError");
    requireNonNull(at, "at");
    checkArgument(version > 0, "version must be positive: %s", version);
    checkArgument(attempts >= 0, "attempts must not be negative: %s", attempts);
  }

  /** The idempotency key the notification carried: {@code subscriberId + ":" + version}. */
  public String idempotencyKey() {
    return subscriberId + ":" + version;
  }
}
