package io.statuskit.probes.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What the built-in probes use beyond the public {@link io.statuskit.probes.spi.ProbeContext}: the
 * selector loops their sockets run on and the timer for their deadlines (leased per attempt), the
 * pool that runs TLS work off the loops, and the TLS contexts built once per trust configuration.
 * An engine owns one and closes its parts; {@link #shared()} serves contexts the engine did not
 * make. Not an API.
 *
 * <p>Thread-safe.
 */
public final class EngineServices {
  private final @Nullable Lease engineLease; // null for the shared services
  private final @Nullable SharedThreads shared;
  private final ExecutorService tlsTasks;
  private final TlsContexts tlsContexts;

  /**
   * An engine's services.
   *
   * @param loops the selector loops sockets are driven by
   * @param deadlines the timer for attempt deadlines
   * @param tlsTasks where TLS handshake work (key exchange, certificate checks) runs
   * @param tlsContexts the TLS contexts per trust configuration
   */
  public EngineServices(
      IoLoops loops, DeadlineTimer deadlines, ExecutorService tlsTasks, TlsContexts tlsContexts) {
    this.engineLease =
        new Lease(requireNonNull(loops, "loops"), requireNonNull(deadlines, "deadlines"));
    this.shared = null;
    this.tlsTasks = requireNonNull(tlsTasks, "tlsTasks");
    this.tlsContexts = requireNonNull(tlsContexts, "tlsContexts");
  }

  private EngineServices(SharedThreads shared, ExecutorService tlsTasks, TlsContexts tlsContexts) {
    this.engineLease = null;
    this.shared = shared;
    this.tlsTasks = tlsTasks;
    this.tlsContexts = tlsContexts;
  }

  /**
   * The threads one attempt runs on: the selector loops of its sockets and the timer of its
   * deadline. Immutable.
   *
   * @param loops the selector loops
   * @param deadlines the deadline timer
   */
  public record Lease(IoLoops loops, DeadlineTimer deadlines) {}

  /**
   * The pool for TLS work: {@code threads} threads at most that end when idle for {@code idle},
   * named {@code prefix-N}. The queue is unbounded in type and bounded in practice by the
   * handshakes in flight (at most a few tasks each).
   */
  public static ThreadPoolExecutor tlsPool(int threads, Duration idle, String prefix) {
    ThreadFactory factory =
        new ThreadFactoryBuilder().setNameFormat(prefix + "-%d").setDaemon(true).build();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            idle.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * The services for contexts that no engine made (a host's own context, or one passed on by a
   * probe that wraps a built-in probe): one shared selector loop and one shared deadline thread
   * that run while such attempts do (started by the first, stopped when the last ends), and a TLS
   * pool whose one thread ends when idle for half a second. So nothing of it outlives the attempts
   * that use it, and an attempt keeps its deadline whatever becomes of the context it was given.
   */
  public static EngineServices shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final EngineServices INSTANCE =
        new EngineServices(
            new SharedThreads(),
            tlsPool(1, Duration.ofMillis(500), "statuskit-probe-shared-tls"),
            new TlsContexts());
  }

  /** One selector loop and one deadline thread, running while at least one attempt holds them. */
  private static final class SharedThreads {
    private @Nullable Lease current; // guarded by this
    private int holders; // guarded by this

    synchronized Lease acquire() {
      Lease l = current;
      if (l == null) {
        l =
            new Lease(
                new IoLoops(1, daemon("statuskit-probe-shared-io")),
                new DeadlineTimer(Ticker.systemTicker(), daemon("statuskit-probe-shared-deadlines")));
        current = l;
      }
      holders++;
      return l;
    }

    void release(Lease lease) {
      synchronized (this) {
        if (lease != current || --holders > 0) {
          return;
        }
        current = null;
      }
      // not close(): this may run on one of these threads, which must not wait for itself
      lease.loops().shutdown();
      lease.deadlines().shutdown();
    }

    private static ThreadFactory daemon(String name) {
      return r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      };
    }
  }

  /** The threads for a new attempt; give them back with {@link #release} when it ends. */
  public Lease acquire() {
    Lease l = engineLease;
    return l != null ? l : requireNonNull(shared).acquire();
  }

  /** Gives back a lease from {@link #acquire()}; shared threads stop with their last holder. */
  public void release(Lease lease) {
    SharedThreads s = shared;
    if (s != null) {
      s.release(lease);
    }
  }

  /**
   * A task for {@link #tlsTasks()} that can be told it will never run: an engine that closes
   * calls {@link #abort()} on each task still queued, so that what waits for it fails instead of
   * waiting for ever.
   */
  public interface TlsTask extends Runnable {
    /** The task will not run; fail whatever waits for it. */
    void abort();
  }

  /**
   * Stops a TLS pool: running tasks are interrupted, queued {@link TlsTask}s are aborted.
   *
   * @return the pool, to await its termination
   */
  public static ExecutorService shutdownTlsPool(ExecutorService pool) {
    for (Runnable r : pool.shutdownNow()) {
      if (r instanceof TlsTask task) {
        try {
          task.abort();
        } catch (RuntimeException e) {
          // abort the others
        }
      }
    }
    return pool;
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
