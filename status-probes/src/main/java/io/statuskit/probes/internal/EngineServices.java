package io.statuskit.probes.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What the built-in probes use beyond the public {@link io.statuskit.probes.spi.ProbeContext}: the
 * selector loops their sockets run on, the timer for attempt deadlines, the pool that runs TLS
 * work off the loops, and the TLS contexts built once per trust configuration. An engine owns one
 * and closes its parts; {@link #shared()} serves contexts the engine did not make. Not an API.
 *
 * <p>Thread-safe.
 */
public final class EngineServices {
  private final IoLoops loops;
  private final @Nullable DeadlineTimer deadlines;
  private final ExecutorService tlsTasks;
  private final TlsContexts tlsContexts;

  /**
   * @param loops the selector loops sockets are driven by
   * @param deadlines the timer for attempt deadlines, or null to use the context's scheduler
   * @param tlsTasks where TLS handshake work (key exchange, certificate checks) runs
   * @param tlsContexts the TLS contexts per trust configuration
   */
  public EngineServices(
      IoLoops loops,
      @Nullable DeadlineTimer deadlines,
      ExecutorService tlsTasks,
      TlsContexts tlsContexts) {
    this.loops = requireNonNull(loops, "loops");
    this.deadlines = deadlines;
    this.tlsTasks = requireNonNull(tlsTasks, "tlsTasks");
    this.tlsContexts = requireNonNull(tlsContexts, "tlsContexts");
  }

  /**
   * The pool for TLS work: {@code threads} threads at most that end when idle for two seconds,
   * named {@code prefix-N}. The queue is unbounded in type and bounded in practice by the
   * handshakes in flight (at most a few tasks each).
   */
  public static ThreadPoolExecutor tlsPool(int threads, String prefix) {
    ThreadFactory factory =
        new ThreadFactoryBuilder().setNameFormat(prefix + "-%d").setDaemon(true).build();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * The services for contexts that no engine made (a host's own context, or one passed on by a
   * probe that wraps a built-in probe): one shared selector loop started on first use and never
   * closed (a daemon thread), deadlines on the context's own scheduler, and a TLS pool whose one
   * thread ends when idle.
   */
  public static EngineServices shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final EngineServices INSTANCE =
        new EngineServices(
            new IoLoops(
                1,
                r -> {
                  Thread t = new Thread(r, "statuskit-probe-shared-io");
                  t.setDaemon(true);
                  return t;
                }),
            null,
            tlsPool(1, "statuskit-probe-shared-tls"),
            new TlsContexts());
  }

  /** The selector loops sockets are driven by. */
  public IoLoops loops() {
    return loops;
  }

  /** The timer for attempt deadlines, or null when deadlines go to the context's scheduler. */
  public @Nullable DeadlineTimer deadlines() {
    return deadlines;
  }

  /** Where TLS work runs, never on a selector thread. */
  public ExecutorService tlsTasks() {
    return tlsTasks;
  }

  /** The TLS contexts per trust configuration. */
  public TlsContexts tlsContexts() {
    return tlsContexts;
  }
}
