package io.statuskit.probes;

import static java.util.Objects.requireNonNull;

import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.ProbeRun;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.internal.TcpStream;
import io.statuskit.probes.internal.TlsSupport;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Performs a TLS handshake (with SNI) and checks the certificate chain: trusted (default trust
 * store or a CA file), matching the server name, and not expired. Down when the handshake or a
 * check fails; degraded when the earliest expiry in the chain is within {@link
 * TlsOptions#expiryWarning()}. The certificate's facts are reported even when the handshake fails.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host host name or address to connect to
 * @param port TCP port
 * @param timeout hard deadline of one attempt
 * @param tls the checks
 */
public record TlsProbe(String host, int port, Duration timeout, TlsOptions tls) implements Probe {

  /** Validates every part. */
  public TlsProbe {
    Checks.host(host);
    Checks.port(port);
    Checks.timeout(timeout);
    requireNonNull(tls, "tls");
  }

  /** A builder for a probe of {@code host:port}. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  @Override
  public String type() {
    return "tls";
  }

  @Override
  public String target() {
    String name = tls.serverName();
    return Checks.hostPort(host, port)
        + (name == null || name.equals(host) ? "" : " (" + name + ")");
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
    TcpStream.open(run, host, port)
        .thenCompose(tcp -> TlsSupport.upgrade(run, tcp, host, port, tls))
        .whenComplete(
            (stream, e) -> {
              if (e != null) {
                run.fail(e);
              } else {
                stream.close();
                run.up();
              }
            });
    return run.result();
  }

  /** Builds {@link TlsProbe}s; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Duration timeout = Duration.ofSeconds(10);
    private TlsOptions tls = TlsOptions.ofDefaults();

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** The hard deadline; defaults to 10s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** All TLS options at once. */
    public Builder tls(TlsOptions options) {
      this.tls = requireNonNull(options, "tls");
      return this;
    }

    /** The name for SNI and verification; defaults to the host. */
    public Builder serverName(String name) {
      this.tls = tls.withServerName(name);
      return this;
    }

    /** Trusts the CA certificates in a PEM file instead of the default trust store. */
    public Builder caFile(java.nio.file.Path file) {
      this.tls = tls.withCaFile(file);
      return this;
    }

    /** Degraded when the chain expires within this; defaults to 14 days. */
    public Builder expiryWarning(Duration warning) {
      this.tls = tls.withExpiryWarning(warning);
      return this;
    }

    /** Degraded when the chain expires within this many days. */
    public Builder expiryWarningDays(int days) {
      return expiryWarning(Duration.ofDays(days));
    }

    /** Builds the probe. */
    public TlsProbe build() {
      return new TlsProbe(host, port, timeout, tls);
    }
  }
}
