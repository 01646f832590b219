package io.statuskit.history;

import java.time.Duration;
import java.time.Instant;

/**
 * The width of a rollup bucket. Buckets are aligned to UTC: a minute bucket starts on a whole
 * minute, an hour bucket on a whole hour, a day bucket at 00:00 UTC. Immutable and thread-safe.
 */
public enum Resolution {
  /** One-minute buckets: every result folds into one. */
  MINUTE(60),
  /** One-hour buckets: compacted from minute buckets once the hour is over. */
  HOUR(3_600),
  /** One-day buckets (UTC days): compacted from hour buckets once the day is over. */
  DAY(86_400);

  private final long seconds;

  Resolution(long seconds) {
    this.seconds = seconds;
  }

  /** The width of a bucket in seconds. */
  public long seconds() {
    return seconds;
  }

  /** The width of a bucket. */
  public Duration duration() {
    return Duration.ofSeconds(seconds);
  }

  /** The start, in epoch seconds, of the bucket that holds this epoch second. */
  public long floor(long epochSecond) {
    return Math.floorDiv(epochSecond, seconds) * seconds;
  }

  /** The start of the bucket that holds this instant. */
  public Instant floor(Instant instant) {
    return Instant.ofEpochSecond(floor(instant.getEpochSecond()));
  }

  /** The first bucket start at or after this epoch second. */
  public long ceil(long epochSecond) {
    return -Math.floorDiv(-epochSecond, seconds) * seconds;
  }

  /** The next coarser resolution, or this one if it is the coarsest. */
  public Resolution coarser() {
    return this == MINUTE ? HOUR : DAY;
  }
}
