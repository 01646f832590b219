package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.statuskit.probes.internal.ByteStream;
import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.Input;
import io.statuskit.probes.internal.ProbeFailure;
import io.statuskit.probes.internal.ProbeRun;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.internal.SmtpReplies;
import io.statuskit.probes.internal.SmtpReplies.Reply;
import io.statuskit.probes.internal.TcpStream;
import io.statuskit.probes.internal.TlsSupport;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Holds a short SMTP conversation: reads the banner (220), says {@code EHLO} with a configured
 * fully-qualified name, optionally upgrades with {@code STARTTLS} (with the checks of {@link
 * TlsOptions}) and says {@code EHLO} again, then {@code QUIT}s. Any 4xx or 5xx reply makes the
 * result down with the reply's text, such as the seed's {@code 554 5.7.1 <senderdomain.local>:
 * Helo command rejected}.
 *
 * <p>The EHLO name matters: many mail servers reject names that do not resolve (the seed's
 * {@code .local} story), and a probe that says a bad name reports a healthy server down. So the
 * name is required, and names under {@code .local} are refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host host name or address
 * @param port TCP port (25, 587)
 * @param ehloName the fully-qualified name (or address literal) sent with EHLO
 * @param startTls whether STARTTLS is required
 * @param tls TLS checks for STARTTLS
 * @param timeout hard deadline of one attempt
 */
public record SmtpProbe(
    String host, int port, String ehloName, boolean startTls, TlsOptions tls, Duration timeout)
    implements Probe {

  private static final Pattern FQDN =
      Pattern.compile("(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]\\.?");
  private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(?:IPv6:)?[0-9A-Fa-f:.]+\\]");

  /** Validates every part. */
  public SmtpProbe {
    Checks.host(host);
    Checks.port(port);
    requireNonNull(ehloName, "ehloName");
    checkArgument(
        FQDN.matcher(ehloName).matches() || ADDRESS_LITERAL.matcher(ehloName).matches(),
        "ehloName must be a fully-qualified domain name or an address literal: \"%s\"",
        ehloName);
    checkArgument(
        !ehloName.toLowerCase(Locale.ROOT).matches(".*\\.(local|localdomain|invalid)\\.?"),
        "ehloName must be a name that resolves; mail servers reject it: \"%s\"",
        ehloName);
    requireNonNull(tls, "tls");
    Checks.timeout(timeout);
  }

  /** A builder for a probe of {@code host} on port 25 that says {@code EHLO ehloName}. */
  public static Builder builder(String host, String ehloName) {
    return new Builder(host, ehloName);
  }

  @Override
  public String type() {
    return "smtp";
  }

  @Override
  public String target() {
    return Checks.hostPort(host, port);
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
    CompletionStage<?> steps =
    TcpStream.open(run, host, port)
        .thenCompose(
            tcp -> {
              long connected = run.now();
              Input in = new Input(tcp, 4096).onFirstByte(() -> run.phase(Phase.FIRST_BYTE, connected));
              run.activity("waiting for the banner");
              return SmtpReplies.read(in, "the banner")
                  .thenCompose(
                      banner -> {
                        run.details(d -> d.banner(banner.show()));
                        if (banner.code() != 220) {
                          return CompletableFuture.<Void>failedFuture(
                              new ProbeFailure(ErrorKind.PROTOCOL, "banner: " + banner.show()));
                        }
                        return ehlo(run, tcp, in)
                            .thenCompose(
                                reply -> startTls ? upgrade(run, tcp, in, reply) : quit(run, tcp, in));
                      });
            });
    return run.finishWhen(steps);
  }

  private CompletableFuture<Reply> ehlo(ProbeRun run, ByteStream out, Input in) {
    run.activity("waiting for the EHLO reply");
    return command(out, in, "EHLO " + ehloName, "the EHLO reply")
        .thenCompose(
            reply ->
                reply.code() == 250
                    ? CompletableFuture.completedFuture(reply)
                    : CompletableFuture.failedFuture(
                        new ProbeFailure(ErrorKind.PROTOCOL, "EHLO " + ehloName + " rejected: " + reply.show())));
  }

  private CompletableFuture<Void> upgrade(ProbeRun run, TcpStream tcp, Input in, Reply ehlo) {
    boolean offered =
        ehlo.texts().stream()
            .skip(1)
            .anyMatch(t -> t.trim().toUpperCase(Locale.ROOT).equals("STARTTLS"));
    if (!offered) {
      return CompletableFuture.failedFuture(
          new ProbeFailure(
              ErrorKind.PROTOCOL,
              "STARTTLS not offered (EHLO listed " + String.join(", ", ehlo.texts().subList(1, ehlo.texts().size())) + ")"));
    }
    run.activity("waiting for the STARTTLS reply");
    return command(tcp, in, "STARTTLS", "the STARTTLS reply")
        .thenCompose(
            reply -> {
              if (reply.code() != 220) {
                return CompletableFuture.<Void>failedFuture(
                    new ProbeFailure(ErrorKind.PROTOCOL, "STARTTLS refused: " + reply.show()));
              }
              return TlsSupport.upgrade(run, tcp, host, port, tls)
                  .thenCompose(
                      secure -> {
                        in.switchTo(secure);
                        return ehlo(run, secure, in).thenCompose(r -> quit(run, secure, in));
                      });
            });
  }

  private static CompletableFuture<Void> quit(ProbeRun run, ByteStream out, Input in) {
    run.activity("waiting for the QUIT reply");
    return command(out, in, "QUIT", "the QUIT reply")
        .handle((reply, e) -> (Void) null); // the server may close without a reply; it has passed
  }

  private static CompletableFuture<Reply> command(ByteStream out, Input in, String command, String what) {
    return out.write(ByteBuffer.wrap((command + "\r\n").getBytes(StandardCharsets.US_ASCII)))
        .thenCompose(v -> SmtpReplies.read(in, what));
  }

  /** Builds {@link SmtpProbe}s; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final String ehloName;
    private int port = 25;
    private boolean startTls;
    private TlsOptions tls = TlsOptions.ofDefaults();
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(String host, String ehloName) {
      this.host = host;
      this.ehloName = ehloName;
    }

    /** The port; defaults to 25. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Requires STARTTLS. */
    public Builder startTls(boolean required) {
      this.startTls = required;
      return this;
    }

    /** TLS checks for STARTTLS. */
    public Builder tls(TlsOptions options) {
      this.tls = requireNonNull(options, "tls");
      return this;
    }

    /** The hard deadline; defaults to 10s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Builds the probe. */
    public SmtpProbe build() {
      return new SmtpProbe(host, port, ehloName, startTls, tls, timeout);
    }
  }
}
