package io.statuskit.feeds.internal;

import io.statuskit.core.Incident;
import io.statuskit.feeds.FeedHead;

/**
 * Writes one feed document in one format, entry by entry, keeping nothing of past entries. Not
 * thread-safe: one per document.
 */
public interface EntryWriter {
  /** Writes the document's head. */
  void begin(FeedHead head);

  /** Writes one entry for a whole incident. */
  void incident(Incident incident);

  /** Writes one entry for the update at {@code index} in the incident's updates. */
  void update(Incident incident, int index);

  /** Closes the document and flushes it. */
  void end();

  /** The separator between an incident's title and an update's label in per-update titles. */
  String TITLE_SEPARATOR = " \u2014 ";

  /**
   * The title of a per-update entry: the update's own title when it has one ("NC027: Mail server
   * back online"); otherwise the incident's title for the opening update, else the incident's
   * title, a dash and the update's label ("NC027: Mail server shut down — Resolved").
   */
  static String updateTitle(Incident incident, int index) {
    io.statuskit.core.IncidentUpdate update = incident.updates().get(index);
    if (update.title() != null) {
      return update.title();
    }
    return index == 0
        ? incident.title()
        : incident.title() + TITLE_SEPARATOR + Html.label(update);
  }
}
