package io.statuskit.monitor;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import java.time.Instant;

/**
 * What a {@link Monitor} tells its listeners ({@link Monitor#subscribe}): every round's results,
 * including those the engine made itself (a hard timeout), and each hard change of a server. The
 * tracker hears of the changes as health reports; these events are for what is not a change of
 * the board, such as a page's ping column or a metrics binder. Immutable and thread-safe.
 */
public sealed interface MonitorEvent {
  /** The server. */
  String serverId();

  /** When it happened (the monitor's clock). */
  Instant at();

  /**
   * A round of a server's probes completed.
   *
   * @param serverId the server
   * @param at when the round completed
   * @param results each probe's result, in configuration order
   * @param state the server's state after the round
   */
  record RoundCompleted(String serverId, Instant at, ImmutableList<ProbeResult> results, TargetState state)
      implements MonitorEvent {
    /** Checks the parts are present. */
    public RoundCompleted {
      requireNonNull(serverId, "serverId");
      requireNonNull(at, "at");
      requireNonNull(results, "results");
      requireNonNull(state, "state");
    }
  }

  /**
   * A server went hard down.
   *
   * @param serverId the server
   * @param at when the monitor decided
   * @param since when the failures that led to it began
   * @param detail the failing probes' messages
   */
  record WentDown(String serverId, Instant at, Instant since, String detail) implements MonitorEvent {
    /** Checks the parts are present. */
    public WentDown {
      requireNonNull(serverId, "serverId");
      requireNonNull(at, "at");
      requireNonNull(since, "since");
      requireNonNull(detail, "detail");
    }
  }

  /**
   * A server that was hard down (or not yet known) is hard up or degraded again.
   *
   * @param serverId the server
   * @param at when the monitor decided
   * @param since when the successes that led to it began
   * @param outcome up or degraded
   */
  record CameBack(String serverId, Instant at, Instant since, Outcome outcome) implements MonitorEvent {
    /** Checks the parts are present. */
    public CameBack {
      requireNonNull(serverId, "serverId");
      requireNonNull(at, "at");
      requireNonNull(since, "since");
      requireNonNull(outcome, "outcome");
    }
  }
}
