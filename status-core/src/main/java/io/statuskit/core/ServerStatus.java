package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A server as the board sees it: the server, its last observation, and its effective status
 * history. Immutable and thread-safe.
 *
 * @param server the server
 * @param observed the last observed status ({@link Status#UNKNOWN} before any)
 * @param detail the note that came with the last observation, or null
 * @param observedAt when it was last observed, or null
 * @param addedAt when it was added to the board
 * @param changedAt when it or its status last changed
 * @param timeline its effective status history
 */
public record ServerStatus(
    Server server,
    Status observed,
    @Nullable String detail,
    @Nullable Instant observedAt,
    Instant addedAt,
    Instant changedAt,
    Timeline timeline) {

  /** Checks the parts are present. */
  public ServerStatus {
    requireNonNull(server, "server");
    requireNonNull(observed, "observed");
    requireNonNull(addedAt, "addedAt");
    requireNonNull(changedAt, "changedAt");
    requireNonNull(timeline, "timeline");
  }

  /** The server's id. */
  public String id() {
    return server.id();
  }

  /**
   * The effective status: the worst of the observation, the statuses that open incidents declare
   * and active maintenance.
   */
  public Status status() {
    return timeline.current();
  }
}
