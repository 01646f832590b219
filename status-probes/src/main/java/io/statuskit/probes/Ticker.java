package io.statuskit.probes;

/**
 * A source of nanosecond time for measuring durations, never wall time; inject a fake one in
 * tests.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds since an arbitrary fixed origin; only differences mean anything. */
  long read();

  /** The system ticker ({@link System#nanoTime()}). */
  static Ticker system() {
    return System::nanoTime;
  }
}
