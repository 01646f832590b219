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
 * @param coverage what the board knows of the monitor watching it ({@link Command.ReportCoverage}),
 *     or null when no monitor has reported coverage
 */
public record ServerStatus(
    Server server,
    Status observed,
    @Nullable String detail,
    @Nullable Instant observedAt,
    Instant addedAt,
    Instant changedAt,
    Timeline timeline,
    @Nullable Coverage coverage) {

  /** Checks the parts are present. */
  public ServerStatus {
    requireNonNull(server, "server");
    requireNonNull(observed, "observed");
    requireNonNull(addedAt, "addedAt");
    requireNonNull(changedAt, "changedAt");
    requireNonNull(timeline, "timeline");
  }

  /** A server status without coverage. */
  public ServerStatus(
      Server server,
      Status observed,
      @Nullable String detail,
      @Nullable Instant observedAt,
      Instant addedAt,
      Instant changedAt,
      Timeline timeline) {
    this(server, observed, detail, observedAt, addedAt, changedAt, timeline, null);
  }

  /** This status with another timeline. */
  ServerStatus withTimeline(Timeline newTimeline, Instant newChangedAt) {
    return new ServerStatus(server, observed, detail, observedAt, addedAt, newChangedAt, newTimeline, coverage);
  }

  /** This status with another coverage. */
  ServerStatus withCoverage(@Nullable Coverage newCoverage) {
    return new ServerStatus(server, observed, detail, observedAt, addedAt, changedAt, timeline, newCoverage);
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
