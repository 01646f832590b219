package io.statuskit.benchmarks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Indicator;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The peer of StatusKit's {@code summary.json} writer: plain Java records of a Statuspage
 * summary, built from the same board with its public API the way a user of Jackson databind would
 * (the same mapping rules as {@code StatuspageWriter}), then written by {@code
 * ObjectMapper.writeValue}. {@code SummaryPeerTest} checks it writes the same JSON tree.
 * Stateless and thread-safe.
 */
final class SummaryPeer {
  static final String PAGE_ID = "bench";
  static final String PAGE_NAME = "Bench Status";
  static final String PAGE_URL = "https://status.example.net";
  static final String TIME_ZONE = "Etc/UTC";

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private SummaryPeer() {}

  record Summary(
      Page page,
      List<Component> components,
      List<StatuspageIncident> incidents,
      @JsonProperty("scheduled_maintenances") List<StatuspageIncident> scheduledMaintenances,
      StatusIndicator status) {}

  record Page(
      String id, String name, String url, @JsonProperty("time_zone") String timeZone,
      @JsonProperty("updated_at") String updatedAt) {}

  record StatusIndicator(String indicator, String description) {}

  record Component(
      String id,
      String name,
      String status,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      int position,
      @Nullable String description,
      boolean showcase,
      @JsonProperty("start_date") @Nullable String startDate,
      @JsonProperty("group_id") @Nullable String groupId,
      @JsonProperty("page_id") String pageId,
      boolean group,
      @JsonProperty("only_show_if_degraded") boolean onlyShowIfDegraded,
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> components) {}

  record StatuspageIncident(
      String id,
      String name,
      String status,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("monitoring_at") @Nullable String monitoringAt,
      @JsonProperty("resolved_at") @Nullable String resolvedAt,
      String impact,
      String shortlink,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("page_id") String pageId,
      @JsonProperty("scheduled_for") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String scheduledFor,
      @JsonProperty("scheduled_until") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String scheduledUntil,
      @JsonProperty("incident_updates") List<Update> incidentUpdates,
      List<Component> components) {}

  record Update(
      String id,
      String status,
      String body,
      @JsonProperty("incident_id") String incidentId,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("updated_at") String updatedAt,
      @JsonProperty("display_at") String displayAt,
      @JsonProperty("affected_components") @Nullable List<AffectedComponent> affectedComponents,
      @JsonProperty("deliver_notifications") boolean deliverNotifications,
      @JsonProperty("custom_tweet") @Nullable String customTweet,
      @JsonProperty("tweet_id") @Nullable String tweetId) {}

  record AffectedComponent(
      String code, String name,
      @JsonProperty("old_status") String oldStatus,
      @JsonProperty("new_status") String newStatus) {}

  /** Builds the summary of {@code board}. */
  static Summary summary(StatusBoard board) {
    List<ServerStatus> publicServers = new ArrayList<>();
    for (ServerStatus s : board.glance()) {
      if (s.server().isPublic()) {
        publicServers.add(s);
      }
    }
    Map<String, Integer> positions = new LinkedHashMap<>();
    Map<String, ServerStatus> byId = new LinkedHashMap<>();
    List<Component> components = new ArrayList<>();
    Map<String, List<ServerStatus>> groups = new LinkedHashMap<>();
    for (ServerStatus s : publicServers) {
      int position = components.size() + 1;
      positions.put(s.id(), position);
      byId.put(s.id(), s);
      components.add(component(s, position));
      String group = s.server().group();
      if (group != null) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(s);
      }
    }
    for (Map.Entry<String, List<ServerStatus>> group : groups.entrySet()) {
      components.add(groupComponent(group.getKey(), group.getValue(), components.size() + 1));
    }
    List<StatuspageIncident> incidents = incidents(board.openIncidents(), byId, positions);
    List<Incident> maintenance = new ArrayList<>(board.activeMaintenance());
    maintenance.addAll(board.upcomingMaintenance());
    Indicator indicator = board.indicator();
    return new Summary(
        new Page(PAGE_ID, PAGE_NAME, PAGE_URL, TIME_ZONE, time(board.updatedAt().orElse(Instant.EPOCH))),
        components,
        incidents,
        incidents(maintenance, byId, positions),
        new StatusIndicator(indicator.key(), indicator.description()));
  }

  private static String time(Instant instant) {
    return MILLIS.format(instant);
  }

  private static String key(Status status) {
    return status == Status.UNKNOWN ? Status.OPERATIONAL.key() : status.key();
  }

  private static Component component(ServerStatus status, int position) {
    Server server = status.server();
    String group = server.group();
    return new Component(
        server.id(), server.name(), key(status.status()), time(status.addedAt()), time(status.changedAt()),
        position, server.description(), false, null, group == null ? null : groupId(group), PAGE_ID, false,
        false, null);
  }

  private static String groupId(String group) {
    return "group-" + Tag.of(group).slug();
  }

  private static Component groupComponent(String group, List<ServerStatus> members, int position) {
    Status worst = Status.OPERATIONAL;
    Instant created = members.get(0).addedAt();
    Instant changed = members.get(0).changedAt();
    List<String> ids = new ArrayList<>(members.size());
    for (ServerStatus member : members) {
      worst = worst.worst(member.status());
      created = member.addedAt().isBefore(created) ? member.addedAt() : created;
      changed = member.changedAt().isAfter(changed) ? member.changedAt() : changed;
      ids.add(member.id());
    }
    return new Component(
        groupId(group), group, key(worst), time(created), time(changed), position, null, false, null, null,
        PAGE_ID, true, false, ids);
  }

  private static List<StatuspageIncident> incidents(
      List<Incident> incidents, Map<String, ServerStatus> byId, Map<String, Integer> positions) {
    List<StatuspageIncident> out = new ArrayList<>();
    for (Incident incident : incidents) {
      if (incident.kind() != IncidentKind.NOTICE) {
        out.add(incident(incident, byId, positions));
      }
    }
    return out;
  }

  private static StatuspageIncident incident(
      Incident incident, Map<String, ServerStatus> byId, Map<String, Integer> positions) {
    List<IncidentUpdate> updates = incident.updates();
    List<Update> written = new ArrayList<>(updates.size());
    @Nullable String monitoringAt = null;
    for (IncidentUpdate u : updates) {
      if (monitoringAt == null && u.state() == IncidentState.MONITORING) {
        monitoringAt = time(u.instant());
      }
    }
    for (int i = updates.size() - 1; i >= 0; i--) {
      IncidentUpdate u = updates.get(i);
      List<AffectedComponent> affected = new ArrayList<>();
      for (Map.Entry<String, Status> change : u.statusChanges().entrySet()) {
        ServerStatus server = byId.get(change.getKey());
        if (server != null) {
          affected.add(
              new AffectedComponent(
                  server.id(), server.server().name(), key(previous(updates, i, server.id())),
                  key(change.getValue())));
        }
      }
      written.add(
          new Update(
              u.id(), u.state().key(), u.body().text(), incident.id(), time(u.instant()), time(u.instant()),
              time(u.instant()), affected.isEmpty() ? null : affected, true, null, null));
    }
    List<Component> components = new ArrayList<>();
    for (String serverId : incident.affected().keySet()) {
      ServerStatus server = byId.get(serverId);
      if (server != null) {
        components.add(component(server, requireNonNull(positions.get(serverId))));
      }
    }
    MaintenanceWindow window = incident.window();
    String created = time(incident.createdAt().toInstant());
    return new StatuspageIncident(
        incident.id(),
        incident.title(),
        incident.state().key(),
        created,
        time(incident.updatedAt().toInstant()),
        monitoringAt,
        incident.closedAt().map(t -> time(t.toInstant())).orElse(null),
        incident.kind() == IncidentKind.MAINTENANCE && incident.impact() == Impact.NONE
            ? "maintenance"
            : incident.impact().key(),
        PAGE_URL + "/incidents/" + incident.id(),
        created,
        PAGE_ID,
        window == null ? null : time(window.start()),
        window == null ? null : time(window.end()),
        written,
        components);
  }

  private static Status previous(List<IncidentUpdate> updates, int index, String serverId) {
    for (int i = index - 1; i >= 0; i--) {
      Status declared = updates.get(i).statusChanges().get(serverId);
      if (declared != null) {
        return declared;
      }
    }
    return Status.OPERATIONAL;
  }
}
