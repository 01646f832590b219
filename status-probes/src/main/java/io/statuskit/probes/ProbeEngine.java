package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.net.InetAddresses;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.probes.internal.DeadlineTimer;
import io.statuskit.probes.internal.EngineServices;
import io.statuskit.probes.internal.Failures;
import io.statuskit.probes.internal.IoLoops;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.internal.TlsContexts;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousChannelGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs probes: owns the few threads all built-in probes share, gives each run its context,
 * enforces each probe's hard deadline, and turns a probe's exceptions into results.
 *
 * <p>One engine serves thousands of targets: the built-in probes' sockets are non-blocking
 * channels driven by {@code ioThreads} selector threads, every attempt's deadline (and the
 * engine's own hard deadline) runs on one deadline thread, TLS handshake work (key exchange,
 * certificate checks) runs on {@code tlsThreads} threads so that it never holds up a selector
 * thread, the context's {@link ProbeContext#scheduler() scheduler} is one more timer thread, and
 * host name lookups (which the JDK offers only blocking) use a small bounded pool. The context's
 * {@link ProbeContext#channelGroup() channel group} for third-party probes is created on first
 * use. {@link #close()} closes every socket opened through it and stops every thread it started.
 *
 * <p>Thread-safe.
 */
public final class ProbeEngine implements AutoCloseable {
  private final Clock clock;
  private final Ticker ticker;
  private final Duration grace;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor resolver;
  private final int ioThreads;
  private final DeadlineTimer deadlines;
  private final IoLoops loops;
  private final ThreadPoolExecutor tlsTasks;
  private final EngineServices services;
  private final ProbeContext context = new Context();
  private final Object groupLock = new Object();
  private @Nullable AsynchronousChannelGroup group; // guarded by groupLock; made on first use
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProbeEngine(Builder b) {
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.grace = b.grace;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1, new ThreadFactoryBuilder().setNameFormat("statuskit-probe-timer").setDaemon(true).build());
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.resolver =
        new ThreadPoolExecutor(
            b.resolverThreads,
            b.resolverThreads,
            2,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new ThreadFactoryBuilder()
                .setNameFormat("statuskit-probe-resolver-%d")
                .setDaemon(true)
                .build());
    resolver.allowCoreThreadTimeOut(true);
    this.ioThreads = b.ioThreads;
    try {
      this.loops =
          new IoLoops(
              b.ioThreads,
              new ThreadFactoryBuilder()
                  .setNameFormat("statuskit-probe-io-%d")
                  .setDaemon(true)
                  .build());
    } catch (RuntimeException e) {
      timer.shutdownNow();
      resolver.shutdownNow();
      throw e;
    }
    this.deadlines =
        new DeadlineTimer(
            Ticker.systemTicker(),
            new ThreadFactoryBuilder()
                .setNameFormat("statuskit-probe-deadlines")
                .setDaemon(true)
                .build());
    this.tlsTasks = EngineServices.tlsPool(b.tlsThreads, Duration.ofSeconds(2), "statuskit-probe-tls");
    this.services = new EngineServices(loops, deadlines, tlsTasks, new TlsContexts());
  }

  /** An engine with the system clock and ticker and default thread counts. */
  public static ProbeEngine create() {
    return builder().build();
  }

  /** A builder for an engine. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one probe attempt. The returned future never completes exceptionally: a probe that
   * throws or fails yields a {@link Outcome#DOWN} result of kind {@link ErrorKind#INTERNAL}, and
   * one that has not answered shortly after its timeout yields {@link ErrorKind#TIMEOUT} and is
   * cancelled. Cancelling the returned future cancels the attempt.
   *
   * <p>Each run gets a context of its own; a built-in probe runs on this engine's selector
   * threads, deadline timer and TLS pool.
   *
   * @throws IllegalStateException when the engine is closed
   */
  public CompletableFuture<ProbeResult> run(Probe probe) {
    requireNonNull(probe, "probe");
    checkState(!closed.get(), "the probe engine is closed");
    long start = ticker.read();
    CompletableFuture<ProbeResult> out = new CompletableFuture<>();
    CompletableFuture<ProbeResult> inner;
    try {
      RunContext runContext = new RunContext(context, services);
      CompletableFuture<ProbeResult> builtIn = startBuiltIn(probe, runContext);
      inner = builtIn != null ? builtIn : probe.run(runContext).toCompletableFuture();
    } catch (RuntimeException e) {
      out.complete(Failures.internal(probe, e, elapsed(start)));
      return out;
    }
    Duration timeout = probe.timeout();
    DeadlineTimer.Deadline guard;
    try {
      guard =
          deadlines.schedule(
              saturatedNanos(timeout.plus(grace)),
              () -> {
                if (out.complete(
                    ProbeResult.down(
                        ErrorKind.TIMEOUT,
                        "no result within the timeout of " + Failures.show(timeout),
                        elapsed(start)))) {
                  inner.cancel(true);
                }
              });
    } catch (IllegalStateException e) {
      inner.cancel(true);
      throw new IllegalStateException("the probe engine is closed", e);
    }
    inner.whenComplete(
        (result, error) -> {
          guard.cancel();
          if (result != null) {
            out.complete(result);
          } else {
            out.complete(Failures.internal(probe, requireNonNull(error), elapsed(start)));
          }
        });
    out.whenComplete(
        (r, e) -> {
          if (out.isCancelled()) {
            guard.cancel();
            inner.cancel(true);
          }
        });
    return out;
  }

  /**
   * Starts a built-in probe with the run's own context type, so that the probe reaches the
   * engine's services without casting a {@link ProbeContext}; null for other probes.
   */
  private static @Nullable CompletableFuture<ProbeResult> startBuiltIn(
      Probe probe, RunContext context) {
    if (probe instanceof TcpProbe p) {
      return p.start(context);
    } else if (probe instanceof HttpProbe p) {
      return p.start(context);
    } else if (probe instanceof TlsProbe p) {
      return p.start(context);
    } else if (probe instanceof SmtpProbe p) {
      return p.start(context);
    } else if (probe instanceof DnsProbe p) {
      return p.start(context);
    } else if (probe instanceof DnsSerialProbe p) {
      return p.start(context);
    }
    return null;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  private Duration elapsed(long start) {
    return Duration.ofNanos(Math.max(0, ticker.read() - start));
  }

  /** The wall clock of this engine's runs. */
  public Clock clock() {
    return clock;
  }

  /** The ticker of this engine's runs. */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * A context for running a probe yourself, without the engine's hard deadline (a test of a probe's
   * own deadline, for example): this engine's clock, ticker, timer, resolver and channel group. A
   * built-in probe run with it keeps its own deadline, but it runs on shared threads, not this
   * engine's (see docs/probes.md); {@link #run} is the way to run probes.
   */
  public ProbeContext context() {
    return context;
  }

  /** The engine's side of every run's context: time, timers, resolver and channel group. */
  private final class Context implements ProbeContext {
    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Ticker ticker() {
      return ticker;
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return timer;
    }

    @Override
    public Executor executor() {
      return timer;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The built-in probes do not use it (they run on the engine's own selector threads), so the
     * group and its {@code ioThreads} threads are created on the first call, for third-party
     * probes, and closed with the engine.
     *
     * @throws IllegalStateException when the engine is closed
     * @throws UncheckedIOException when the group cannot be opened
     */
    @Override
    public AsynchronousChannelGroup channelGroup() {
      synchronized (groupLock) {
        checkState(!closed.get(), "the probe engine is closed");
        AsynchronousChannelGroup g = group;
        if (g == null) {
          try {
            g =
                AsynchronousChannelGroup.withFixedThreadPool(
                    ioThreads,
                    new ThreadFactoryBuilder()
                        .setNameFormat("statuskit-probe-group-%d")
                        .setDaemon(true)
                        .build());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot open the probe channel group", e);
          }
          group = g;
        }
        return g;
      }
    }

    @Override
    public CompletionStage<List<InetAddress>> resolve(String host) {
      requireNonNull(host, "host");
      String literal =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      if (looksLikeLiteral(literal)) {
        // parsed once (not checked, then parsed again); a name that only looks like one falls through
        try {
          return CompletableFuture.completedFuture(List.of(InetAddresses.forString(literal)));
        } catch (IllegalArgumentException e) {
          // a host name after all
        }
      }
      CompletableFuture<List<InetAddress>> out = new CompletableFuture<>();
      try {
        resolver.execute(
            () -> {
              if (out.isDone()) {
                return;
              }
              try {
                out.complete(Arrays.asList(InetAddress.getAllByName(host)));
              } catch (UnknownHostException | RuntimeException e) {
                out.completeExceptionally(e);
              }
            });
      } catch (RejectedExecutionException e) {
        out.completeExceptionally(new IllegalStateException("the probe engine is closed", e));
      }
      return out;
    }

    @Override
    public String toString() {
      return "ProbeEngine.Context";
    }
  }

  /** Whether {@code host} could be an address literal: IPv6 (a colon) or digits at both ends. */
  private static boolean looksLikeLiteral(String host) {
    if (host.isEmpty()) {
      return false;
    }
    return host.indexOf(':') >= 0
        || (Character.isDigit(host.charAt(0)) && Character.isDigit(host.charAt(host.length() - 1)));
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Closes every socket opened through this engine and stops its threads, waiting up to five
   * seconds for them to end. Attempts still running complete as cancelled or failed. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean interrupted = false;
    AsynchronousChannelGroup g;
    synchronized (groupLock) {
      g = group;
    }
    if (g != null) {
      try {
        g.shutdownNow();
      } catch (IOException e) {
        // closing channels failed; the threads still end
      }
    }
    loops.close();
    EngineServices.shutdownTlsPool(tlsTasks);
    timer.shutdownNow();
    resolver.shutdownNow();
    try {
      deadlines.close(5_000);
      if (g != null) {
        g.awaitTermination(5, TimeUnit.SECONDS);
      }
      tlsTasks.awaitTermination(5, TimeUnit.SECONDS);
      timer.awaitTermination(5, TimeUnit.SECONDS);
      resolver.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds {@link ProbeEngine}s; not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.systemTicker();
    private int ioThreads = Math.min(2, Runtime.getRuntime().availableProcessors());
    private int resolverThreads = 4;
    private int tlsThreads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2));
    private Duration grace = Duration.ofMillis(200);

    private Builder() {}

    /** The wall clock; defaults to the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The ticker for durations; defaults to {@link Ticker#systemTicker()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Selector threads that drive the built-in probes' sockets (and the size of the lazily made
     * {@link ProbeContext#channelGroup() channel group}); defaults to min(2, processors).
     */
    public Builder ioThreads(int ioThreads) {
      checkArgument(ioThreads >= 1 && ioThreads <= 64, "ioThreads must be 1 to 64: %s", ioThreads);
      this.ioThreads = ioThreads;
      return this;
    }

    /** Threads for blocking host name lookups; defaults to 4. */
    public Builder resolverThreads(int resolverThreads) {
      checkArgument(
          resolverThreads >= 1 && resolverThreads <= 64,
          "resolverThreads must be 1 to 64: %s",
          resolverThreads);
      this.resolverThreads = resolverThreads;
      return this;
    }

    /**
     * Threads for TLS handshake work (key exchange, certificate checks), which never runs on a
     * selector thread; they end when idle. Defaults to half the processors, one or two.
     */
    public Builder tlsThreads(int tlsThreads) {
      checkArgument(
          tlsThreads >= 1 && tlsThreads <= 64, "tlsThreads must be 1 to 64: %s", tlsThreads);
      this.tlsThreads = tlsThreads;
      return this;
    }

    /**
     * How long after a probe's timeout the engine gives up on a probe that has not answered and
     * reports a timeout itself; defaults to 200ms.
     */
    public Builder hardDeadlineGrace(Duration grace) {
      requireNonNull(grace, "grace");
      checkArgument(!grace.isNegative(), "hardDeadlineGrace must not be negative: %s", grace);
      this.grace = grace;
      return this;
    }

    /** Builds and starts the engine. */
    public ProbeEngine build() {
      return new ProbeEngine(this);
    }

  }
}
