package io.statuskit.probes.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Argument checks for probe settings; messages name the field and show the value. */
public final class Checks {
  private Checks() {}

  /** {@code host:port}, with an IPv6 literal in brackets: {@code [::1]:25}. */
  public static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public static String host(@Nullable String host) {
    if (host == null) {
      throw new NullPointerException("host must not be null");
    }
    checkArgument(!host.isBlank() && host.length() <= 253 && host.chars().noneMatch(Character::isWhitespace),
        "host must be a host name or address: \"%s\"", host);
    return host;
  }

  public static int port(int port) {
    checkArgument(port >= 1 && port <= 65535, "port must be 1 to 65535: %s", port);
    return port;
  }

  public static Duration timeout(@Nullable Duration timeout) {
    if (timeout == null) {
      throw new NullPointerException("timeout must not be null");
    }
    checkArgument(
        !timeout.isNegative() && !timeout.isZero() && timeout.compareTo(Duration.ofHours(1)) <= 0,
        "timeout must be positive and at most 1h: %s",
        timeout);
    return timeout;
  }

  /** A regular expression that compiles; the message names the setting and the syntax error. */
  public static String regex(String name, String regex) {
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          name + " must be a regular expression: \"" + regex + "\" (" + e.getDescription() + ")", e);
    }
    return regex;
  }

  /** A duration above zero. */
  public static Duration positive(String name, Duration value) {
    checkArgument(!value.isNegative() && !value.isZero(), "%s must be positive: %s", name, value);
    return value;
  }

  /**
   * A PEM file that holds at least one X.509 certificate, checked when a configuration is read
   * rather than at the first handshake.
   */
  public static java.nio.file.Path caFile(java.nio.file.Path file) {
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      int n =
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).size();
      checkArgument(n > 0, "caFile holds no certificates: %s", file);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("caFile cannot be read: " + e.getMessage(), e);
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException("caFile holds no PEM certificates (" + e.getMessage() + ")", e);
    }
    return file;
  }
}
