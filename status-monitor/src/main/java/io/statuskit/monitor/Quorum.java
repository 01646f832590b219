package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;

import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * How the results of several probes (or vantage points) of one server combine into one round's
 * outcome: down only when at least {@code k} of them are down. Unsupported results do not count;
 * fewer than {@code k} downs count as up, or degraded when any result is degraded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param k how many down results make the round down (at least 1)
 */
public record Quorum(int k) {
  /** Validates every part. */
  public Quorum {
    checkArgument(k >= 1 && k <= 1000, "quorum must be 1 to 1000: %s", k);
  }

  /** Down when any one probe is down. */
  public static Quorum any() {
    return new Quorum(1);
  }

  /** Down when at least {@code k} probes are down. */
  public static Quorum atLeast(int k) {
    return new Quorum(k);
  }

  /**
   * Combines one round's results.
   *
   * @return the round's outcome: {@link Outcome#UNSUPPORTED} when no result counts
   */
  public Outcome combine(List<ProbeResult> results) {
    int counted = 0;
    int down = 0;
    boolean degraded = false;
    for (ProbeResult r : results) {
      switch (r.outcome()) {
        case UNSUPPORTED:
          break;
        case DOWN:
          counted++;
          down++;
          break;
        case DEGRADED:
          counted++;
          degraded = true;
          break;
        case UP:
          counted++;
          break;
      }
    }
    if (counted == 0) {
      return Outcome.UNSUPPORTED;
    }
    if (down >= Math.min(k, counted)) {
      return Outcome.DOWN;
    }
    return degraded ? Outcome.DEGRADED : Outcome.UP;
  }

  /** The messages of the results that are not up, for a status detail. */
  public static String failures(List<ProbeResult> results, List<String> targets) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      ProbeResult r = results.get(i);
      if (r.outcome() != Outcome.UP && r.outcome() != Outcome.UNSUPPORTED) {
        parts.add((i < targets.size() ? targets.get(i) + ": " : "") + r.message());
      }
    }
    return String.join("; ", parts);
  }
}
