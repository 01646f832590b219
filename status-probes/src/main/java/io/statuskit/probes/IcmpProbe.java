package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;

import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.IcmpEcho;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * An ICMP echo ("ping"), the seed's Ping column: {@code count} echo requests {@code interval}
 * apart, with their round-trip times and the loss. The JVM has no ICMP sockets (and {@link
 * InetAddress#isReachable} silently falls back to a TCP connection to port 7), so on Linux the
 * probe uses the C library through JNA: an unprivileged ICMP datagram socket where {@code
 * net.ipv4.ping_group_range} admits the process's group (it governs ICMPv6 datagram sockets too),
 * or a raw socket where the process has {@code CAP_NET_RAW}; otherwise the system {@code ping}
 * command. When neither works the result is {@link Outcome#UNSUPPORTED}, naming what is missing;
 * it is never a fake "up". The result's {@code method} detail says which way was used.
 *
 * <p>Up when every echo is answered, degraded when some are lost, down when all are; the latency
 * is the mean round trip. IPv4 and IPv6: a host with both is pinged at its first IPv4 address.
 * Each run holds one short-lived thread for at most its timeout (the socket calls block).
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the host to ping
 * @param timeout hard deadline of one attempt: every echo and reply within it
 * @param count how many echo requests to send (1 to 100)
 * @param interval time between two requests
 */
public record IcmpProbe(String host, Duration timeout, int count, Duration interval) implements Probe {
  /** Validates every part. */
  public IcmpProbe {
    Checks.host(host);
    Checks.timeout(timeout);
    checkArgument(count >= 1 && count <= 100, "count must be 1 to 100: %s", count);
    Checks.positive("interval", interval);
    checkArgument(
        interval.multipliedBy(count - 1L).compareTo(timeout) < 0,
        "interval × (count - 1) must be less than the timeout (%s): %s",
        timeout,
        interval);
  }

  /** Three echoes 200ms apart within {@code timeout}. */
  public IcmpProbe(String host, Duration timeout) {
    this(host, timeout, 3, Duration.ofMillis(200));
  }

  /** A probe of {@code host}: three echoes 200ms apart within 5s. */
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
    long start = context.ticker().read();
    long deadline = start + timeout.toNanos();
    CompletableFuture<ProbeResult> result = new CompletableFuture<>();
    context
        .resolve(host)
        .whenComplete(
            (addresses, error) -> {
              if (error != null) {
                result.complete(
                    ProbeResult.down(ErrorKind.DNS, "cannot resolve " + host + ": " + error.getMessage(), elapsed(context, start)));
                return;
              }
              InetAddress address = pick(addresses);
              if (address == null) {
                result.complete(ProbeResult.down(ErrorKind.DNS, host + " has no address", elapsed(context, start)));
                return;
              }
              Thread thread =
                  new Thread(() -> result.complete(echo(context, address, start, deadline)), "statuskit-icmp " + host);
              thread.setDaemon(true);
              thread.start();
            });
    return result;
  }

  private ProbeResult echo(ProbeContext context, InetAddress address, long start, long deadline) {
    IcmpEcho.Echoes echoes;
    try {
      echoes = IcmpEcho.echo(address, count, interval, context.ticker(), deadline);
    } catch (IcmpEcho.Unsupported e) {
      return ProbeResult.unsupported(String.valueOf(e.getMessage()));
    } catch (RuntimeException | LinkageError e) {
      return ProbeResult.unsupported("ICMP echo is not available: " + e);
    }
    ProbeDetails.Builder details =
        ProbeDetails.builder()
            .resolvedAddress(address)
            .attribute("method", echoes.method())
            .attribute("sent", Integer.toString(echoes.sent()))
            .attribute("received", Integer.toString(echoes.roundTrips().size()))
            .attribute("loss", percent(echoes.lost(), echoes.sent()));
    List<Duration> trips = echoes.roundTrips();
    if (trips.isEmpty()) {
      return ProbeResult.builder(Outcome.DOWN)
          .error(
              ErrorKind.TIMEOUT,
              "no echo reply from " + address.getHostAddress() + ": " + echoes.lost() + " of " + echoes.sent() + " lost")
          .latency(elapsed(context, start))
          .details(details.build())
          .build();
    }
    Duration min = trips.stream().min(Duration::compareTo).orElseThrow();
    Duration max = trips.stream().max(Duration::compareTo).orElseThrow();
    Duration mean = trips.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(trips.size());
    details.attribute("rttMin", millis(min)).attribute("rttAvg", millis(mean)).attribute("rttMax", millis(max));
    ProbeResult.Builder b = ProbeResult.builder(echoes.lost() == 0 ? Outcome.UP : Outcome.DEGRADED).latency(mean).details(details.build());
    if (echoes.lost() > 0) {
      b.message(
          percent(echoes.lost(), echoes.sent())
              + " loss ("
              + echoes.lost()
              + " of "
              + echoes.sent()
              + " echoes unanswered), round trip "
              + millis(mean)
              + " ms");
    }
    return b.build();
  }

  /** The first IPv4 address, else the first address (IPv6). */
  private static @Nullable InetAddress pick(List<InetAddress> addresses) {
    for (InetAddress a : addresses) {
      if (a instanceof Inet4Address) {
        return a;
      }
    }
    return addresses.isEmpty() ? null : addresses.get(0);
  }

  private static Duration elapsed(ProbeContext context, long start) {
    return Duration.ofNanos(context.ticker().read() - start);
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "100%" : Math.round(100.0 * part / whole) + "%";
  }

  private static String millis(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
  }
}
