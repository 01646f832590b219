package io.statuskit.testkit.assertj;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Indicator;
import io.statuskit.core.Retirement;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusChange;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rules every {@link StatusBoard} keeps, checked from outside with an independent reading of
 * the documented semantics, so property tests can check a board after every command.
 *
 * <p>Checked: the version and the time; the glance is the servers not retired; each server's
 * timeline starts when it was added, never goes back, never repeats a status and ends in the
 * effective status, which is the worst of the last observation, the statuses open incidents
 * declare and {@link Status#UNDER_MAINTENANCE} for active maintenance affecting it; replacements
 * are on the board; incidents name only servers on the board and have unique update ids; the
 * lists of incidents, open incidents and maintenance hold what they say, in order; the archive,
 * tag counts and the indicator agree with the incidents.
 *
 * <p>Thread-safe: stateless.
 */
public final class BoardInvariants {
  private BoardInvariants() {}

  /** What is wrong with the board, one sentence each; empty when it keeps every rule. */
  public static ImmutableList<String> violations(StatusBoard board) {
    List<String> problems = new ArrayList<>();
    checkVersion(board, problems);
    checkServers(board, problems);
    checkIncidents(board, problems);
    checkQueries(board, problems);
    return ImmutableList.copyOf(problems);
  }

  /** The effective status the documented rules give a server on this board. */
  public static Status expectedStatus(StatusBoard board, ServerStatus server) {
    Status status = server.observed();
    for (Incident incident : board.incidents()) {
      if (!incident.isOpen()) {
        continue;
      }
      Status declared = incident.declaredStatuses().get(server.id());
      boolean affects = incident.affected().containsKey(server.id());
      if (!affects && declared == null) {
        continue;
      }
      if (incident.kind() == IncidentKind.MAINTENANCE) {
        if (!incident.state().isActiveMaintenance()) {
          continue;
        }
        if (affects) {
          status = status.worst(Status.UNDER_MAINTENANCE);
        }
      }
      if (declared != null) {
        status = status.worst(declared);
      }
    }
    return status;
  }

  /** The indicator the documented rules give this board. */
  public static Indicator expectedIndicator(StatusBoard board) {
    Indicator indicator = Indicator.NONE;
    for (ServerStatus server : board.servers()) {
      if (server.server().isPublic() && !server.server().isRetired()) {
        indicator = indicator.worst(Indicator.of(server.status()));
      }
    }
    for (Incident incident : board.incidents()) {
      if (!incident.isOpen()) {
        continue;
      }
      if (incident.kind() == IncidentKind.INCIDENT) {
        indicator = indicator.worst(Indicator.of(incident.impact()));
      } else if (incident.isActiveMaintenance()) {
        indicator = indicator.worst(Indicator.MAINTENANCE);
      }
    }
    return indicator;
  }

  private static void checkVersion(StatusBoard board, List<String> problems) {
    if (board.version() < 0) {
      problems.add("version is negative: " + board.version());
    }
    if (board.version() > 0 && board.updatedAt().isEmpty()) {
      problems.add("version " + board.version() + " but no updatedAt");
    }
    if (board.version() == 0 && (!board.servers().isEmpty() || board.incidentCount() > 0)) {
      problems.add("version 0 but the board holds servers or incidents");
    }
  }

  private static void checkServers(StatusBoard board, List<String> problems) {
    List<String> expectedGlance = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ServerStatus server : board.servers()) {
      String id = server.id();
      if (!ids.add(id)) {
        problems.add("server " + id + " is listed twice");
      }
      if (!server.server().isRetired()) {
        expectedGlance.add(id);
      }
      checkTimeline(server, problems);
      Status expected = expectedStatus(board, server);
      if (server.status() != expected) {
        problems.add(
            "server " + id + " shows " + server.status().key() + " but its inputs give "
                + expected.key() + " (observed " + server.observed().key() + ")");
      }
      if (server.observedAt() == null && server.observed() != Status.UNKNOWN) {
        problems.add("server " + id + " observed " + server.observed().key() + " but never observed");
      }
      if (server.changedAt().isBefore(server.addedAt())) {
        problems.add("server " + id + " changed at " + server.changedAt() + " before it was added at " + server.addedAt());
      }
      Retirement retirement = server.server().retirement();
      if (retirement != null && retirement.replacedBy() != null
          && board.serverStatus(retirement.replacedBy()).isEmpty()) {
        problems.add("server " + id + " is replaced by " + retirement.replacedBy() + ", which is not on the board");
      }
    }
    List<String> glance = board.glance().stream().map(ServerStatus::id).collect(Collectors.toList());
    if (!glance.equals(expectedGlance)) {
      problems.add("glance is " + glance + " but the servers in service are " + expectedGlance);
    }
  }

  private static void checkTimeline(ServerStatus server, List<String> problems) {
    Timeline timeline = server.timeline();
    String id = server.id();
    if (!timeline.serverId().equals(id)) {
      problems.add("server " + id + " has the timeline of " + timeline.serverId());
    }
    List<StatusChange> changes = timeline.changes();
    if (changes.isEmpty()) {
      problems.add("server " + id + " has an empty timeline");
      return;
    }
    if (!changes.get(0).at().equals(server.addedAt())) {
      problems.add("timeline of " + id + " starts at " + changes.get(0).at() + ", not when added at " + server.addedAt());
    }
    for (int i = 1; i < changes.size(); i++) {
      StatusChange previous = changes.get(i - 1);
      StatusChange change = changes.get(i);
      if (change.at().isBefore(previous.at())) {
        problems.add("timeline of " + id + " goes back from " + previous.at() + " to " + change.at());
      }
      if (change.status() == previous.status()) {
        problems.add("timeline of " + id + " repeats " + change.status().key() + " at " + change.at());
      }
    }
  }

  private static void checkIncidents(StatusBoard board, List<String> problems) {
    Set<String> updateIds = new HashSet<>();
    for (Incident incident : board.incidents()) {
      Set<String> named = new LinkedHashSet<>(incident.affected().keySet());
      for (IncidentUpdate update : incident.updates()) {
        named.addAll(update.statusChanges().keySet());
        if (!updateIds.add(update.id())) {
          problems.add("update id " + update.id() + " appears twice on the board");
        }
      }
      for (String server : named) {
        if (board.serverStatus(server).isEmpty()) {
          problems.add("incident " + incident.id() + " names " + server + ", which is not on the board");
        }
      }
      if (!incident.affected().keySet().containsAll(incident.declaredStatuses().keySet())) {
        problems.add("incident " + incident.id() + " declares statuses of servers it does not list as affected");
      }
    }
  }

  private static void checkQueries(StatusBoard board, List<String> problems) {
    ImmutableList<Incident> incidents = board.incidents();
    if (incidents.size() != board.incidentCount()) {
      problems.add("incidents() lists " + incidents.size() + " but incidentCount() is " + board.incidentCount());
    }
    for (int i = 1; i < incidents.size(); i++) {
      if (incidents.get(i).createdInstant().isAfter(incidents.get(i - 1).createdInstant())) {
        problems.add("incidents() is not newest first at " + incidents.get(i).id());
      }
    }
    List<Incident> open =
        incidents.stream().filter(i -> i.isOpen() && i.kind() == IncidentKind.INCIDENT).collect(Collectors.toList());
    if (!board.openIncidents().equals(open)) {
      problems.add("openIncidents() is " + ids(board.openIncidents()) + " but the open incidents are " + ids(open));
    }
    List<Incident> active =
        incidents.stream().filter(Incident::isActiveMaintenance).collect(Collectors.toList());
    if (!board.activeMaintenance().equals(active)) {
      problems.add("activeMaintenance() is " + ids(board.activeMaintenance()) + " but active are " + ids(active));
    }
    Set<String> upcoming =
        incidents.stream().filter(i -> i.state() == IncidentState.SCHEDULED).map(Incident::id).collect(Collectors.toSet());
    if (!new HashSet<>(ids(board.upcomingMaintenance())).equals(upcoming)) {
      problems.add("upcomingMaintenance() is " + ids(board.upcomingMaintenance()) + " but scheduled are " + upcoming);
    }
    int archived = board.months(ZoneOffset.UTC).values().stream().mapToInt(Integer::intValue).sum();
    if (archived != incidents.size()) {
      problems.add("the monthly archive counts " + archived + " incidents of " + incidents.size());
    }
    Map<Tag, Integer> tags = new TreeMap<>(Comparator.naturalOrder());
    for (Incident incident : incidents) {
      for (Tag tag : incident.tags()) {
        tags.merge(tag, 1, Integer::sum);
      }
    }
    if (!board.tags().equals(tags)) {
      problems.add("tags() is " + board.tags() + " but the incidents carry " + tags);
    }
    Indicator indicator = expectedIndicator(board);
    if (board.indicator() != indicator) {
      problems.add("indicator is " + board.indicator().key() + " but the rules give " + indicator.key());
    }
  }

  private static List<String> ids(List<Incident> incidents) {
    return incidents.stream().map(Incident::id).collect(Collectors.toList());
  }
}
