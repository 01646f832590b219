package io.statuskit.monitor.internal;

import io.statuskit.monitor.FlapDetection;
import io.statuskit.monitor.Thresholds;
import io.statuskit.probes.Outcome;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The soft/hard state machine of one server with flap detection. Not thread-safe: the monitor
 * feeds one server's rounds one at a time.
 */
public final class ServerHealth {
  /** A published change: the new hard state and when the streak that led to it began. */
  public record Change(Outcome from, Outcome to, Instant since) {}

  private final Thresholds thresholds;
  private final FlapDetection flap;
  private final Outcome[] history = new Outcome[FlapDetection.HISTORY];
  private int historySize;
  private int historyStart;

  private Outcome hard = Outcome.UNSUPPORTED; // UNSUPPORTED stands for "unknown" here
  private Outcome published = Outcome.UNSUPPORTED;
  private int failures;
  private int successes;
  private @Nullable Outcome pendingFlavour;
  private int flavourCount;
  private @Nullable Instant failureStreakStart;
  private @Nullable Instant successStreakStart;
  private @Nullable Instant flavourStreakStart;
  private boolean flapping;
  private double flapPercent;

  public ServerHealth(Thresholds thresholds, FlapDetection flap) {
    this.thresholds = thresholds;
    this.flap = flap;
  }

  /**
   * Starts from what the board says rather than from nothing, as a monitor that restarts does:
   * the hard state {@code outcome} held since {@code since}, already published. The thresholds
   * then hold as if the streak that led there had just been seen: leaving it takes a whole new
   * streak. Call before the first {@link #observe}.
   */
  public void seed(Outcome outcome, Instant since) {
    if (outcome == Outcome.UNSUPPORTED) {
      return;
    }
    hard = outcome;
    published = outcome;
    if (outcome == Outcome.DOWN) {
      failures = thresholds.failures();
      failureStreakStart = since;
    } else {
      successes = thresholds.successes();
      successStreakStart = since;
    }
  }

  /**
   * Goes on from a streak of failed rounds that began at {@code since} and had not yet made the
   * server hard-down when the monitor stopped (the board's {@link io.statuskit.core.Coverage}):
   * the outage then counts from the first failed probe. Call after {@link #seed}, before the first
   * {@link #observe}; ignored when the server is already hard-down.
   */
  public void seedFailing(Instant since) {
    if (hard == Outcome.DOWN) {
      return;
    }
    failures = Math.max(failures, 1);
    failureStreakStart = since;
    successes = 0;
    successStreakStart = null;
  }

  /** When the current streak of failed rounds began while the server is not hard-down, or null. */
  public @Nullable Instant failingSince() {
    return failures > 0 && hard != Outcome.DOWN ? failureStreakStart : null;
  }

  /**
   * Takes one round's outcome at {@code at}; returns the change to publish, or null. Unsupported
   * rounds change nothing.
   */
  public @Nullable Change observe(Outcome outcome, Instant at) {
    if (outcome == Outcome.UNSUPPORTED) {
      return null;
    }
    record(outcome);
    if (outcome == Outcome.DOWN) {
      successes = 0;
      successStreakStart = null;
      pendingFlavour = null;
      flavourCount = 0;
      if (failures++ == 0) {
        failureStreakStart = at;
      }
      if (hard != Outcome.DOWN && failures >= thresholds.failures()) {
        hard = Outcome.DOWN;
      }
    } else {
      failures = 0;
      failureStreakStart = null;
      if (successes++ == 0) {
        successStreakStart = at;
      }
      if (hard == Outcome.DOWN || hard == Outcome.UNSUPPORTED) {
        int need = hard == Outcome.UNSUPPORTED ? 1 : thresholds.successes();
        if (successes >= need) {
          hard = outcome;
          pendingFlavour = null;
          flavourCount = 0;
        }
      } else if (outcome != hard) {
        if (pendingFlavour != outcome) {
          pendingFlavour = outcome;
          flavourCount = 0;
          flavourStreakStart = at;
        }
        if (++flavourCount >= thresholds.successes()) {
          hard = outcome;
          pendingFlavour = null;
          flavourCount = 0;
        }
      } else {
        pendingFlavour = null;
        flavourCount = 0;
      }
    }
    updateFlapping();
    if (flapping || hard == published) {
      return null;
    }
    Instant since;
    if (hard == Outcome.DOWN) {
      since = failureStreakStart != null ? failureStreakStart : at;
    } else if (published == Outcome.DOWN || published == Outcome.UNSUPPORTED) {
      since = successStreakStart != null ? successStreakStart : at;
    } else {
      since = flavourStreakStart != null ? flavourStreakStart : at;
    }
    Change change = new Change(published, hard, since);
    published = hard;
    return change;
  }

  private void record(Outcome outcome) {
    if (historySize < history.length) {
      history[(historyStart + historySize++) % history.length] = outcome;
    } else {
      history[historyStart] = outcome;
      historyStart = (historyStart + 1) % history.length;
    }
  }

  private void updateFlapping() {
    if (!flap.enabled()) {
      flapping = false;
      flapPercent = 0;
      return;
    }
    double changes = 0;
    int possible = history.length - 1;
    for (int i = 1; i < historySize; i++) {
      Outcome prev = history[(historyStart + i - 1) % history.length];
      Outcome cur = history[(historyStart + i) % history.length];
      if (prev != cur) {
        // Nagios: weights rise linearly from 0.75 for the oldest change to 1.25 for the newest.
        int position = i + (history.length - historySize); // align the newest with the newest slot
        changes += 0.75 + (position - 1) * (0.5 / (possible - 1));
      }
    }
    flapPercent = changes * 100.0 / possible;
    if (!flapping && flapPercent >= flap.highThreshold()) {
      flapping = true;
    } else if (flapping && flapPercent < flap.lowThreshold()) {
      flapping = false;
    }
  }

  /** The hard state (UNSUPPORTED until known). */
  public Outcome hard() {
    return hard;
  }

  /** The last published state (UNSUPPORTED until known). */
  public Outcome published() {
    return published;
  }

  public boolean flapping() {
    return flapping;
  }

  public double flapPercent() {
    return flapPercent;
  }

  public int consecutiveFailures() {
    return failures;
  }

  public int consecutiveSuccesses() {
    return successes;
  }
}
