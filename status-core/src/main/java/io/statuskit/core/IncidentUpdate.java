package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.internal.Checks;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

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
 */
public record IncidentUpdate(
    String id,
    OffsetDateTime time,
    IncidentState state,
    Body body,
    ImmutableMap<String, Status> statusChanges,
    boolean addendum) {

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

  /** When it was posted, as an instant. */
  public Instant instant() {
    return time.toInstant();
  }
}
