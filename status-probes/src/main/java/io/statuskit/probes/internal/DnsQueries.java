package io.statuskit.probes.internal;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Phase;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;

/** DNS questions through dnsjava's asynchronous resolver: UDP, then TCP when truncated. */
public final class DnsQueries {
  private DnsQueries() {}

  /** An answer and how it came. */
  public record Answer(Message message, boolean viaTcp, boolean truncatedOverUdp) {
    public String rcode() {
      return Rcode.string(message.getRcode());
    }

    public List<String> answers() {
      List<String> out = new ArrayList<>();
      for (Record r : message.getSection(Section.ANSWER)) {
        out.add(r.toString());
      }
      return out;
    }

    /** The SOA serial from the answer, else from the authority section, or null. */
    public @Nullable Long soaSerial() {
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
        for (Record r : message.getSection(section)) {
          if (r instanceof SOARecord) {
            return ((SOARecord) r).getSerial();
          }
        }
      }
      return null;
    }
  }

  /**
   * Asks {@code server:port} about {@code name}/{@code type}; over UDP first unless {@code tcp},
   * retrying over TCP when the UDP answer is truncated. Records the resolve phase for the server's
   * name and the first-byte phase for the answer.
   */
  public static CompletableFuture<Answer> ask(
      ProbeRun run, String server, int port, Name name, int type, boolean tcp, Duration timeout) {
    long resolveStart = run.now();
    run.activity("resolving the nameserver " + server);
    return run.context()
        .resolve(server)
        .toCompletableFuture()
        .thenCompose(
            addresses -> {
              run.phase(Phase.RESOLVE, resolveStart);
              InetSocketAddress address = new InetSocketAddress(addresses.get(0), port);
              run.details(d -> d.resolvedAddress(address.getAddress()));
              Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
              long sent = run.now();
              run.activity("waiting for the answer from " + TcpStream.show(address));
              return send(run, address, query, tcp, timeout)
                  .thenCompose(
                      first -> {
                        if (!tcp && first.getHeader().getFlag(Flags.TC)) {
                          run.activity("waiting for the TCP answer from " + TcpStream.show(address));
                          return send(run, address, query, true, timeout)
                              .thenApply(m -> new Answer(m, true, true));
                        }
                        return CompletableFuture.completedFuture(new Answer(first, tcp, false));
                      })
                  .whenComplete(
                      (a, e) -> {
                        if (a != null) {
                          run.phase(Phase.FIRST_BYTE, sent);
                        }
                      });
            });
  }

  private static CompletableFuture<Message> send(
      ProbeRun run, InetSocketAddress address, Message query, boolean tcp, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTCP(tcp);
    resolver.setIgnoreTruncation(true);
    Duration left = timeout.minus(run.elapsed());
    resolver.setTimeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left.plusMillis(50));
    return resolver
        .sendAsync(query, run.context().executor())
        .toCompletableFuture()
        .exceptionally(
            e -> {
              ErrorKind kind = Failures.kind(e);
              if (kind == ErrorKind.TIMEOUT) {
                throw new java.util.concurrent.CompletionException(
                    new ProbeFailure(
                        ErrorKind.TIMEOUT,
                        "timed out after "
                            + Failures.show(timeout)
                            + " waiting for the answer from "
                            + TcpStream.show(address)));
              }
              throw new java.util.concurrent.CompletionException(
                  new ProbeFailure(
                      kind == ErrorKind.INTERNAL || kind == ErrorKind.PROTOCOL ? ErrorKind.DNS : kind,
                      "query to " + TcpStream.show(address) + " failed: " + Failures.message(e)));
            });
  }
}
