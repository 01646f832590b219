package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.internal.Checks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One dated post on an {@link Incident}: the state it moves the incident to, its body, and the
 * status changes of affected servers it declares. An addendum is a post added after the incident
 * closed (the seed's "Update, 2022-01-24" on a 2013 post); it keeps the incident's state and does
 * not reopen it. An internal note is for the host's staff only: it keeps the incident's state,
 * declares no status changes, may follow any update (also a close), and is never shown to the
 * public or carried by a feed or the Statuspage API ({@link StatusBoard#withoutInternalNotes()}).
 * Immutable and thread-safe.
 *
 * @param id stable id, unique within the board
 * @param time when it was posted, with the offset it was written in
 * @param state the incident's state after this update
 * @param body what it says
 * @param statusChanges servers whose status this update declares, by server id
 * @param addendum whether this is an addendum to a closed incident
 * @param title the post's own title, such as "NC027: Mail server back online", or null when the
 *     update goes under its incident's title
 * @param internal whether this is an internal note, for staff only
 */
public record IncidentUpdate(
    String id,
    OffsetDateTime time,
    IncidentState state,
    Body body,
    ImmutableMap<String, Status> statusChanges,
    boolean addendum,
    @Nullable String title,
    boolean internal) {

  /** Validates the parts. */
  public IncidentUpdate {
    Checks.id("update.id", id);
    requireNonNull(time, "update.time");
    requireNonNull(state, "update.state");
    requireNonNull(body, "update.body");
    requireNonNull(statusChanges, "update.statusChanges");
    for (String server : statusChanges.keySet()) {
      Checks.id("update.statusChanges.server", server);
    }
    Checks.optionalLine("update.title", title);
    if (internal && (addendum || !statusChanges.isEmpty())) {
      throw new IllegalArgumentException(
          "update.internal: an internal note " + id + " is neither an addendum nor declares status changes (addendum: "
              + addendum + ", statusChanges: " + statusChanges + ")");
    }
  }

  /** A public update (not an internal note). */
  public IncidentUpdate(
      String id,
      OffsetDateTime time,
      IncidentState state,
      Body body,
      ImmutableMap<String, Status> statusChanges,
      boolean addendum,
      @Nullable String title) {
    this(id, time, state, body, statusChanges, addendum, title, false);
  }

  /** An update without a title of its own. */
  public IncidentUpdate(
      String id,
      OffsetDateTime time,
      IncidentState state,
      Body body,
      ImmutableMap<String, Status> statusChanges,
      boolean addendum) {
    this(id, time, state, body, statusChanges, addendum, null, false);
  }

  /** An internal note: staff only, in the incident's current {@code state}. */
  public static IncidentUpdate note(String id, OffsetDateTime time, IncidentState state, Body body) {
    return new IncidentUpdate(id, time, state, body, ImmutableMap.of(), false, null, true);
  }

  /** An update with no status changes that is not an addendum. */
  public static IncidentUpdate of(String id, OffsetDateTime time, IncidentState state, Body body) {
    return new IncidentUpdate(id, time, state, body, ImmutableMap.of(), false);
  }

  /** An update declaring status changes. */
  public static IncidentUpdate of(
      String id,
      OffsetDateTime time,
      IncidentState state,
      Body body,
      Map<String, Status> statusChanges) {
    return new IncidentUpdate(id, time, state, body, ImmutableMap.copyOf(statusChanges), false);
  }

  /** This update with its own title. */
  public IncidentUpdate withTitle(@Nullable String newTitle) {
    return new IncidentUpdate(id, time, state, body, statusChanges, addendum, newTitle, internal);
  }

  /** The post's title: its own, or else {@code incidentTitle}. */
  public String titleOr(String incidentTitle) {
    return title != null ? title : incidentTitle;
  }

  /** When it was posted, as an instant. */
  public Instant instant() {
    return time.toInstant();
  }
}
