package io.statuskit.examples;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Timeline;
import io.statuskit.feeds.statuspage.ComponentInfo;
import io.statuskit.feeds.statuspage.StatuspageReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code import} command: reads a Statuspage v2 export ({@code summary.json}, {@code
 * incidents.json}, {@code scheduled-maintenances.json}, or any of the API's documents) with
 * {@link StatuspageReader} into a board, writes it into a store the way {@code migrate} does, and
 * reports what was read and what the model cannot carry. Thread-safe (stateless).
 */
final class StatuspageImport {
  /** The documents read from a directory, in this order, when they are there. */
  static final ImmutableList<String> DOCUMENTS =
      ImmutableList.of("summary.json", "components.json", "incidents.json", "scheduled-maintenances.json");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  // Fields the board keeps, or derives again when it is written back as Statuspage JSON.
  private static final ImmutableSet<String> INCIDENT_FIELDS =
      ImmutableSet.of(
          "id", "name", "status", "impact", "incident_updates", "components", "scheduled_for", "scheduled_until",
          "page_id", "monitoring_at", "resolved_at");
  private static final ImmutableSet<String> UPDATE_FIELDS =
      ImmutableSet.of("id", "status", "body", "incident_id", "display_at", "affected_components");
  private static final ImmutableSet<String> COMPONENT_FIELDS =
      ImmutableSet.of(
          "id", "name", "status", "description", "group", "group_id", "components", "created_at", "updated_at",
          "page_id", "position");

  private StatuspageImport() {}

  /**
   * What was read, and what could not be carried.
   *
   * @param documents the files read
   * @param board the board made of them
   * @param lines the report, one line each
   */
  record Report(ImmutableList<Path> documents, StatusBoard board, ImmutableList<String> lines) {}

  /**
   * Reads the export at {@code from}: a directory holding any of {@link #DOCUMENTS}, or one JSON
   * document.
   *
   * @throws IllegalArgumentException if there is nothing to read, naming what was looked for, or a
   *     document does not fit the model, naming the field and value
   * @throws IOException if a file cannot be read or is not a JSON object
   */
  static Report read(Path from) throws IOException {
    requireNonNull(from, "from");
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(from)) {
      for (String name : DOCUMENTS) {
        Path file = from.resolve(name);
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException(
            "--from " + from + " holds none of the Statuspage export's documents (" + String.join(", ", DOCUMENTS) + ")");
      }
    } else if (Files.isRegularFile(from)) {
      files.add(from);
    } else {
      throw new IllegalArgumentException("--from " + from + " is neither a directory nor a file");
    }
    List<JsonNode> trees = new ArrayList<>();
    for (Path file : files) {
      JsonNode tree;
      try {
        tree = MAPPER.readTree(file.toFile());
      } catch (IOException e) {
        throw new IOException(file + ": not JSON: " + e.getMessage(), e);
      }
      if (tree == null || !tree.isObject()) {
        throw new IOException(file + ": a Statuspage document must be a JSON object");
      }
      trees.add(tree);
    }
    io.statuskit.feeds.statuspage.StatuspageImport imported;
    try {
      imported = StatuspageReader.read(trees);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot import " + from + ": " + e.getMessage(), e);
    }
    int[] changes = {0};
    StatusBoard board = withHistory(imported.board(), trees, changes);
    imported = new io.statuskit.feeds.statuspage.StatuspageImport(imported.page(), board);
    List<String> lines = new ArrayList<>(lines(files, trees, imported));
    lines.add(
        4,
        "status history: rebuilt from " + changes[0]
            + " component changes in incident updates (an export holds only each component's current status)");
    return new Report(ImmutableList.copyOf(files), board, ImmutableList.copyOf(lines));
  }

  /**
   * The board with each server's timeline rebuilt from the incident updates' {@code
   * affected_components}: operational from the component's creation, each {@code new_status} from
   * its update on, and the component's current status from its last change if the updates do not
   * end there. The reader alone gives a server its current status since its creation, which would
   * colour every day of the uptime bars with today's outage.
   */
  private static StatusBoard withHistory(StatusBoard board, List<JsonNode> trees, int[] counted) {
    Map<String, TreeMap<Instant, Status>> changes = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode tree : trees) {
      for (String list : new String[] {"incidents", "scheduled_maintenances"}) {
        for (JsonNode incident : tree.path(list)) {
          for (JsonNode update : incident.path("incident_updates")) {
            if (!seen.add(update.path("id").asText())) {
              continue;
            }
            String field = update.path("display_at").isTextual() ? "display_at" : "created_at";
            Instant at = OffsetDateTime.parse(update.path(field).asText()).toInstant();
            for (JsonNode affected : update.path("affected_components")) {
              changes
                  .computeIfAbsent(affected.path("code").asText(), c -> new TreeMap<>())
                  .put(at, Status.fromKey(affected.path("new_status").asText()));
            }
          }
        }
      }
    }
    List<ServerStatus> servers = new ArrayList<>();
    for (ServerStatus server : board.servers()) {
      Timeline timeline = Timeline.empty(server.id()).with(server.addedAt(), Status.OPERATIONAL);
      Instant last = server.addedAt();
      for (Map.Entry<Instant, Status> change : changes.getOrDefault(server.id(), new TreeMap<>()).entrySet()) {
        if (!change.getKey().isBefore(last)) {
          timeline = timeline.with(change.getKey(), change.getValue());
          last = change.getKey();
          counted[0]++;
        }
      }
      Status current = server.status();
      if (timeline.current() != current) {
        timeline = timeline.with(server.changedAt().isAfter(last) ? server.changedAt() : last, current);
      }
      servers.add(
          new ServerStatus(
              server.server(), server.observed(), server.detail(), server.observedAt(), server.addedAt(), server.changedAt(), timeline));
    }
    return StatusBoard.of(board.version(), board.updatedAt().orElse(null), servers, board.incidents());
  }

  private static ImmutableList<String> lines(
      List<Path> files, List<JsonNode> trees, io.statuskit.feeds.statuspage.StatuspageImport imported) {
    StatusBoard board = imported.board();
    List<String> lines = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path file : files) {
      names.add(String.valueOf(file.getFileName()));
    }
    lines.add("read " + String.join(", ", names));
    lines.add(
        "page: " + imported.page().name() + " (" + imported.page().id() + "), " + imported.page().url() + ", time zone "
            + imported.page().timeZone());
    Map<String, Integer> groups = new LinkedHashMap<>();
    int ungrouped = 0;
    for (ServerStatus server : board.servers()) {
      String group = server.server().group();
      if (group == null) {
        ungrouped++;
      } else {
        groups.merge(group, 1, Integer::sum);
      }
    }
    StringBuilder servers = new StringBuilder("servers: " + board.servers().size() + " from components");
    if (!groups.isEmpty()) {
      servers.append(", in ").append(groups.size()).append(groups.size() == 1 ? " group" : " groups").append(" (");
      List<String> each = new ArrayList<>();
      groups.forEach((group, count) -> each.add(group + ": " + count));
      servers.append(String.join(", ", each)).append(")");
      servers.append(" and ").append(ungrouped).append(" without a group");
    }
    lines.add(servers.toString());
    int incidents = 0;
    int maintenance = 0;
    int open = 0;
    int updates = 0;
    int addenda = 0;
    for (Incident incident : board.incidents()) {
      if (incident.kind() == IncidentKind.MAINTENANCE) {
        maintenance++;
      } else {
        incidents++;
      }
      if (incident.isOpen()) {
        open++;
      }
      updates += incident.updates().size();
      for (IncidentUpdate update : incident.updates()) {
        if (update.addendum()) {
          addenda++;
        }
      }
    }
    lines.add(
        "incidents: " + incidents + ", scheduled maintenances: " + maintenance + " (" + open + " open), " + updates
            + " updates");

    // What the model cannot carry, counted from the documents themselves.
    Map<String, Integer> dropped = new TreeMap<>();
    Set<String> seenIncidents = new LinkedHashSet<>();
    Set<String> seenComponents = new LinkedHashSet<>();
    int wentBack = 0;
    for (JsonNode tree : trees) {
      for (String list : new String[] {"incidents", "scheduled_maintenances"}) {
        for (JsonNode incident : tree.path(list)) {
          if (!seenIncidents.add(incident.path("id").asText())) {
            continue;
          }
          count(dropped, "incident", incident, INCIDENT_FIELDS);
          Incident kept = board.incident(incident.path("id").asText()).orElse(null);
          for (JsonNode update : incident.path("incident_updates")) {
            count(dropped, "update", update, UPDATE_FIELDS);
            if (kept != null) {
              String id = update.path("id").asText();
              for (IncidentUpdate made : kept.updates()) {
                if (made.id().equals(id) && !made.state().key().equals(update.path("status").asText())) {
                  wentBack++;
                }
              }
            }
            for (JsonNode affected : update.path("affected_components")) {
              if (affected.hasNonNull("old_status")) {
                dropped.merge("update affected_components[].old_status (recomputed from the timeline)", 1, Integer::sum);
              }
            }
          }
        }
      }
      for (JsonNode component : tree.path("components")) {
        if (seenComponents.add(component.path("id").asText())) {
          count(dropped, "component", component, COMPONENT_FIELDS);
        }
      }
    }
    int extras = 0;
    for (ComponentInfo info : imported.page().components().values()) {
      if (!info.equals(ComponentInfo.DEFAULTS)) {
        extras++;
      }
    }
    List<String> notCarried = new ArrayList<>();
    dropped.forEach((field, count) -> notCarried.add(field + ": " + count));
    if (!imported.page().groupIds().isEmpty()) {
      notCarried.add(
          "component group ids: " + imported.page().groupIds().size() + " (groups are kept by name; written back as group-<name>)");
    }
    if (extras > 0) {
      notCarried.add("components with showcase, only_show_if_degraded or start_date set: " + extras + " (not kept in the store)");
    }
    if (wentBack > 0) {
      notCarried.add(
          "updates whose state went back (such as investigating after monitoring): " + wentBack
              + " (kept with the state reached; after resolution as addenda: " + addenda + ")");
    }
    notCarried.add("page id, name, URL and time zone (the page's own settings name it when served)");
    notCarried.add("status.indicator and description (computed from the servers and open incidents)");
    lines.add("not carried:");
    for (String line : notCarried) {
      lines.add("  " + line);
    }
    return ImmutableList.copyOf(lines);
  }

  /** Counts the fields of {@code node} with a value that are not in {@code kept}. */
  private static void count(Map<String, Integer> dropped, String what, JsonNode node, Set<String> kept) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (kept.contains(field.getKey()) || value.isNull() || value.isMissingNode()
          || (value.isTextual() && value.asText().isEmpty())
          || (what.equals("component") && Set.of("showcase", "only_show_if_degraded", "start_date").contains(field.getKey()))) {
        continue;
      }
      dropped.merge(what + " " + field.getKey(), 1, Integer::sum);
    }
  }
}
