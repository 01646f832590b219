package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a probe checks TLS: the name sent as SNI and verified against the certificate, whether the
 * name is verified, which CAs are trusted, and how close to expiry a certificate makes the result
 * {@link Outcome#DEGRADED}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param serverName the name for SNI and verification, or null for the probe's host name
 * @param verifyHostname whether the certificate must match the server name
 * @param caFile a PEM file of trusted CA certificates, or null for the JDK's default trust store
 * @param expiryWarning how long before the first expiry in the chain the result is degraded
 */
public record TlsOptions(
    @Nullable String serverName, boolean verifyHostname, @Nullable Path caFile, Duration expiryWarning) {

  private static final TlsOptions DEFAULTS = new TlsOptions(null, true, null, Duration.ofDays(14));

  /** Validates every part. */
  public TlsOptions {
    checkArgument(
        serverName == null || !serverName.isBlank(), "serverName must not be blank: \"%s\"", serverName);
    requireNonNull(expiryWarning, "expiryWarning");
    checkArgument(!expiryWarning.isNegative(), "expiryWarning must not be negative: %s", expiryWarning);
  }

  /** Defaults: the probe's host name, verified, default trust, degraded 14 days before expiry. */
  public static TlsOptions ofDefaults() {
    return DEFAULTS;
  }

  /** These options with another server name. */
  public TlsOptions withServerName(@Nullable String name) {
    return new TlsOptions(name, verifyHostname, caFile, expiryWarning);
  }

  /** These options trusting the CAs in a PEM file. */
  public TlsOptions withCaFile(@Nullable Path file) {
    return new TlsOptions(serverName, verifyHostname, file, expiryWarning);
  }

  /** These options with another expiry warning. */
  public TlsOptions withExpiryWarning(Duration warning) {
    return new TlsOptions(serverName, verifyHostname, caFile, warning);
  }

  /** These options with hostname verification on or off. */
  public TlsOptions withVerifyHostname(boolean verify) {
    return new TlsOptions(serverName, verify, caFile, expiryWarning);
  }
}
