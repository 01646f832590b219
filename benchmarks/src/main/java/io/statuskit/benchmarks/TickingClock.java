package io.statuskit.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves one millisecond forward each time it is read, from a fixed start, so a
 * tracker's commands get distinct, increasing times without reading the system clock. Thread-safe.
 */
final class TickingClock extends Clock {
  private final AtomicLong millis;

  TickingClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a ticking clock stays in UTC");
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.incrementAndGet());
  }

  @Override
  public long millis() {
    return millis.incrementAndGet();
  }
}
