package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;

/**
 * A probe location that reports its own verdict on the servers it watches, such as {@code
 * amsterdam}, and the quorum of locations it reports under ({@link Command.ReportHealth#vantage()},
 * {@link Command.ReportCoverage#vantage()}). Immutable and thread-safe.
 *
 * @param name the location's name: 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}
 * @param quorum how the locations' verdicts combine into the server's status
 */
public record Vantage(String name, VantageQuorum quorum) {
  /** Checks the parts. */
  public Vantage {
    Checks.id("vantage", name);
    requireNonNull(quorum, "vantage.quorum");
  }

  /** A location that reports under a majority quorum. */
  public static Vantage of(String name) {
    return new Vantage(name, VantageQuorum.majority());
  }
}
