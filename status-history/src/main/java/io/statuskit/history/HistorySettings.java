package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long history keeps each resolution, how late a result may arrive, how often the background
 * compaction runs, and how many minute buckets per series the recorder holds while the store
 * refuses its writes. Defaults: minutes for 48 hours, hours for 90 days, days for 5 years (5 × 365
 * days), 2 minutes' lateness, compaction every minute, 360 unwritten minutes (a six-hour store
 * outage) per series. Immutable and thread-safe.
 */
public final class HistorySettings {
  private final Map<Resolution, Duration> retention;
  private final Duration lateness;
  private final Duration compactEvery;
  private final int maxUnwrittenMinutes;

  private HistorySettings(Builder builder) {
    this.maxUnwrittenMinutes = builder.maxUnwrittenMinutes;
    this.retention = new EnumMap<>(builder.retention);
    this.lateness = builder.lateness;
    this.compactEvery = builder.compactEvery;
  }

  /** The defaults. */
  public static HistorySettings ofDefaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long buckets of this resolution are kept (counted back from the clock's now). */
  public Duration retention(Resolution resolution) {
    Duration kept = retention.get(resolution);
    if (kept == null) {
      throw new IllegalStateException("no retention for " + resolution);
    }
    return kept;
  }

  /** How long after a minute ends a result for it is still folded in; later ones are dropped and counted. */
  public Duration lateness() {
    return lateness;
  }

  /** How often the recorder's background task flushes and compacts, when it has a scheduler. */
  public Duration compactEvery() {
    return compactEvery;
  }

  /**
   * How many minute buckets per series the recorder keeps when the store fails to write them, to
   * write them with the next flush; beyond that the oldest are dropped, counted ({@link
   * HistoryRecorder#lostResults()}) and logged.
   */
  public int maxUnwrittenMinutes() {
    return maxUnwrittenMinutes;
  }

  @Override
  public String toString() {
    return "HistorySettings{retention=" + retention + ", lateness=" + lateness + ", compactEvery=" + compactEvery
        + ", maxUnwrittenMinutes=" + maxUnwrittenMinutes + "}";
  }

  /** Builds {@link HistorySettings}; not thread-safe. */
  public static final class Builder {
    private final Map<Resolution, Duration> retention = new EnumMap<>(Resolution.class);
    private Duration lateness = Duration.ofMinutes(2);
    private Duration compactEvery = Duration.ofMinutes(1);
    private int maxUnwrittenMinutes = 360;

    private Builder() {
      retention.put(Resolution.MINUTE, Duration.ofHours(48));
      retention.put(Resolution.HOUR, Duration.ofDays(90));
      retention.put(Resolution.DAY, Duration.ofDays(5 * 365));
    }

    /** Keeps buckets of this resolution for this long. */
    public Builder retention(Resolution resolution, Duration kept) {
      retention.put(requireNonNull(resolution, "resolution"), requireNonNull(kept, "kept"));
      return this;
    }

    /** Folds in results up to this long after their minute ended. */
    public Builder lateness(Duration lateness) {
      this.lateness = requireNonNull(lateness, "lateness");
      return this;
    }

    /** Flushes and compacts this often in the background. */
    public Builder compactEvery(Duration every) {
      this.compactEvery = requireNonNull(every, "every");
      return this;
    }

    /**
     * Keeps up to this many minute buckets per series whose write failed, for the next flush
     * (360 by default: six hours of a store outage; 0 drops them at once, counted and logged).
     */
    public Builder maxUnwrittenMinutes(int minutes) {
      this.maxUnwrittenMinutes = minutes;
      return this;
    }

    /** The settings, checked: each resolution must be kept at least twice as long as one coarser bucket plus the lateness. */
    public HistorySettings build() {
      checkArgument(!lateness.isNegative() && lateness.compareTo(Duration.ofMinutes(30)) <= 0,
          "lateness must be 0 to 30 minutes: %s", lateness);
      checkArgument(compactEvery.compareTo(Duration.ofSeconds(1)) >= 0, "compactEvery must be at least 1 second: %s", compactEvery);
      checkArgument(maxUnwrittenMinutes >= 0, "maxUnwrittenMinutes must not be negative: %s", maxUnwrittenMinutes);
      for (Resolution resolution : Resolution.values()) {
        Duration kept = retention.get(resolution);
        Duration least = resolution == Resolution.DAY
            ? Resolution.DAY.duration()
            : resolution.coarser().duration().multipliedBy(2).plus(lateness);
        checkArgument(kept != null && kept.compareTo(least) >= 0,
            "retention of %s must be at least %s (so a coarser bucket can be compacted from it): %s", resolution, least, kept);
      }
      return new HistorySettings(this);
    }
  }
}
