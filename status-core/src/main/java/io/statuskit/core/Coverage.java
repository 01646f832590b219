package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the board knows of the monitor watching a server ({@link Command.ReportCoverage}): when it
 * last reported that it was watching, until when that report holds, and since when the server has
 * been failing probes without a verdict yet. Time after {@code until} without a new report is "no
 * data": the monitor was down, or could not reach the store. Immutable and thread-safe.
 *
 * @param seenAt when the monitor last reported that it watches the server
 * @param until when that report lapses: a later report after this time leaves the time from
 *     {@code seenAt} on without data
 * @param failingSince when the current streak of failed rounds began while the server is not yet
 *     judged down (soft failures), or null; a restarted monitor goes on from it, so an outage
 *     counts from its first failed probe
 * @param vantages with probe locations ({@link Vantage}), each location's own verdict by name
 *     (fresh or stale); then {@code until} is when fewer than the quorum of locations' reports
 *     still hold ({@link VantageQuorum#covering}). Empty for a monitor without a location.
 */
public record Coverage(
    Instant seenAt, Instant until, @Nullable Instant failingSince, ImmutableSortedMap<String, VantageVerdict> vantages) {
  /** Checks the parts. */
  public Coverage {
    requireNonNull(seenAt, "seenAt");
    requireNonNull(until, "until");
    if (until.isBefore(seenAt)) {
      throw new IllegalArgumentException("coverage.until " + until + " is before coverage.seenAt " + seenAt);
    }
    requireNonNull(vantages, "vantages");
    for (Map.Entry<String, VantageVerdict> entry : vantages.entrySet()) {
      if (!entry.getKey().equals(entry.getValue().name())) {
        throw new IllegalArgumentException(
            "coverage.vantages: key " + entry.getKey() + " holds the verdict of " + entry.getValue().name());
      }
    }
  }

  /** Coverage by a monitor without a location. */
  public Coverage(Instant seenAt, Instant until, @Nullable Instant failingSince) {
    this(seenAt, until, failingSince, ImmutableSortedMap.of());
  }
}
