package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one probe location last reported on a server, as the board keeps it ({@link
 * Coverage#vantages()}): its own status and since when, and until when its reports hold. A
 * location whose reports lapsed is stale: it still shows ("stale since 13:09") but no longer
 * counts towards the server's status ({@link VantageQuorum}). Immutable and thread-safe.
 *
 * @param name the location
 * @param status the status the location settled on, or null when it has only reported that it
 *     watches the server
 * @param detail the note that came with it (such as the failing probe's message), or null
 * @param since when the location's streak that led to the status began, or null with no status
 * @param seenAt when the location last reported (coverage or health)
 * @param until when its last coverage report lapses
 * @param failingSince when the location's current streak of failed rounds began while it has not
 *     judged the server down yet, or null
 */
public record VantageVerdict(
    String name,
    @Nullable Status status,
    @Nullable String detail,
    @Nullable Instant since,
    Instant seenAt,
    Instant until,
    @Nullable Instant failingSince) {
  /** Checks the parts. */
  public VantageVerdict {
    Checks.id("vantage", name);
    requireNonNull(seenAt, "seenAt");
    requireNonNull(until, "until");
    if ((status == null) != (since == null)) {
      throw new IllegalArgumentException("vantage " + name + ": status and since come together: " + status + ", " + since);
    }
  }

  /** Whether the location's reports still hold at {@code now}. */
  public boolean isFresh(Instant now) {
    return !now.isAfter(until);
  }

  /**
   * Since when the location has been silent, as of {@code now}: the time of its last report once
   * its reports lapsed; empty while they hold.
   */
  public Optional<Instant> staleSince(Instant now) {
    return isFresh(now) ? Optional.empty() : Optional.of(seenAt);
  }
}
