package io.statuskit.monitor;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of what the {@link Monitor} knows about one server.
 *
 * <p>Immutable and thread-safe.
 *
 * @param serverId the server
 * @param hardState the hard state: up, degraded or down, or {@link Outcome#UNSUPPORTED} while
 *     unknown
 * @param publishedState the state last published to the tracker (differs from the hard state
 *     while flapping)
 * @param flapping whether the server is flapping
 * @param flapPercent the weighted share of state changes in the last 21 rounds, in percent
 * @param consecutiveFailures failed rounds in a row
 * @param consecutiveSuccesses good rounds in a row
 * @param lastResults the last round's results, in probe order (empty before the first round)
 * @param lastRoundAt when the last round ended, or null
 * @param openIncidentId the incident the monitor opened and has not resolved, or null
 */
public record TargetState(
    String serverId,
    Outcome hardState,
    Outcome publishedState,
    boolean flapping,
    double flapPercent,
    int consecutiveFailures,
    int consecutiveSuccesses,
    ImmutableList<ProbeResult> lastResults,
    @Nullable Instant lastRoundAt,
    @Nullable String openIncidentId) {

  /** Validates every part. */
  public TargetState {
    requireNonNull(serverId, "serverId");
    requireNonNull(hardState, "hardState");
    requireNonNull(publishedState, "publishedState");
    requireNonNull(lastResults, "lastResults");
  }
}
