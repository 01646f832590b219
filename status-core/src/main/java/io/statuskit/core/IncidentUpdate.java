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
 * not reopen it. Immutable and thread-safe.
 *
 * @param id stable id, unique within the board
 * @param time when it was posted, with the offset it was written in
 * @param state the incident's state after this update
 * @param body what it says
 * @param statusChanges servers whose status this update declares, by server id
 * @param addendum whether this is an addendum to a closed incident
 * @param title the post's own title, such as "NC027: Mail server back online", or null when the
 *     update goes under its incident's title
 */
public record IncidentUpdate(
    String id,
    OffsetDateTime time,
    IncidentState state,
    Body body,
    ImmutableMap<String, Status> statusChanges,
    boolean addendum,
    @Nullable String title) {

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
  }

  /** An update without a title of its own. */
  public IncidentUpdate(
      String id,
      OffsetDateTime time,
      IncidentState state,
      Body body,
      ImmutableMap<String, Status> statusChanges,
      boolean addendum) {
    this(id, time, state, body, statusChanges, addendum, null);
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
    return new IncidentUpdate(id, time, state, body, statusChanges, addendum, newTitle);
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
