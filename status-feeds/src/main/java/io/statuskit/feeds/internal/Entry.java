package io.statuskit.feeds.internal;

import io.statuskit.core.Incident;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * One entry of a board's feed: a whole incident ({@code index < 0}) or one of its updates.
 * Immutable and thread-safe.
 *
 * @param incident the incident
 * @param index the update's index in the incident's updates, or -1 for the whole incident
 */
public record Entry(Incident incident, int index) {
  /** When the entry was published: the incident's creation or the update's time. */
  public Instant published() {
    return index < 0 ? incident.createdInstant() : incident.updates().get(index).instant();
  }

  /** When the entry last changed: the incident's latest update, or the update's time. */
  public Instant updated() {
    return index < 0 ? incident.updatedAt().toInstant() : published();
  }

  /** The month (in {@code zone}) the entry is archived under: that of its publication. */
  public YearMonth month(ZoneId zone) {
    return YearMonth.from(published().atZone(zone));
  }

  /** Writes the entry. */
  public void writeTo(EntryWriter writer) {
    if (index < 0) {
      writer.incident(incident);
    } else {
      writer.update(incident, index);
    }
  }
}
