package io.statuskit.probes.spi;

import com.google.common.base.Ticker;
import java.net.InetAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a running probe may use: time sources, a timer, an executor for short callbacks, a
 * non-blocking resolver, and the channel group to open sockets in (so that closing the {@link
 * io.statuskit.probes.ProbeEngine} closes them).
 *
 * <p>Implementations are thread-safe. Probes must not shut down anything they get here.
 */
public interface ProbeContext {
  /** Wall time, for certificate validity and timestamps. */
  Clock clock();

  /** Monotonic time, for durations. */
  Ticker ticker();

  /** A timer for deadlines; tasks must be short and must not block. */
  ScheduledExecutorService scheduler();

  /** An executor for short, non-blocking callbacks. */
  Executor executor();

  /**
   * The group asynchronous socket channels are opened in, so that closing the engine closes them.
   * {@link io.statuskit.probes.ProbeEngine} creates it on the first call (its built-in probes do not
   * use it).
   */
  AsynchronousChannelGroup channelGroup();

  /**
   * Resolves a host name or address literal without blocking the caller.
   *
   * @return the addresses in preference order; fails with {@link java.net.UnknownHostException}
   */
  CompletionStage<List<InetAddress>> resolve(String host);
}
