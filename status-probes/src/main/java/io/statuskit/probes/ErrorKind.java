package io.statuskit.probes;

/**
 * Why a probe did not find the server up, coarse enough to alert on.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorKind {
  /** The probe's deadline passed before the exchange finished. */
  TIMEOUT,
  /** The connection was refused (nothing listens on the port). */
  REFUSED,
  /** No route to the host or network. */
  UNREACHABLE,
  /** The peer reset or closed the connection before the exchange finished. */
  RESET,
  /** A name could not be resolved, or a DNS query failed. */
  DNS,
  /** The TLS handshake failed or the certificate is not acceptable. */
  TLS,
  /** The server spoke, but not the expected protocol, or replied with an error code. */
  PROTOCOL,
  /** The server answered, but a configured expectation did not hold. */
  ASSERTION,
  /** The probe cannot run in this environment. */
  UNSUPPORTED,
  /** The probe itself failed unexpectedly (a bug in the probe, not a finding about the server). */
  INTERNAL
}
