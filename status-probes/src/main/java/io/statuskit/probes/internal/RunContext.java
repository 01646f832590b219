package io.statuskit.probes.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import io.statuskit.probes.spi.ProbeContext;
import java.net.InetAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The context of one run: the public {@link ProbeContext} a probe is given, plus the {@link
 * EngineServices} that built-in probes use. The engine makes one per run and hands it to a
 * built-in probe as this type (so nothing casts a {@link ProbeContext}); a third-party probe sees
 * only the interface. A built-in probe given some other context wraps it with {@link #outside}.
 * Not an API.
 *
 * <p>Thread-safe.
 */
public final class RunContext implements ProbeContext {
  private final ProbeContext base;
  private final EngineServices services;

  /** A run's context: {@code base}'s time, timer and resolver with {@code services}. */
  public RunContext(ProbeContext base, EngineServices services) {
    this.base = requireNonNull(base, "base");
    this.services = requireNonNull(services, "services");
  }

  /**
   * A context for a built-in probe run with a context no engine made for it: {@code context}'s
   * time, timer and resolver, with the {@linkplain EngineServices#shared() shared} loop, deadline
   * thread and TLS pool.
   */
  public static RunContext outside(ProbeContext context) {
    return new RunContext(context, EngineServices.shared());
  }

  /** The engine's services for built-in probes. */
  public EngineServices services() {
    return services;
  }

  @Override
  public Clock clock() {
    return base.clock();
  }

  @Override
  public Ticker ticker() {
    return base.ticker();
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return base.scheduler();
  }

  @Override
  public Executor executor() {
    return base.executor();
  }

  @Override
  public AsynchronousChannelGroup channelGroup() {
    return base.channelGroup();
  }

  @Override
  public CompletionStage<List<InetAddress>> resolve(String host) {
    return base.resolve(host);
  }

  @Override
  public String toString() {
    return "RunContext[" + base + "]";
  }
}
