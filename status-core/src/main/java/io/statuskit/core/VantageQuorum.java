package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the verdicts of several probe locations ({@link Vantage}s) of one server combine into the
 * server's status: the one rule for it, used by the tracker when a location reports and by the
 * board for how long the server counts as watched. Immutable and thread-safe.
 *
 * <p>With a quorum of {@code k}, the server's status is the most severe status that at least
 * {@code k} fresh locations agree it is at least as bad as: with {@code k = 2} of three locations,
 * down only when two see it down; one down and two up is up; one down, one degraded and one up is
 * degraded. A location whose reports lapsed ({@link VantageVerdict#isFresh}) does not count, and
 * neither does one without a verdict yet; when fewer than {@code k} locations count, the server
 * has no data ({@link Status#UNKNOWN}) rather than a guess.
 *
 * @param atLeast how many locations must agree ({@code k}, 1 to 100), or 0 for a majority of the
 *     locations the board knows for the server (fresh or stale)
 */
public record VantageQuorum(int atLeast) {
  private static final VantageQuorum MAJORITY = new VantageQuorum(0);

  /** Checks the count. */
  public VantageQuorum {
    if (atLeast < 0 || atLeast > 100) {
      throw new IllegalArgumentException("vantage.quorum must be 0 (majority) or 1 to 100: " + atLeast);
    }
  }

  /** A majority of the locations the board knows for the server: 2 of 3, 3 of 4 or 5. */
  public static VantageQuorum majority() {
    return MAJORITY;
  }

  /** At least {@code k} locations must agree. */
  public static VantageQuorum atLeast(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("vantage.quorum must be 1 to 100: " + k);
    }
    return new VantageQuorum(k);
  }

  /** Whether this is {@link #majority()}. */
  public boolean isMajority() {
    return atLeast == 0;
  }

  /** How many locations must agree when the board knows {@code known} of them. */
  public int required(int known) {
    return atLeast == 0 ? known / 2 + 1 : atLeast;
  }

  /**
   * The server's status from its locations' verdicts as of {@code now}: the {@code k}-th most
   * severe status among the fresh verdicts, or {@link Status#UNKNOWN} when fewer than {@code k}
   * fresh locations have one.
   */
  public Status combine(Collection<VantageVerdict> verdicts, Instant now) {
    requireNonNull(now, "now");
    int required = required(verdicts.size());
    List<Status> counted = new ArrayList<>();
    for (VantageVerdict verdict : verdicts) {
      Status status = verdict.status();
      if (status != null && status != Status.UNKNOWN && verdict.isFresh(now)) {
        counted.add(status);
      }
    }
    if (counted.size() < required) {
      return Status.UNKNOWN;
    }
    counted.sort(Comparator.reverseOrder());
    return counted.get(required - 1);
  }

  /**
   * The location whose report decides until when the server counts as watched: of the verdicts
   * ordered by {@link VantageVerdict#until()}, latest first, the {@code k}-th; after its {@code
   * until} fewer than {@code k} locations' reports hold, and the server has no data until enough
   * report again. Null when fewer than {@code k} locations are known.
   */
  public @Nullable VantageVerdict covering(Collection<VantageVerdict> verdicts) {
    int required = required(verdicts.size());
    if (verdicts.size() < required) {
      return null;
    }
    List<VantageVerdict> byUntil = new ArrayList<>(verdicts);
    byUntil.sort(Comparator.comparing(VantageVerdict::until).reversed());
    return byUntil.get(required - 1);
  }

  @Override
  public String toString() {
    return atLeast == 0 ? "majority" : String.valueOf(atLeast);
  }
}
