package io.statuskit.feeds.statuspage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Statuspage v2 API documents ({@code summary.json}, {@code components.json}, {@code
 * incidents.json}, {@code scheduled-maintenances.json} and the others) into a board, so a
 * Statuspage page can be imported.
 *
 * <p>Components become servers (group components become the group of their members), incidents
 * and scheduled maintenances become incidents and maintenances with their updates. Several
 * documents of one page may be read together: components and incidents are merged by id, the
 * copy with more updates winning. Statuspage lets updates go back in state (monitoring, then
 * investigating again); StatusKit's lifecycle only moves forward, so such an update keeps the
 * state reached, and an update after the incident was resolved becomes an addendum. An update with
 * an empty body gets its state's label as text. Immutable and thread-safe.
 */
public final class StatuspageReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatuspageReader() {}

  /**
   * Reads one or more documents of the same page.
   *
   * @throws IOException if a stream fails or holds no JSON object
   * @throws IllegalArgumentException naming the field and value that does not fit the model
   */
  public static StatuspageImport read(InputStream... documents) throws IOException {
    List<JsonNode> trees = new ArrayList<>();
    for (InputStream document : documents) {
      JsonNode tree = MAPPER.readTree(requireNonNull(document, "document"));
      if (tree == null || !tree.isObject()) {
        throw new IOException("a Statuspage document must be a JSON object");
      }
      trees.add(tree);
    }
    return read(trees);
  }

  /**
   * Reads documents already parsed into Jackson trees.
   *
   * @throws IllegalArgumentException naming the field and value that does not fit the model
   */
  public static StatuspageImport read(List<JsonNode> documents) {
    if (documents.isEmpty()) {
      throw new IllegalArgumentException("documents must not be empty");
    }
    return new Reading(documents).result();
  }

  private static final class Reading {
    private @Nullable JsonNode page;
    private final Map<String, JsonNode> components = new LinkedHashMap<>();
    private final Map<String, JsonNode> incidents = new LinkedHashMap<>();
    private final Map<String, IncidentKind> kinds = new LinkedHashMap<>();

    Reading(List<JsonNode> documents) {
      for (JsonNode document : documents) {
        if (document.path("page").isObject()) {
          page = document.path("page");
        }
        for (JsonNode component : document.path("components")) {
          components.putIfAbsent(text(component, "id"), component);
        }
        collect(document.path("incidents"), IncidentKind.INCIDENT);
        collect(document.path("scheduled_maintenances"), IncidentKind.MAINTENANCE);
      }
    }

    private void collect(JsonNode list, IncidentKind kind) {
      for (JsonNode incident : list) {
        String id = text(incident, "id");
        JsonNode known = incidents.get(id);
        if (known == null || known.path("incident_updates").size() < incident.path("incident_updates").size()) {
          incidents.put(id, incident);
          kinds.put(id, kind);
        }
        // Incidents name their components; a document without a component list still has them.
        for (JsonNode component : incident.path("components")) {
          components.putIfAbsent(text(component, "id"), component);
        }
        for (JsonNode update : incident.path("incident_updates")) {
          for (JsonNode affected : update.path("affected_components")) {
            String code = text(affected, "code");
            if (!components.containsKey(code)) {
              components.put(code, MAPPER.createObjectNode()
                  .put("id", code)
                  .put("name", affected.path("name").asText(code))
                  .put("status", affected.path("new_status").asText("operational"))
                  .put("group", false));
            }
          }
        }
      }
    }

    StatuspageImport result() {
      JsonNode p = page;
      if (p == null) {
        throw new IllegalArgumentException("page: no document has a page object");
      }
      Map<String, String> groupNames = new LinkedHashMap<>();
      Map<String, String> groupIds = new LinkedHashMap<>();
      Map<String, ComponentInfo> infos = new LinkedHashMap<>();
      for (JsonNode component : components.values()) {
        if (component.path("group").asBoolean(false)) {
          String name = text(component, "name");
          groupNames.put(text(component, "id"), name);
          groupIds.put(name, text(component, "id"));
        }
      }
      Instant pageUpdated = time(p, "updated_at");
      List<ServerStatus> servers = new ArrayList<>();
      for (JsonNode component : components.values()) {
        String id = text(component, "id");
        ComponentInfo info = new ComponentInfo(
            component.path("showcase").asBoolean(false),
            component.path("only_show_if_degraded").asBoolean(false),
            component.path("start_date").isTextual() ? LocalDate.parse(component.path("start_date").asText()) : null);
        if (!info.equals(ComponentInfo.DEFAULTS)) {
          infos.put(id, info);
        }
        if (component.path("group").asBoolean(false)) {
          continue;
        }
        String groupId = component.path("group_id").isTextual() ? component.path("group_id").asText() : null;
        Server server = Server.builder(id)
            .name(text(component, "name"))
            .description(component.path("description").isTextual() && !component.path("description").asText().isBlank()
                ? component.path("description").asText() : null)
            .group(groupId == null ? null : groupNames.getOrDefault(groupId, groupId))
            .build();
        Status status = Status.fromKey(text(component, "status"));
        Instant created = component.has("created_at") ? time(component, "created_at") : pageUpdated;
        Instant changed = component.has("updated_at") ? time(component, "updated_at") : created;
        Timeline timeline = Timeline.empty(id).with(created, status);
        servers.add(new ServerStatus(server, status, null, changed, created, changed, timeline));
      }
      List<Incident> list = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : incidents.entrySet()) {
        list.add(incident(entry.getValue(), requireNonNull(kinds.get(entry.getKey()))));
      }
      PageInfo info = new PageInfo(
          text(p, "id"),
          text(p, "name"),
          URI.create(text(p, "url")),
          p.path("time_zone").asText("Etc/UTC"),
          ImmutableMap.copyOf(groupIds),
          ImmutableMap.copyOf(infos));
      return new StatuspageImport(info, StatusBoard.of(1, pageUpdated, servers, list));
    }

    private Incident incident(JsonNode node, IncidentKind kind) {
      String id = text(node, "id");
      List<JsonNode> raw = new ArrayList<>();
      node.path("incident_updates").forEach(raw::add);
      // Statuspage lists updates newest first.
      raw.sort((a, b) -> updateTime(a).compareTo(updateTime(b)));
      ImmutableList.Builder<IncidentUpdate> updates = ImmutableList.builder();
      IncidentState reached = null;
      for (JsonNode update : raw) {
        IncidentState state = IncidentState.fromKey(text(update, "status"));
        if (state.kind() != kind) {
          throw new IllegalArgumentException(
              "incident_updates.status \"" + state.key() + "\" is not a state of a " + kind.key() + ": incident " + id);
        }
        boolean addendum = false;
        if (reached != null && !reached.canMoveTo(state)) {
          addendum = reached.isClosed();
          state = reached;
        }
        Map<String, Status> changes = new LinkedHashMap<>();
        for (JsonNode affected : update.path("affected_components")) {
          changes.put(text(affected, "code"), Status.fromKey(text(affected, "new_status")));
        }
        String body = update.path("body").asText("");
        updates.add(new IncidentUpdate(
            text(update, "id"),
            updateTime(update),
            state,
            body.isBlank() ? Body.plain(state.label()) : Body.plain(body),
            addendum ? ImmutableMap.of() : ImmutableMap.copyOf(changes),
            addendum));
        reached = state;
      }
      Map<String, Status> affected = new LinkedHashMap<>();
      for (JsonNode component : node.path("components")) {
        affected.put(text(component, "id"), Status.fromKey(component.path("status").asText("operational")));
      }
      for (JsonNode update : raw) {
        for (JsonNode change : update.path("affected_components")) {
          affected.merge(text(change, "code"), Status.fromKey(text(change, "new_status")), Status::worst);
        }
      }
      String impactKey = node.path("impact").asText("none");
      Impact impact = impactKey.equals("maintenance") ? Impact.NONE : Impact.fromKey(impactKey);
      MaintenanceWindow window = null;
      if (kind == IncidentKind.MAINTENANCE) {
        window = MaintenanceWindow.of(time(node, "scheduled_for"), time(node, "scheduled_until"));
      }
      return new Incident(
          id, kind, text(node, "name"), impact, ImmutableMap.copyOf(affected),
          ImmutableSet.of(), ImmutableSet.of(), updates.build(), window, 0);
    }
  }

  private static OffsetDateTime updateTime(JsonNode update) {
    String field = update.path("display_at").isTextual() ? "display_at" : "created_at";
    return OffsetDateTime.parse(text(update, field)).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string: " + value);
    }
    return value.asText();
  }

  private static Instant time(JsonNode node, String field) {
    try {
      return OffsetDateTime.parse(text(node, field)).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + " is not an RFC 3339 time: " + node.path(field), e);
    }
  }
}
