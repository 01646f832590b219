package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The example server's limits and timeouts. Every one has a safe default ({@link #defaults()});
 * none can be switched off. Immutable and thread-safe.
 *
 * @param maxRequestHeaderBytes the most bytes of request line and headers together; more is
 *     answered 431 (or 414 when the request line alone is too long)
 * @param maxRequestLineBytes the most bytes of the request target; more is answered 414
 * @param maxBodyBytes the most bytes of a request body; more is answered 413
 * @param headerTimeout how long a client may take to send a whole request header once it has
 *     started; a slower connection is closed
 * @param idleTimeout how long a connection may stay silent (between requests, or in a slow read
 *     or write) before it is closed
 * @param maxConnectionsPerAddress the most connections open at once from one client address;
 *     more are closed as soon as they are accepted
 * @param maxConnections the most connections open at once in all; more wait in the accept queue
 * @param maxThreads the most threads handling requests (reads are non-blocking: a slow client
 *     holds no thread)
 * @param shutdownTimeout how long a graceful shutdown waits for requests in flight
 * @param accessLog whether every request is logged in the combined log format (SLF4J logger
 *     {@value #ACCESS_LOGGER})
 * @param trustedAudienceHeader a request header that a trusted reverse proxy sets to {@code
 *     internal} for the host's staff (and strips from every client's request), answering such
 *     requests for the internal audience; null for none (only the admin token opens it)
 */
public record ServerSettings(
    int maxRequestHeaderBytes,
    int maxRequestLineBytes,
    int maxBodyBytes,
    Duration headerTimeout,
    Duration idleTimeout,
    int maxConnectionsPerAddress,
    int maxConnections,
    int maxThreads,
    Duration shutdownTimeout,
    boolean accessLog,
    @Nullable String trustedAudienceHeader) {
  /** The SLF4J logger the access log is written to. */
  public static final String ACCESS_LOGGER = "io.statuskit.examples.access";

  /** Checks every limit is present and in range. */
  public ServerSettings {
    range("maxRequestHeaderBytes", maxRequestHeaderBytes, 1024, 1 << 20);
    range("maxRequestLineBytes", maxRequestLineBytes, 256, maxRequestHeaderBytes);
    range("maxBodyBytes", maxBodyBytes, 1024, 64 << 20);
    positive("headerTimeout", headerTimeout);
    positive("idleTimeout", idleTimeout);
    range("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, 1_000_000);
    range("maxConnections", maxConnections, 1, 1_000_000);
    range("maxThreads", maxThreads, 8, 10_000);
    requireNonNull(shutdownTimeout, "shutdownTimeout");
    if (shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("server.shutdownTimeout must not be negative: " + shutdownTimeout);
    }
    if (trustedAudienceHeader != null && !trustedAudienceHeader.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException(
          "server.trustedAudienceHeader must be a header name (letters, digits, '-'): \"" + trustedAudienceHeader + "\"");
    }
  }

  /**
   * The defaults: 8 KiB of headers, 4 KiB request target, 64 KiB body, 10 s to send a header,
   * 30 s idle, 64 connections per address, 10,000 in all, 32 threads, 5 s to finish requests in
   * flight on shutdown, access log on.
   */
  public static ServerSettings defaults() {
    return new ServerSettings(
        8 * 1024, 4 * 1024, 64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 64, 10_000, 32, Duration.ofSeconds(5), true, null);
  }

  /** These settings with another header timeout. */
  public ServerSettings withHeaderTimeout(Duration timeout) {
    return new ServerSettings(
        maxRequestHeaderBytes, maxRequestLineBytes, maxBodyBytes, timeout, idleTimeout, maxConnectionsPerAddress,
        maxConnections, maxThreads, shutdownTimeout, accessLog, trustedAudienceHeader);
  }

  /** These settings with another cap on connections per client address. */
  public ServerSettings withMaxConnectionsPerAddress(int max) {
    return new ServerSettings(
        maxRequestHeaderBytes, maxRequestLineBytes, maxBodyBytes, headerTimeout, idleTimeout, max, maxConnections,
        maxThreads, shutdownTimeout, accessLog, trustedAudienceHeader);
  }

  /** These settings with another total connection cap. */
  public ServerSettings withMaxConnections(int max) {
    return new ServerSettings(
        maxRequestHeaderBytes, maxRequestLineBytes, maxBodyBytes, headerTimeout, idleTimeout, maxConnectionsPerAddress,
        max, maxThreads, shutdownTimeout, accessLog, trustedAudienceHeader);
  }

  /** These settings with another graceful shutdown timeout. */
  public ServerSettings withShutdownTimeout(Duration timeout) {
    return new ServerSettings(
        maxRequestHeaderBytes, maxRequestLineBytes, maxBodyBytes, headerTimeout, idleTimeout, maxConnectionsPerAddress,
        maxConnections, maxThreads, timeout, accessLog, trustedAudienceHeader);
  }

  /** These settings with a header a trusted reverse proxy sets for the internal audience. */
  public ServerSettings withTrustedAudienceHeader(@Nullable String header) {
    return new ServerSettings(
        maxRequestHeaderBytes, maxRequestLineBytes, maxBodyBytes, headerTimeout, idleTimeout, maxConnectionsPerAddress,
        maxConnections, maxThreads, shutdownTimeout, accessLog, header);
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("server." + name + " must be " + min + " to " + max + ": " + value);
    }
  }

  private static void positive(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("server." + name + " must be positive: " + value);
    }
  }
}
