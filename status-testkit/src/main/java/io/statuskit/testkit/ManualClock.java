package io.statuskit.testkit;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Clock} that stands still until a test moves it, with a matching nanosecond ticker for
 * measuring durations.
 *
 * <p>{@link #advance(Duration)} moves wall time and the ticker forward together. {@link
 * #set(Instant)} jumps the wall time: forward, the ticker moves by the same amount; backward (as
 * when a host's clock is stepped back), the ticker stays where it is, because a ticker never goes
 * backwards. {@link #ticker()} is that ticker as Guava's {@link Ticker}, the one monotonic-time
 * type every StatusKit module takes (the probe engine, the monitor, the journal's options).
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");
 * StatusTracker tracker = StatusTracker.inMemory(clock);
 * tracker.observe("NC027", Status.MAJOR_OUTAGE);   // at 07:09:00
 * clock.advance(Duration.ofMinutes(8));
 * tracker.observe("NC027", Status.OPERATIONAL);    // at 07:17:00
 * }</pre>
 *
 * <p>Thread-safe: wall time and ticker change together in one atomic step, so a reader never sees
 * one moved without the other. Views from {@link #withZone} share the time of the clock they came
 * from.
 */
public final class ManualClock extends Clock {
  /** The default start, a fixed instant so tests that do not care are still repeatable. */
  public static final Instant DEFAULT_START = Instant.parse("2016-11-23T07:00:00Z");

  /** Wall time and ticker, changed together. */
  private record Time(Instant instant, long nanos) {}

  /** The shared, mutable time of a clock and its zone views. */
  private static final class State {
    private volatile Time current;

    State(Time current) {
      this.current = current;
    }

    Time get() {
      return current;
    }

    /** Applies {@code change} atomically; returns the times before and after. */
    synchronized Time[] update(UnaryOperator<Time> change) {
      Time before = current;
      current = change.apply(before);
      return new Time[] {before, current};
    }
  }

  private final State time;
  private final ZoneId zone;
  private final Ticker ticker =
      new Ticker() {
        @Override
        public long read() {
          return ManualClock.this.read();
        }
      };

  private ManualClock(State time, ZoneId zone) {
    this.time = time;
    this.zone = zone;
  }

  /** A clock at {@link #DEFAULT_START} in UTC, its ticker at zero. */
  public static ManualClock create() {
    return at(DEFAULT_START);
  }

  /** A clock at {@code start} in UTC, its ticker at zero. */
  public static ManualClock at(Instant start) {
    requireNonNull(start, "start");
    return new ManualClock(new State(new Time(start, 0)), ZoneOffset.UTC);
  }

  /**
   * A clock at an ISO-8601 instant such as {@code "2016-11-23T07:09:00Z"}, in UTC.
   *
   * @throws java.time.format.DateTimeParseException if the text is not such an instant
   */
  public static ManualClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  @Override
  public Instant instant() {
    return time.get().instant();
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of this clock in another zone; it shares this clock's time and ticker. */
  @Override
  public ManualClock withZone(ZoneId zone) {
    requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new ManualClock(time, zone);
  }

  /** The current time with this clock's zone offset, as commands take it ({@code at}). */
  public OffsetDateTime now() {
    return OffsetDateTime.ofInstant(instant(), zone);
  }

  /**
   * The ticker: nanoseconds since the clock was made, moved only by {@link #advance} and forward
   * {@link #set}. Only differences mean anything.
   */
  public long read() {
    return time.get().nanos();
  }

  /** The ticker as a Guava {@link Ticker}: {@link Ticker#read()} returns {@link #read()}. */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Moves wall time and ticker forward by {@code amount}.
   *
   * @return the new wall time
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws ArithmeticException if the ticker would overflow (after about 292 years)
   */
  public Instant advance(Duration amount) {
    requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
    long nanos = amount.toNanos();
    return time.update(t -> new Time(t.instant().plus(amount), Math.addExact(t.nanos(), nanos)))[1]
        .instant();
  }

  /** Shorthand for {@code advance(Duration.ofSeconds(seconds))}. */
  public Instant advanceSeconds(long seconds) {
    return advance(Duration.ofSeconds(seconds));
  }

  /**
   * Sets the wall time. Forward, the ticker moves by the same amount; backward, the ticker stays.
   *
   * @return the wall time before
   */
  public Instant set(Instant instant) {
    requireNonNull(instant, "instant");
    return time.update(
            t -> {
              Duration step = Duration.between(t.instant(), instant);
              long nanos = step.isNegative() ? t.nanos() : Math.addExact(t.nanos(), step.toNanos());
              return new Time(instant, nanos);
            })[0]
        .instant();
  }

  /** Shorthand for {@code set(Instant.parse(isoInstant))}. */
  public Instant set(String isoInstant) {
    return set(Instant.parse(isoInstant));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ManualClock
        && ((ManualClock) other).time == time
        && ((ManualClock) other).zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(time) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    Time now = time.get();
    return "ManualClock[" + now.instant() + ", " + zone + ", ticker " + now.nanos() + "ns]";
  }
}
