package io.statuskit.probes;

/**
 * A measurable part of a probe, in the order it happens.
 *
 * <p>Immutable and thread-safe.
 */
public enum Phase {
  /** Resolving the host name to an address. */
  RESOLVE,
  /** Establishing the TCP connection. */
  CONNECT,
  /** The TLS handshake (including a STARTTLS upgrade). */
  TLS,
  /** From sending the request (or connecting, for banner protocols) to the first byte received. */
  FIRST_BYTE
}
