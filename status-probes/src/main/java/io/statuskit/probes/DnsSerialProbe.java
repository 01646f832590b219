package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.net.HostAndPort;
import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.DnsQueries;
import io.statuskit.probes.internal.Failures;
import io.statuskit.probes.internal.ProbeFailure;
import io.statuskit.probes.internal.ProbeRun;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks a zone's nameservers (the first is the primary, such as the seed's NC033, the others
 * secondaries, such as NC035) for its SOA and checks that they agree on the serial: up when all
 * answer with the same serial, degraded when a secondary lags (the zone is served, but stale),
 * down when one does not answer properly.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the zone
 * @param nameservers the nameservers, primary first, with ports
 * @param timeout hard deadline of one attempt (the questions run in parallel)
 */
public record DnsSerialProbe(String zone, ImmutableList<HostAndPort> nameservers, Duration timeout)
    implements Probe {

  /** Validates every part. */
  public DnsSerialProbe {
    requireNonNull(zone, "zone");
    try {
      Name.fromString(zone);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("zone must be a DNS name: \"" + zone + "\"", e);
    }
    requireNonNull(nameservers, "nameservers");
    checkArgument(nameservers.size() >= 2, "nameservers must list a primary and at least one secondary: %s", nameservers);
    for (HostAndPort ns : nameservers) {
      Checks.host(ns.getHost());
      Checks.port(ns.getPortOrDefault(53));
    }
    Checks.timeout(timeout);
  }

  /** A probe of {@code zone} on {@code nameservers} ({@code "ns1.example.net"}, {@code "192.0.2.1:5353"}). */
  public static DnsSerialProbe of(String zone, Duration timeout, String... nameservers) {
    List<HostAndPort> list = new ArrayList<>();
    for (String ns : nameservers) {
      try {
        list.add(HostAndPort.fromString(ns).withDefaultPort(53));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("nameservers: not a host or host:port: \"" + ns + "\"", e);
      }
    }
    return new DnsSerialProbe(zone, ImmutableList.copyOf(list), timeout);
  }

  @Override
  public String type() {
    return "dns-serial";
  }

  @Override
  public String target() {
    return zone + " SOA @" + nameservers.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a context no {@link ProbeEngine} made for this run, the attempt runs on shared threads
   * (a selector thread, a deadline thread, a TLS thread) that end when no such attempt runs.
   */
  @Override
  public CompletionStage<ProbeResult> run(ProbeContext context) {
    return start(RunContext.outside(context));
  }

  /** Starts an attempt on the services of {@code context}: how {@link ProbeEngine} runs it. */
  CompletableFuture<ProbeResult> start(RunContext context) {
    ProbeRun run = ProbeRun.start(context, timeout);
    Name qname;
    try {
      qname = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
    } catch (TextParseException e) {
      run.fail(e);
      return run.result();
    }
    List<CompletableFuture<Long>> serials = new ArrayList<>();
    for (HostAndPort ns : nameservers) {
      serials.add(
          DnsQueries.ask(run, ns.getHost(), ns.getPortOrDefault(53), qname, Type.SOA, false, timeout)
              .handle(
                  (answer, e) -> {
                    if (e != null) {
                      throw new CompletionException(
                          new ProbeFailure(Failures.kind(e), ns + ": " + Failures.message(e)));
                    }
                    Long serial = answer.soaSerial();
                    if (!answer.rcode().equals("NOERROR") || serial == null) {
                      throw new CompletionException(
                          new ProbeFailure(
                              ErrorKind.DNS, ns + ": no SOA for " + zone + " (rcode " + answer.rcode() + ")"));
                    }
                    return serial;
                  }));
    }
    CompletableFuture.allOf(serials.toArray(new CompletableFuture<?>[0]))
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                run.fail(e);
                return;
              }
              long primary = serials.get(0).join();
              List<String> lagging = new ArrayList<>();
              run.details(
                  d -> {
                    d.soaSerial(primary);
                    for (int i = 0; i < nameservers.size(); i++) {
                      d.attribute("serial " + nameservers.get(i), Long.toString(serials.get(i).join()));
                    }
                  });
              for (int i = 1; i < nameservers.size(); i++) {
                long s = serials.get(i).join();
                if (s != primary) {
                  lagging.add(nameservers.get(i) + " has " + s);
                }
              }
              if (lagging.isEmpty()) {
                run.up();
              } else {
                run.finish(
                    Outcome.DEGRADED,
                    ErrorKind.ASSERTION,
                    "SOA serials differ: primary " + nameservers.get(0) + " has " + primary + ", " + String.join(", ", lagging));
              }
            });
    return run.result();
  }
}
