package io.statuskit.notify.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import io.statuskit.notify.Topics;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Turns events into notices, and decides which topics hear a notice. Thread-safe (stateless). */
public final class Notices {
  private Notices() {}

  /**
   * The notice an event gives, or null when it tells subscribers nothing (a server added, a
   * status observed that changed nothing, anything only about internal servers).
   *
   * @param event the event
   * @param board a board at or after the event's version
   */
  public static @Nullable Notice of(StatusEvent event, StatusBoard board) {
    if (event instanceof StatusEvent.IncidentOpened opened) {
      Incident incident = board.incident(opened.incident().id()).orElse(opened.incident());
      return incident(event, board, "incident.created", incident, opened.incident().updates().get(0));
    } else if (event instanceof StatusEvent.IncidentUpdated updated) {
      Optional<Incident> incident = board.incident(updated.incidentId());
      return incident.isEmpty()
          ? null
          : incident(event, board, "incident.updated", incident.get(), updated.update());
    } else if (event instanceof StatusEvent.MaintenanceRescheduled moved) {
      Optional<Incident> incident = board.incident(moved.incidentId());
      return incident.isEmpty()
          ? null
          : incident(event, board, "maintenance.rescheduled", incident.get(), incident.get().latestUpdate());
    } else if (event instanceof StatusEvent.HealthReported report) {
      Incident opened = report.opened();
      if (opened != null) {
        Incident incident = board.incident(opened.id()).orElse(opened);
        return incident(event, board, "incident.created", incident, opened.updates().get(0));
      }
      String resolvedId = report.resolvedIncidentId();
      IncidentUpdate resolution = report.resolution();
      if (resolvedId != null && resolution != null) {
        Optional<Incident> incident = board.incident(resolvedId);
        return incident.isEmpty() ? null : incident(event, board, "incident.updated", incident.get(), resolution);
      }
      return component(event, board, report.serverId());
    } else if (event instanceof StatusEvent.StatusObserved observed) {
      return component(event, board, observed.serverId());
    }
    return null;
  }

  private static @Nullable Notice incident(
      StatusEvent event, StatusBoard board, String type, Incident incident, IncidentUpdate update) {
    ImmutableList.Builder<Server> servers = ImmutableList.builder();
    ImmutableSet.Builder<String> tags = ImmutableSet.builder();
    boolean anyInternal = false;
    for (String id : incident.affected().keySet()) {
      Optional<Server> server = board.server(id);
      if (server.isPresent() && server.get().isPublic()) {
        servers.add(server.get());
        server.get().tags().forEach(tag -> tags.add(tag.slug()));
      } else if (server.isPresent()) {
        anyInternal = true;
      }
    }
    ImmutableList<Server> publicServers = servers.build();
    if (anyInternal && publicServers.isEmpty()) {
      return null; // only internal servers: the public does not hear of it
    }
    return new Notice.IncidentNotice(
        event.sequence(), event.at(), type, board.indicator(), incident, update, publicServers, tags.build());
  }

  private static @Nullable Notice component(StatusEvent event, StatusBoard board, String serverId) {
    Optional<Server> server = board.server(serverId);
    if (server.isEmpty() || !server.get().isPublic()) {
      return null;
    }
    Timeline timeline = board.timeline(serverId);
    Instant at = event.at();
    Status to = timeline.statusAt(at);
    Status from = timeline.statusAt(at.minusNanos(1));
    if (from == to || (from == Status.UNKNOWN && to == Status.OPERATIONAL)) {
      return null;
    }
    return new Notice.ComponentNotice(
        event.sequence(), at, "component.updated", board.indicator(), server.get(), from, to);
  }

  /** Whether topics hear a notice. */
  public static boolean matches(Topics topics, Notice notice) {
    if (notice instanceof Notice.IncidentNotice n) {
      Incident incident = n.incident();
      if (!topics.kinds().contains(incident.kind())) {
        return false;
      }
      if (topics.isEverything()) {
        return true;
      }
      for (String id : incident.affected().keySet()) {
        if (topics.servers().contains(id)) {
          return true;
        }
      }
      for (Tag tag : incident.tags()) {
        if (topics.tags().contains(tag.slug())) {
          return true;
        }
      }
      for (String slug : n.serverTags()) {
        if (topics.tags().contains(slug)) {
          return true;
        }
      }
      for (Category category : incident.categories()) {
        if (topics.categories().contains(category.slug())) {
          return true;
        }
      }
      return false;
    } else if (notice instanceof Notice.ComponentNotice c) {
      if (!topics.components()) {
        return false;
      }
      if (topics.isEverything() || topics.servers().contains(c.server().id())) {
        return true;
      }
      for (Tag tag : c.server().tags()) {
        if (topics.tags().contains(tag.slug())) {
          return true;
        }
      }
      return false;
    }
    return false;
  }
}
