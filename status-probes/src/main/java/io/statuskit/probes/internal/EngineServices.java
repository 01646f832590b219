package io.statuskit.probes.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.time.Duration;
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
  private final @Nullable IoLoops loops; // the engine's; null for the shared services
  private final @Nullable SharedLoops shared;
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
    this.shared = null;
    this.deadlines = deadlines;
    this.tlsTasks = requireNonNull(tlsTasks, "tlsTasks");
    this.tlsContexts = requireNonNull(tlsContexts, "tlsContexts");
  }

  private EngineServices(SharedLoops shared, ExecutorService tlsTasks, TlsContexts tlsContexts) {
    this.loops = null;
    this.shared = shared;
    this.deadlines = null;
    this.tlsTasks = tlsTasks;
    this.tlsContexts = tlsContexts;
  }

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
   * probe that wraps a built-in probe): one shared selector loop that runs while such attempts
   * do (started by the first, stopped when the last ends), deadlines on the context's own
   * scheduler, and a TLS pool whose one thread ends when idle for half a second. So nothing of it
   * outlives the attempts that use it.
   */
  public static EngineServices shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final EngineServices INSTANCE =
        new EngineServices(
            new SharedLoops(),
            tlsPool(1, Duration.ofMillis(500), "statuskit-probe-shared-tls"),
            new TlsContexts());
  }

  /** One selector loop, running while at least one attempt holds it. */
  private static final class SharedLoops {
    private @Nullable IoLoops current; // guarded by this
    private int holders; // guarded by this

    synchronized IoLoops acquire() {
      IoLoops l = current;
      if (l == null) {
        l =
            new IoLoops(
                1,
                r -> {
                  Thread t = new Thread(r, "statuskit-probe-shared-io");
                  t.setDaemon(true);
                  return t;
                });
        current = l;
      }
      holders++;
      return l;
    }

    void release(IoLoops loops) {
      synchronized (this) {
        if (loops != current || --holders > 0) {
          return;
        }
        current = null;
      }
      // not close(): this may run on the loop's own thread, which must not wait for itself
      loops.shutdown();
    }
  }

  /**
   * The selector loops for a new attempt's sockets; give them back with {@link #releaseLoops}
   * when the attempt ends.
   */
  public IoLoops acquireLoops() {
    IoLoops l = loops;
    return l != null ? l : requireNonNull(shared).acquire();
  }

  /** Gives back loops from {@link #acquireLoops()}; the shared loop stops with its last holder. */
  public void releaseLoops(IoLoops acquired) {
    SharedLoops s = shared;
    if (s != null) {
      s.release(acquired);
    }
  }

  /** The timer for attempt deadlines, or null when deadlines go to the context's scheduler. */
  public @Nullable DeadlineTimer deadlines() {
    return deadlines;
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
