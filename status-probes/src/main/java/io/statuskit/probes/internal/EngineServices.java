package io.statuskit.probes.internal;

/**
 * What the engine offers the built-in probes beyond the public {@link
 * io.statuskit.probes.spi.ProbeContext}: its deadline timer and its I/O loops. Not an API.
 *
 * <p>Implementations are thread-safe.
 */
public interface EngineServices {
  /** The timer for attempt deadlines. */
  DeadlineTimer deadlines();

  /** The selector loops sockets are driven by. */
  IoLoops ioLoops();
}
