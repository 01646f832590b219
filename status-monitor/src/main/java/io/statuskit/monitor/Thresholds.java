package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Soft and hard states, as in Gatus and Nagios: a server becomes hard-down only after {@code
 * failures} consecutive failed rounds, and up again only after {@code successes} consecutive good
 * ones; in between it is soft (the last hard state stands). A change between up and degraded also
 * needs {@code successes} rounds in a row.
 *
 * <p>Immutable and thread-safe.
 *
 * @param failures consecutive failed rounds before hard-down (1 to 100)
 * @param successes consecutive good rounds before up again (1 to 100)
 */
public record Thresholds(int failures, int successes) {
  private static final Thresholds DEFAULTS = new Thresholds(3, 2);

  /** Validates every part. */
  public Thresholds {
    checkArgument(failures >= 1 && failures <= 100, "failureThreshold must be 1 to 100: %s", failures);
    checkArgument(successes >= 1 && successes <= 100, "successThreshold must be 1 to 100: %s", successes);
  }

  /** Gatus' defaults: 3 failures, 2 successes. */
  public static Thresholds ofDefaults() {
    return DEFAULTS;
  }
}
