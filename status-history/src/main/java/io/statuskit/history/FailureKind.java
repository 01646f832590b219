package io.statuskit.history;

import java.util.Locale;

/**
 * How a {@link Outcome#DOWN} result failed, counted per bucket. The names are those of
 * status-probes' {@code ErrorKind} (history does not depend on probes), plus {@link #OTHER}.
 * Immutable and thread-safe.
 */
public enum FailureKind {
  /** The deadline passed. */
  TIMEOUT,
  /** The connection was refused. */
  REFUSED,
  /** No route to the host. */
  UNREACHABLE,
  /** The connection was reset. */
  RESET,
  /** Name resolution failed. */
  DNS,
  /** The TLS handshake or the certificate failed. */
  TLS,
  /** The peer broke the protocol. */
  PROTOCOL,
  /** The answer did not match what was expected (status code, body, banner). */
  ASSERTION,
  /** The probe does not support the target. */
  UNSUPPORTED,
  /** The probe itself failed. */
  INTERNAL,
  /** Any other failure, or one whose kind was not given. */
  OTHER;

  private static final FailureKind[] VALUES = values();

  /** The number of kinds (the length of per-kind arrays). */
  public static final int COUNT = VALUES.length;

  /** The kind at this ordinal. */
  public static FailureKind ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }

  /** The kind with this name (any case), or {@link #OTHER} for a name history does not know. */
  public static FailureKind named(String name) {
    for (FailureKind kind : VALUES) {
      if (kind.name().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    return OTHER;
  }

  /** The lower-case name used in JSON and CSV. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
