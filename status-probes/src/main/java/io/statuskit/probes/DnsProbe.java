package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.DnsQueries;
import io.statuskit.probes.internal.ProbeFailure;
import io.statuskit.probes.internal.ProbeRun;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks one named nameserver one question (name and type) and checks the response code and the
 * answers, like blackbox_exporter's dns prober: UDP first, TCP when the answer is truncated (or
 * always, if asked). Reports the rcode, the answers, the SOA serial when one is in the answer or
 * authority section, and whether the answer came over TCP.
 *
 * <p>Immutable and thread-safe.
 *
 * @param server the nameserver's host name or address
 * @param port the nameserver's port
 * @param name the name asked about
 * @param queryType the record type asked for, such as {@code A} or {@code SOA}
 * @param validRcodes the response codes that count as up
 * @param answerMatches regular expressions that must each match some answer record
 * @param requireAnswer whether an empty answer section is a failure
 * @param tcp whether to ask over TCP from the start
 * @param timeout hard deadline of one attempt
 */
public record DnsProbe(
    String server,
    int port,
    String name,
    String queryType,
    ImmutableSet<String> validRcodes,
    ImmutableList<String> answerMatches,
    boolean requireAnswer,
    boolean tcp,
    Duration timeout)
    implements Probe {

  /** Validates every part. */
  public DnsProbe {
    Checks.host(server);
    Checks.port(port);
    requireNonNull(name, "name");
    try {
      Name.fromString(name);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("name must be a DNS name: \"" + name + "\"", e);
    }
    requireNonNull(queryType, "queryType");
    checkArgument(Type.value(queryType) >= 0, "queryType must be a DNS type such as A or SOA: \"%s\"", queryType);
    requireNonNull(validRcodes, "validRcodes");
    checkArgument(!validRcodes.isEmpty(), "validRcodes must not be empty");
    for (String rcode : validRcodes) {
      checkArgument(Rcode.value(rcode) >= 0, "validRcodes must be response codes such as NOERROR or NXDOMAIN: \"%s\"", rcode);
    }
    requireNonNull(answerMatches, "answerMatches");
    for (String regex : answerMatches) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "answerMatches must be regular expressions: \"" + regex + "\" (" + e.getDescription() + ")", e);
      }
    }
    Checks.timeout(timeout);
  }

  /** A builder for an A question about {@code name} to {@code server} on port 53. */
  public static Builder builder(String server, String name) {
    return new Builder(server, name);
  }

  @Override
  public String type() {
    return "dns";
  }

  @Override
  public String target() {
    return name + " " + queryType + " @" + Checks.hostPort(server, port);
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
      qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      run.fail(e);
      return run.result();
    }
    CompletionStage<?> steps =
    DnsQueries.ask(run, server, port, qname, Type.value(queryType), tcp, timeout)
        .thenCompose(
            answer -> {
              List<String> answers = answer.answers();
              run.details(
                  d -> {
                    d.dnsRcode(answer.rcode()).dnsAnswers(answers).soaSerial(answer.soaSerial());
                    d.attribute("transport", answer.viaTcp() ? (answer.truncatedOverUdp() ? "tcp (udp answer truncated)" : "tcp") : "udp");
                  });
              if (!validRcodes.contains(answer.rcode())) {
                return CompletableFuture.<Void>failedFuture(
                    new ProbeFailure(
                        ErrorKind.DNS, "rcode " + answer.rcode() + ", expected " + String.join(" or ", validRcodes)));
              }
              if (requireAnswer && answers.isEmpty()) {
                return CompletableFuture.<Void>failedFuture(
                    new ProbeFailure(ErrorKind.ASSERTION, "no " + queryType + " records for " + name));
              }
              for (String regex : answerMatches) {
                Pattern p = Pattern.compile(regex);
                if (answers.stream().noneMatch(a -> p.matcher(a).find())) {
                  return CompletableFuture.<Void>failedFuture(
                      new ProbeFailure(
                          ErrorKind.ASSERTION, "no answer matches /" + regex + "/ (answers: " + answers + ")"));
                }
              }
              return CompletableFuture.<Void>completedFuture(null);
            });
    return run.finishWhen(steps);
  }

  /** Builds {@link DnsProbe}s; not thread-safe. */
  public static final class Builder {
    private final String server;
    private final String name;
    private int port = 53;
    private String type = "A";
    private final Set<String> rcodes = new LinkedHashSet<>();
    private final List<String> matches = new ArrayList<>();
    private boolean requireAnswer;
    private boolean tcp;
    private Duration timeout = Duration.ofSeconds(5);

    private Builder(String server, String name) {
      this.server = server;
      this.name = name;
    }

    /** The nameserver's port; defaults to 53. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The record type; defaults to A. */
    public Builder queryType(String type) {
      this.type = requireNonNull(type, "queryType").toUpperCase(Locale.ROOT);
      return this;
    }

    /** Adds a response code that counts as up; defaults to NOERROR alone. */
    public Builder validRcode(String rcode) {
      rcodes.add(requireNonNull(rcode, "rcode").toUpperCase(Locale.ROOT));
      return this;
    }

    /** Some answer record must match {@code regex}; implies an answer is required. */
    public Builder answerMatches(String regex) {
      matches.add(regex);
      this.requireAnswer = true;
      return this;
    }

    /** Whether an empty answer is a failure; defaults to false. */
    public Builder requireAnswer(boolean require) {
      this.requireAnswer = require;
      return this;
    }

    /** Asks over TCP from the start. */
    public Builder tcp(boolean tcp) {
      this.tcp = tcp;
      return this;
    }

    /** The hard deadline; defaults to 5s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Builds the probe. */
    public DnsProbe build() {
      return new DnsProbe(
          server,
          port,
          name,
          type,
          rcodes.isEmpty() ? ImmutableSet.of("NOERROR") : ImmutableSet.copyOf(rcodes),
          ImmutableList.copyOf(matches),
          requireAnswer,
          tcp,
          timeout);
    }
  }
}
