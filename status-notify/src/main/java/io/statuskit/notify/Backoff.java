package io.statuskit.notify;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When a failed delivery is tried again: the n-th retry waits {@code initial × 2^(n-1)}, at most
 * {@code max}, less a random part of up to {@code jitter} of it (so receivers that failed
 * together are not retried together); after {@code maxAttempts} attempts the notification is
 * dead-lettered. Immutable and thread-safe.
 *
 * @param initial the wait before the first retry, positive
 * @param max the longest wait, at least {@code initial}
 * @param jitter the share of each wait that is random, 0 to 1
 * @param maxAttempts attempts before dead-lettering, 1 to 100
 */
public record Backoff(Duration initial, Duration max, double jitter, int maxAttempts) {
  /** Checks the parts. */
  public Backoff {
    requireNonNull(initial, "initial");
    requireNonNull(max, "max");
    checkArgument(!initial.isNegative() && !initial.isZero(), "initial must be positive: %s", initial);
    checkArgument(max.compareTo(initial) >= 0, "max must be at least initial (%s): %s", initial, max);
    checkArgument(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1: %s", jitter);
    checkArgument(maxAttempts >= 1 && maxAttempts <= 100, "maxAttempts must be 1 to 100: %s", maxAttempts);
  }

  /**
   * 10 attempts: waits of 5 s, 10 s, 20 s, ... up to 15 min with 20 % jitter (about 40 minutes
   * from the first attempt to the dead letter).
   */
  public static Backoff ofDefaults() {
    return new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), 0.2, 10);
  }

  /**
   * The wait before attempt {@code attempt + 1}.
   *
   * @param attempt the attempt that failed, from 1
   * @param random a number in [0, 1) that picks the jitter
   * @return the wait
   */
  public Duration delayAfter(int attempt, double random) {
    checkArgument(attempt >= 1, "attempt must be positive: %s", attempt);
    checkArgument(random >= 0 && random < 1, "random must be in [0, 1): %s", random);
    long initialNanos = initial.toNanos();
    long maxNanos = max.toNanos();
    long base = maxNanos;
    if (attempt - 1 < 62 && initialNanos <= (maxNanos >> (attempt - 1))) {
      base = Math.min(maxNanos, initialNanos << (attempt - 1));
    }
    long cut = (long) (base * jitter * random);
    return Duration.ofNanos(base - cut);
  }
}
