package io.statuskit.notify.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Indicator;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import java.time.Instant;

/** What one event tells subscribers, worked out once from the event and the board. Immutable. */
public sealed interface Notice {
  /** The board version of the event. */
  long version();

  /** When the event was applied. */
  Instant at();

  /** The event type, such as {@code incident.created}. */
  String type();

  /** The page's indicator after the event. */
  Indicator indicator();

  /**
   * An incident, maintenance or notice was opened or updated.
   *
   * @param version the event's version
   * @param at when
   * @param type {@code incident.created}, {@code incident.updated} or {@code maintenance.rescheduled}
   * @param indicator the page's indicator after it
   * @param incident the incident as the board holds it
   * @param update the update this event posted (the latest one for a reschedule)
   * @param servers the public affected servers known to the board
   * @param serverTags the tag slugs of those servers
   */
  record IncidentNotice(
      long version,
      Instant at,
      String type,
      Indicator indicator,
      Incident incident,
      IncidentUpdate update,
      ImmutableList<Server> servers,
      ImmutableSet<String> serverTags)
      implements Notice {
    /** The incident's updates up to and including {@code update}, newest first (as Statuspage). */
    public ImmutableList<IncidentUpdate> updatesNewestFirst() {
      ImmutableList.Builder<IncidentUpdate> out = ImmutableList.builder();
      boolean reached = false;
      for (IncidentUpdate u : incident.updates().reverse()) {
        reached |= u.id().equals(update.id());
        if (reached) {
          out.add(u);
        }
      }
      ImmutableList<IncidentUpdate> list = out.build();
      return list.isEmpty() ? ImmutableList.of(update) : list;
    }
  }

  /**
   * A public server's effective status changed.
   *
   * @param version the event's version
   * @param at when
   * @param type {@code component.updated}
   * @param indicator the page's indicator after it
   * @param server the server
   * @param from its status before
   * @param to its status after
   */
  record ComponentNotice(
      long version, Instant at, String type, Indicator indicator, Server server, Status from, Status to)
      implements Notice {}
}
