package io.statuskit.probes;

import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An ICMP echo ("ping"), which the JVM cannot send: Java has no raw or ICMP sockets, and {@link
 * java.net.InetAddress#isReachable} silently falls back to a TCP connection to port 7 (echo) when
 * it lacks privileges, which says nothing about whether the host answers pings. So this probe
 * always reports {@link Outcome#UNSUPPORTED} with an explanation, and never pretends. Use a {@link
 * TcpProbe} to the service's own port instead, or implement {@link Probe} with a native pinger.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the host that would be pinged
 * @param timeout hard deadline of one attempt
 */
public record IcmpProbe(String host, Duration timeout) implements Probe {
  /** The message of every result. */
  public static final String UNSUPPORTED_MESSAGE =
      "ICMP echo is not available to the JVM (no raw sockets; InetAddress.isReachable would fall"
          + " back to TCP port 7 and is not a ping); probe a TCP port instead";

  /** Validates every part. */
  public IcmpProbe {
    Checks.host(host);
    Checks.timeout(timeout);
  }

  /** A probe of {@code host} with a 5s timeout. */
  public static IcmpProbe of(String host) {
    return new IcmpProbe(host, Duration.ofSeconds(5));
  }

  @Override
  public String type() {
    return "icmp";
  }

  @Override
  public String target() {
    return host;
  }

  @Override
  public CompletionStage<ProbeResult> run(ProbeContext context) {
    return CompletableFuture.completedFuture(ProbeResult.unsupported(UNSUPPORTED_MESSAGE));
  }
}
