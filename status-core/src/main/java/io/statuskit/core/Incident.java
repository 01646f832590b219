package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An incident, a maintenance or a notice, with its updates in time order (oldest first).
 *
 * <p>The record checks its structure: the first update opens it (never an addendum) in a state of
 * its kind, and a maintenance has a window while the other kinds have none. The lifecycle rules
 * (each later update moves the state forward within its {@link IncidentKind} ({@link
 * IncidentState#canMoveTo}), update times never go backwards, after the lifecycle closes only
 * addenda follow) are checked by {@link #withUpdate} and {@link #checkLifecycle()}, which the
 * {@link StatusTracker} runs when it validates a command; they are not checked when a kept event
 * or snapshot is read back, so a rule tightened in a later release never makes old data
 * unreadable.
 *
 * <p>{@code affected} lists the servers the incident concerns and the status each had during it;
 * it is descriptive. What a server's status <em>is</em> comes from observations, from status
 * changes declared by updates of open incidents, and from active maintenance: see {@link
 * StatusBoard#status(String)}. Immutable and thread-safe.
 *
 * @param id stable id, unique within the board
 * @param kind incident, maintenance or notice
 * @param title the title, such as "NC027: Mail server shut down"
 * @param impact how much it affects users
 * @param affected the servers it concerns and the status each had during it, by server id
 * @param tags its tags
 * @param categories its categories
 * @param updates its updates, oldest first; never empty
 * @param window the planned window of a maintenance, null for other kinds
 * @param revision how many times the maintenance window was changed (iCalendar SEQUENCE)
 * @param origin who opened it when it was not a person, such as {@code "monitor:NC036"}: the key
 *     by which a monitor finds the incident it opened (see {@link Command.ReportHealth}); null for
 *     incidents opened by hand
 */
public record Incident(
    String id,
    IncidentKind kind,
    String title,
    Impact impact,
    ImmutableMap<String, Status> affected,
    ImmutableSet<Tag> tags,
    ImmutableSet<Category> categories,
    ImmutableList<IncidentUpdate> updates,
    @Nullable MaintenanceWindow window,
    int revision,
    @Nullable String origin) {

  /** Validates every part and the structure of the updates (not their lifecycle). */
  public Incident {
    Checks.id("incident.id", id);
    requireNonNull(kind, "incident.kind");
    Checks.line("incident.title", title);
    requireNonNull(impact, "incident.impact");
    requireNonNull(affected, "incident.affected");
    for (String server : affected.keySet()) {
      Checks.id("incident.affected.server", server);
    }
    requireNonNull(tags, "incident.tags");
    requireNonNull(categories, "incident.categories");
    requireNonNull(updates, "incident.updates");
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("incident.updates must not be empty: incident " + id);
    }
    if (kind == IncidentKind.MAINTENANCE && window == null) {
      throw new IllegalArgumentException("incident.window is required for maintenance: " + id);
    }
    if (kind != IncidentKind.MAINTENANCE && window != null) {
      throw new IllegalArgumentException(
          "incident.window is only for maintenance, not " + kind.key() + ": " + id);
    }
    if (revision < 0) {
      throw new IllegalArgumentException("incident.revision must not be negative: " + revision);
    }
    IncidentUpdate first = updates.get(0);
    if (first.addendum()) {
      throw new IllegalStateException("update.addendum: the first update of " + id + " cannot be an addendum");
    }
    if (first.internal()) {
      throw new IllegalStateException("update.internal: the first update of " + id + " cannot be an internal note");
    }
    if (first.state().kind() != kind) {
      throw new IllegalStateException(
          "update.state " + first.state().key() + " is not a state of a " + kind.key() + ": " + id);
    }
    if (origin != null) {
      Checks.line("incident.origin", origin);
    }
  }

  /** An incident opened by hand (no origin). */
  public Incident(
      String id,
      IncidentKind kind,
      String title,
      Impact impact,
      ImmutableMap<String, Status> affected,
      ImmutableSet<Tag> tags,
      ImmutableSet<Category> categories,
      ImmutableList<IncidentUpdate> updates,
      @Nullable MaintenanceWindow window,
      int revision) {
    this(id, kind, title, impact, affected, tags, categories, updates, window, revision, null);
  }

  /**
   * Checks the lifecycle of the updates: each moves the state forward, times never go back, only
   * addenda follow a close.
   *
   * @return this incident
   * @throws IllegalStateException if a step is not allowed
   * @throws IllegalArgumentException if an update goes back in time
   */
  public Incident checkLifecycle() {
    IncidentState state = updates.get(0).state();
    for (int i = 1; i < updates.size(); i++) {
      checkNext(id, state, updates.get(i - 1), updates.get(i));
      if (!updates.get(i).addendum()) {
        state = updates.get(i).state();
      }
    }
    return this;
  }

  private static void checkNext(
      String id, IncidentState state, IncidentUpdate previous, IncidentUpdate next) {
    if (next.instant().isBefore(previous.instant())) {
      throw new IllegalArgumentException(
          "update.time "
              + next.time()
              + " is before the previous update of "
              + id
              + " at "
              + previous.time());
    }
    if (next.internal()) {
      if (next.state() != state) {
        throw new IllegalStateException(
            "update.state of an internal note must stay " + state.key() + ", was " + next.state().key());
      }
      return;
    }
    if (next.addendum()) {
      if (!state.isClosed()) {
        throw new IllegalStateException(
            "update.addendum: " + id + " is still " + state.key() + "; post an update instead");
      }
      if (next.state() != state) {
        throw new IllegalStateException(
            "update.state of an addendum must stay " + state.key() + ", was " + next.state().key());
      }
      return;
    }
    if (!state.canMoveTo(next.state())) {
      String why =
          state.isClosed()
              ? id + " is " + state.key() + "; only an addendum may follow"
              : "cannot go from " + state.key() + " to " + next.state().key() + " in " + id;
      throw new IllegalStateException("update.state: " + why);
    }
  }

  /**
   * This incident with one more update, checked as the constructor checks.
   *
   * @throws IllegalStateException if the update breaks the lifecycle
   * @throws IllegalArgumentException if it goes back in time
   */
  public Incident withUpdate(IncidentUpdate update) {
    checkNext(id, state(), latestUpdate(), update);
    return appended(update);
  }

  /** This incident with one more update, trusted as kept: no lifecycle check (for replay). */
  Incident appended(IncidentUpdate update) {
    ImmutableList<IncidentUpdate> next =
        ImmutableList.<IncidentUpdate>builderWithExpectedSize(updates.size() + 1)
            .addAll(updates)
            .add(update)
            .build();
    Map<String, Status> nowAffected = new LinkedHashMap<>(affected);
    update.statusChanges().forEach((server, status) -> nowAffected.merge(server, status, Status::worst));
    return new Incident(
        id, kind, title, impact, ImmutableMap.copyOf(nowAffected), tags, categories, next, window, revision, origin);
  }

  /**
   * This maintenance with a new window; the revision goes up by one.
   *
   * @throws IllegalStateException if this is not a maintenance or it is closed
   */
  public Incident withWindow(MaintenanceWindow newWindow) {
    checkWindowChange();
    return rescheduled(newWindow);
  }

  void checkWindowChange() {
    if (kind != IncidentKind.MAINTENANCE) {
      throw new IllegalStateException("incident.window: " + id + " is a " + kind.key() + ", not maintenance");
    }
    if (state().isClosed()) {
      throw new IllegalStateException("incident.window: " + id + " is " + state().key());
    }
  }

  /** This maintenance with a new window, trusted as kept (for replay). */
  Incident rescheduled(MaintenanceWindow newWindow) {
    return new Incident(
        id, kind, title, impact, affected, tags, categories, updates, newWindow, revision + 1, origin);
  }

  /** The current state: that of the last update that is not an addendum. */
  public IncidentState state() {
    for (int i = updates.size() - 1; i >= 0; i--) {
      if (!updates.get(i).addendum()) {
        return updates.get(i).state();
      }
    }
    throw new AssertionError("the first update is never an addendum");
  }

  /** Whether the lifecycle is still going: not resolved, completed, cancelled or posted. */
  public boolean isOpen() {
    return !state().isClosed();
  }

  /** Whether any update is an internal note. */
  public boolean hasInternalNotes() {
    for (int i = 0; i < updates.size(); i++) { // indexed: no iterator on the feeds' per-entry path
      if (updates.get(i).internal()) {
        return true;
      }
    }
    return false;
  }

  /** This incident as the public sees it: without its internal notes (itself when it has none). */
  public Incident withoutInternalNotes() {
    if (!hasInternalNotes()) {
      return this;
    }
    ImmutableList<IncidentUpdate> shown =
        updates.stream().filter(update -> !update.internal()).collect(ImmutableList.toImmutableList());
    return new Incident(id, kind, title, impact, affected, tags, categories, shown, window, revision, origin);
  }

  /** When the first update was posted. */
  public OffsetDateTime createdAt() {
    return updates.get(0).time();
  }

  /** When the latest update was posted. */
  public OffsetDateTime updatedAt() {
    return updates.get(updates.size() - 1).time();
  }

  /** The latest update. */
  public IncidentUpdate latestUpdate() {
    return updates.get(updates.size() - 1);
  }

  /** When the lifecycle closed (resolved, completed, cancelled or posted), if it has. */
  public Optional<OffsetDateTime> closedAt() {
    for (IncidentUpdate update : updates) {
      if (update.state().isClosed()) {
        return Optional.of(update.time());
      }
    }
    return Optional.empty();
  }

  /** How long it lasted from the first update to its close, if it has closed. */
  public Optional<Duration> duration() {
    return closedAt().map(end -> Duration.between(createdAt().toInstant(), end.toInstant()));
  }

  /** The servers whose status open updates currently declare, latest declaration per server. */
  public ImmutableMap<String, Status> declaredStatuses() {
    Map<String, Status> declared = new LinkedHashMap<>();
    for (IncidentUpdate update : updates) {
      declared.putAll(update.statusChanges());
    }
    return ImmutableMap.copyOf(declared);
  }

  /** Whether this maintenance is taking place now (in progress or verifying). */
  public boolean isActiveMaintenance() {
    return kind == IncidentKind.MAINTENANCE && state().isActiveMaintenance();
  }

  /** Whether the incident concerns the given server. */
  public boolean affects(String serverId) {
    return affected.containsKey(serverId);
  }

  /** The instant of the first update; a shorthand for sorting. */
  public Instant createdInstant() {
    return createdAt().toInstant();
  }
}
