package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
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
 * @param declared the worst status that open incidents declare for it and active maintenance gives
 *     it (a status a person stated, as opposed to {@code observed}), or null when nothing declares
 *     one; the board keeps it (and derives it in {@link StatusBoard#of} from the open incidents)
 */
public record ServerStatus(
    Server server,
    Status observed,
    @Nullable String detail,
    @Nullable Instant observedAt,
    Instant addedAt,
    Instant changedAt,
    Timeline timeline,
    @Nullable Coverage coverage,
    @Nullable Status declared) {

  /** Checks the parts are present. */
  public ServerStatus {
    requireNonNull(server, "server");
    requireNonNull(observed, "observed");
    requireNonNull(addedAt, "addedAt");
    requireNonNull(changedAt, "changedAt");
    requireNonNull(timeline, "timeline");
  }

  /** A server status with nothing declared for it. */
  public ServerStatus(
      Server server,
      Status observed,
      @Nullable String detail,
      @Nullable Instant observedAt,
      Instant addedAt,
      Instant changedAt,
      Timeline timeline,
      @Nullable Coverage coverage) {
    this(server, observed, detail, observedAt, addedAt, changedAt, timeline, coverage, null);
  }

  /** A server status without coverage, with nothing declared for it. */
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
    return new ServerStatus(server, observed, detail, observedAt, addedAt, newChangedAt, newTimeline, coverage, declared);
  }

  /** This status with another coverage. */
  ServerStatus withCoverage(@Nullable Coverage newCoverage) {
    return new ServerStatus(server, observed, detail, observedAt, addedAt, changedAt, timeline, newCoverage, declared);
  }

  /** This status with another declared status. */
  ServerStatus withDeclared(@Nullable Status newDeclared) {
    return newDeclared == declared
        ? this
        : new ServerStatus(server, observed, detail, observedAt, addedAt, changedAt, timeline, coverage, newDeclared);
  }

  /** The server's id. */
  public String id() {
    return server.id();
  }

  /**
   * When the monitor watching this server fell silent, as of {@code now}: once its last coverage
   * report has lapsed ({@code now} after {@link Coverage#until()}), the time of that report ({@link
   * Coverage#seenAt()}, or the server's last status change if later), the same start the board
   * gives the gap when the monitor reports again; empty while the report holds, and for a server no monitor has ever reported on (a manual board's servers
   * keep their declared status for ever).
   */
  public Optional<Instant> silentSince(Instant now) {
    requireNonNull(now, "now");
    Coverage current = coverage;
    if (current == null || !now.isAfter(current.until())) {
      return Optional.empty();
    }
    Instant lastChange = timeline.lastChangeAt();
    Instant seenAt = current.seenAt();
    return Optional.of(lastChange != null && lastChange.isAfter(seenAt) ? lastChange : seenAt);
  }

  /**
   * This server as seen at {@code now}: the board is only rewritten when something is reported, so
   * a monitor that stopped reporting leaves the last status standing. This is the one rule that
   * turns it into "no data": when the server's coverage has lapsed ({@link #silentSince}), the
   * returned status's timeline holds, from the lapse on, {@link #whileSilent()}: "no data" ({@link
   * Status#UNKNOWN}, so uptime leaves that time out), unless an open incident or active
   * maintenance declares a status for the server ({@link #declared()}); a status a person stated
   * wins over the monitor's silence. Otherwise this status itself. Pages and documents that show
   * "now" use this rather than the stored status, and the board records the same when the monitor
   * reports again.
   */
  public ServerStatus asOf(Instant now) {
    Optional<Instant> silent = silentSince(now);
    if (silent.isEmpty()) {
      return this;
    }
    return new ServerStatus(
        server, observed, detail, observedAt, addedAt, changedAt, timeline.with(silent.get(), whileSilent()), coverage, declared);
  }

  /**
   * The status while no monitor reports for this server: what is {@link #declared()} for it, when
   * that is anything but "operational" (an incident's or maintenance's status is a fact a person
   * stated, and stands without a monitor), else {@link Status#UNKNOWN} ("no data": nobody may
   * claim it is up).
   */
  public Status whileSilent() {
    Status stated = declared;
    return stated == null ? Status.UNKNOWN : stated.worst(Status.UNKNOWN);
  }

  /**
   * The effective status: the worst of the observation, the statuses that open incidents declare
   * and active maintenance.
   */
  public Status status() {
    return timeline.current();
  }
}
