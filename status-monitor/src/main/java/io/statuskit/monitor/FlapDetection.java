package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Nagios-style flap detection: the last 21 observed states give 20 possible changes, weighted from
 * 0.75 (oldest) to 1.25 (newest); their weighted share is the flap percentage. A server starts
 * flapping when it reaches {@code highThreshold} percent and stops when it falls below {@code
 * lowThreshold}. While a server flaps, its hard state changes are not published and no incident is
 * opened or resolved; when it settles, the state it settled in is published.
 *
 * <p>Immutable and thread-safe.
 *
 * @param enabled whether flapping is detected at all
 * @param lowThreshold percent below which flapping stops (0 to 100)
 * @param highThreshold percent from which flapping starts (above the low threshold, up to 100)
 */
public record FlapDetection(boolean enabled, double lowThreshold, double highThreshold) {
  /** Entries in the state history, as in Nagios. */
  public static final int HISTORY = 21;

  private static final FlapDetection DEFAULTS = new FlapDetection(true, 5.0, 20.0);
  private static final FlapDetection DISABLED = new FlapDetection(false, 5.0, 20.0);

  /** Validates every part. */
  public FlapDetection {
    checkArgument(
        lowThreshold >= 0 && lowThreshold <= 100, "flap lowThreshold must be 0 to 100: %s", lowThreshold);
    checkArgument(
        highThreshold > lowThreshold && highThreshold <= 100,
        "flap highThreshold must be above lowThreshold (%s) and at most 100: %s",
        lowThreshold,
        highThreshold);
  }

  /** Nagios' defaults: low 5%, high 20%. */
  public static FlapDetection ofDefaults() {
    return DEFAULTS;
  }

  /** No flap detection. */
  public static FlapDetection disabled() {
    return DISABLED;
  }
}
