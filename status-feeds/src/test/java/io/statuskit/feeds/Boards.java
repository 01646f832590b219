package io.statuskit.feeds;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Server;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds boards for tests by applying events, as a tracker would. */
public final class Boards {
  private StatusBoard board = StatusBoard.empty();
  private final List<Incident> incidents = new ArrayList<>();

  static Boards builder() {
    return new Boards();
  }

  Boards server(Server server) {
    board = board.apply(new StatusEvent.ServerAdded(board.version() + 1, Instant.parse("2013-01-01T00:00:00Z"), server));
    return this;
  }

  /** Opens the incident with its first update, then posts each later update. */
  Boards incident(Incident incident) {
    Incident opened =
        new Incident(
            incident.id(),
            incident.kind(),
            incident.title(),
            incident.impact(),
            incident.affected(),
            incident.tags(),
            incident.categories(),
            incident.updates().subList(0, 1),
            incident.window(),
            incident.revision());
    board = board.apply(new StatusEvent.IncidentOpened(board.version() + 1, opened.createdAt().toInstant(), opened));
    for (IncidentUpdate update : incident.updates().subList(1, incident.updates().size())) {
      board = board.apply(new StatusEvent.IncidentUpdated(board.version() + 1, update.instant(), incident.id(), update));
    }
    incidents.add(incident);
    return this;
  }

  StatusBoard build() {
    return board;
  }

  static OffsetDateTime time(String iso) {
    return OffsetDateTime.parse(iso);
  }

  static OffsetDateTime utc(int y, int mo, int d, int h, int mi, int s) {
    return OffsetDateTime.of(y, mo, d, h, mi, s, 0, ZoneOffset.UTC);
  }
}
