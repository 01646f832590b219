package io.statuskit.examples.live;

import static java.util.Objects.requireNonNull;

import io.statuskit.page.Ping;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A probe that runs another and records each result as a {@link Ping} of a server, for the
 * page's Ping column and response-time chart. Immutable and thread-safe.
 */
public final class RecordingProbe implements Probe {
  private final String serverId;
  private final Probe delegate;
  private final LivePings pings;

  /** Records the results of {@code delegate} as pings of {@code serverId}. */
  public RecordingProbe(String serverId, Probe delegate, LivePings pings) {
    this.serverId = requireNonNull(serverId, "serverId");
    this.delegate = requireNonNull(delegate, "delegate");
    this.pings = requireNonNull(pings, "pings");
  }

  @Override
  public String type() {
    return delegate.type();
  }

  @Override
  public String target() {
    return delegate.target();
  }

  @Override
  public Duration timeout() {
    return delegate.timeout();
  }

  @Override
  public CompletionStage<ProbeResult> run(ProbeContext context) {
    return delegate
        .run(context)
        .thenApply(
            result -> {
              pings.record(serverId, toPing(result, context));
              return result;
            });
  }

  /** A probe result as the page shows it. */
  public static Ping toPing(ProbeResult result, ProbeContext context) {
    Ping.Outcome outcome;
    switch (result.outcome()) {
      case UP:
        outcome = Ping.Outcome.UP;
        break;
      case DEGRADED:
        outcome = Ping.Outcome.DEGRADED;
        break;
      default:
        outcome = Ping.Outcome.DOWN;
    }
    String detail = result.message().isBlank() ? null : result.message();
    return new Ping(context.clock().instant(), outcome, result.latency(), detail);
  }
}
