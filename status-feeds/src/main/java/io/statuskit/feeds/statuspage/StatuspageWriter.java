package io.statuskit.feeds.statuspage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Maps;
import io.statuskit.core.Coverage;
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
import io.statuskit.feeds.StatusDocument;
import io.statuskit.feeds.internal.Dates;
import io.statuskit.feeds.internal.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes a board as Statuspage v2 API documents, with Statuspage's field names and enum values, so
 * widgets and clients written for Statuspage read them unchanged.
 *
 * <p>Public servers that are not retired map to components (in board order; {@code position}
 * counts from 1); servers' groups map to component groups. Internal and retired servers are left
 * out, and so are status changes of them. Incidents and maintenances map to incidents and
 * scheduled maintenances; notices have no Statuspage counterpart and are left out.
 *
 * <p>"No data" ({@link Status#UNKNOWN}: never observed, or no monitor reporting) is never written
 * as {@code operational}, Statuspage having no status for it: such a server is left out of the
 * components (and of its group's status, and of {@code affected_components}) until it is observed,
 * and the documents that list components name it in a {@code statuskit.components_without_data}
 * field, which Statuspage clients ignore; the status description then says "No data for ..." in
 * place of "All Systems Operational". An {@code old_status} that was "no data" is written as
 * {@code null}. A server whose monitor fell silent is "no data" too: documents are written as of
 * the writer's clock ({@link ServerStatus#asOf}), so a lapsed coverage leaves the server out of
 * the components though the board still holds its last status. Immutable and thread-safe.
 */
public final class StatuspageWriter {
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final int RECENT = 50;

  private final PageInfo page;
  private final Clock clock;

  private StatuspageWriter(PageInfo page, Clock clock) {
    this.page = requireNonNull(page, "page");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A writer publishing boards as the given page, as of the system clock. */
  public static StatuspageWriter of(PageInfo page) {
    return new StatuspageWriter(page, Clock.systemUTC());
  }

  /**
   * A writer publishing boards as the given page, as of {@code clock}: a server whose monitor's
   * coverage lapsed before the clock's instant is written as "no data".
   */
  public static StatuspageWriter of(PageInfo page, Clock clock) {
    return new StatuspageWriter(page, clock);
  }

  /** The page written. */
  public PageInfo page() {
    return page;
  }

  /** One document of a board. */
  public StatusDocument document(StatuspageDocument which, StatusBoard board) {
    return document(which, board, clock.instant());
  }

  /** One document of a board as of {@code now} (which servers' monitors have fallen silent). */
  public StatusDocument document(StatuspageDocument which, StatusBoard board, Instant now) {
    requireNonNull(which, "document");
    requireNonNull(board, "board");
    requireNonNull(now, "now");
    return new Doc(which, board, now);
  }

  /** {@code summary.json} of a board. */
  public StatusDocument summary(StatusBoard board) {
    return document(StatuspageDocument.SUMMARY, board);
  }

  private final class Doc implements StatusDocument {
    private final StatuspageDocument which;
    private final StatusBoard board;
    private final Instant now;

    Doc(StatuspageDocument which, StatusBoard board, Instant now) {
      this.which = which;
      this.board = board;
      this.now = now;
    }

    @Override
    public String mediaType() {
      return "application/json";
    }

    @Override
    public Instant lastModified() {
      // the document also changes, on the same board, when a server's coverage lapses: a client
      // that validates by date alone must not be told it still has the older one
      Instant modified = board.updatedAt().orElse(Instant.EPOCH);
      for (ServerStatus server : board.glance()) {
        Coverage coverage = server.coverage();
        if (coverage != null && server.silentSince(now).isPresent() && coverage.until().isAfter(modified)) {
          modified = coverage.until();
        }
      }
      return modified;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      try (JsonGenerator json = JSON.createGenerator(out)) {
        new Render(json, board, now).document(which);
      }
    }

    @Override
    public String toString() {
      return "Statuspage " + which.path() + " of " + board;
    }
  }

  /** Writes one document; one per write. */
  private final class Render {
    private final JsonGenerator json;
    private final StatusBoard board;
    private final Instant now;
    private final List<ServerStatus> components;
    /** Public servers left out of the components for want of data. */
    private final List<ServerStatus> withoutData;
    /** Each component's index in {@link #components}. */
    private final Map<String, Integer> indexes;
    private final Map<String, String> groupIds = new HashMap<>();
    /** Reused to format each time without making a string. */
    private final StringBuilder timeText = new StringBuilder(32);
    private char[] timeChars = new char[32];

    Render(JsonGenerator json, StatusBoard board, Instant now) {
      this.json = json;
      this.board = board.withoutInternalNotes(); // internal notes are for staff, never in the API
      this.now = now;
      // as of now: a server whose monitor fell silent is "no data" (ServerStatus.asOf)
      List<ServerStatus> shown =
          this.board.glance().stream()
              .filter(s -> s.server().isPublic())
              .map(s -> s.asOf(now))
              .collect(Collectors.toList());
      this.withoutData = shown.stream().filter(s -> s.status() == Status.UNKNOWN).collect(Collectors.toList());
      this.components = shown.stream().filter(s -> s.status() != Status.UNKNOWN).collect(Collectors.toList());
      this.indexes = Maps.newHashMapWithExpectedSize(components.size());
      for (ServerStatus server : components) {
        indexes.put(server.id(), indexes.size());
      }
    }

    void document(StatuspageDocument which) throws IOException {
      json.writeStartObject();
      page();
      switch (which) {
        case SUMMARY:
          components();
          incidents("incidents", board.openIncidents());
          incidents("scheduled_maintenances", upcomingAndActive());
          status();
          withoutData();
          break;
        case STATUS:
          status();
          break;
        case COMPONENTS:
          components();
          withoutData();
          break;
        case INCIDENTS:
          incidents("incidents", recent(IncidentKind.INCIDENT));
          break;
        case UNRESOLVED_INCIDENTS:
          incidents("incidents", board.openIncidents());
          break;
        case SCHEDULED_MAINTENANCES:
          incidents("scheduled_maintenances", recent(IncidentKind.MAINTENANCE));
          break;
        case UPCOMING_MAINTENANCES:
          incidents("scheduled_maintenances", board.upcomingMaintenance());
          break;
        case ACTIVE_MAINTENANCES:
          incidents("scheduled_maintenances", board.activeMaintenance());
          break;
      }
      json.writeEndObject();
    }

    private List<Incident> recent(IncidentKind kind) {
      return board.incidents().stream().filter(i -> i.kind() == kind).limit(RECENT).collect(Collectors.toList());
    }

    private List<Incident> upcomingAndActive() {
      List<Incident> list = new ArrayList<>(board.activeMaintenance());
      list.addAll(board.upcomingMaintenance());
      return list;
    }

    private void page() throws IOException {
      json.writeObjectFieldStart("page");
      json.writeStringField("id", page.id());
      json.writeStringField("name", Text.clean(page.name()));
      json.writeStringField("url", page.url().toString());
      json.writeStringField("time_zone", page.timeZone());
      time("updated_at", board.updatedAt().orElse(Instant.EPOCH));
      json.writeEndObject();
    }

    private void status() throws IOException {
      Indicator indicator = board.indicator(now);
      json.writeObjectFieldStart("status");
      json.writeStringField("indicator", indicator.key());
      String description = indicator.description();
      if (indicator == Indicator.NONE && !withoutData.isEmpty()) {
        // "All Systems Operational" would claim what nobody observed
        description =
            components.isEmpty()
                ? "No data yet"
                : "No data for " + withoutData.stream().map(s -> Text.clean(s.server().name())).collect(Collectors.joining(", "));
      }
      json.writeStringField("description", description);
      json.writeEndObject();
    }

    /** The StatusKit extension naming the public servers left out of the components for want of data. */
    private void withoutData() throws IOException {
      if (withoutData.isEmpty()) {
        return;
      }
      json.writeObjectFieldStart("statuskit");
      json.writeArrayFieldStart("components_without_data");
      for (ServerStatus server : withoutData) {
        json.writeStartObject();
        json.writeStringField("id", server.id());
        json.writeStringField("name", Text.clean(server.server().name()));
        json.writeStringField("status", "no_data");
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField(
          "note",
          "Left out of components: no data (never observed, or no monitor reporting). Statuspage has no"
              + " status for that, and operational would claim they are up.");
      json.writeEndObject();
    }

    private void components() throws IOException {
      json.writeArrayFieldStart("components");
      Map<String, List<ServerStatus>> groups = new LinkedHashMap<>();
      int position = 0;
      for (ServerStatus server : components) {
        component(server, ++position);
        String group = server.server().group();
        if (group != null) {
          groups.computeIfAbsent(group, g -> new ArrayList<>()).add(server);
        }
      }
      for (Map.Entry<String, List<ServerStatus>> group : groups.entrySet()) {
        groupComponent(group.getKey(), group.getValue(), ++position);
      }
      json.writeEndArray();
    }

    private String groupId(String group) {
      String cached = groupIds.get(group);
      if (cached != null) {
        return cached;
      }
      String id = page.groupIds().get(group);
      String made = id != null ? id : "group-" + io.statuskit.core.Tag.of(group).slug();
      groupIds.put(group, made);
      return made;
    }

    private void component(ServerStatus status, int position) throws IOException {
      Server server = status.server();
      ComponentInfo info = page.component(server.id());
      json.writeStartObject();
      json.writeStringField("id", server.id());
      json.writeStringField("name", Text.clean(server.name()));
      json.writeStringField("status", key(status.status()));
      time("created_at", status.addedAt());
      time("updated_at", status.changedAt());
      json.writeNumberField("position", position);
      nullableString("description", server.description());
      json.writeBooleanField("showcase", info.showcase());
      LocalDate start = info.startDate();
      nullableString("start_date", start == null ? null : start.toString());
      String group = server.group();
      nullableString("group_id", group == null ? null : groupId(group));
      json.writeStringField("page_id", page.id());
      json.writeBooleanField("group", false);
      json.writeBooleanField("only_show_if_degraded", info.onlyShowIfDegraded());
      json.writeEndObject();
    }

    private void groupComponent(String group, List<ServerStatus> members, int position) throws IOException {
      Status worst = Status.OPERATIONAL;
      Instant created = members.get(0).addedAt();
      Instant changed = members.get(0).changedAt();
      for (ServerStatus member : members) {
        worst = worst.worst(member.status());
        created = member.addedAt().isBefore(created) ? member.addedAt() : created;
        changed = member.changedAt().isAfter(changed) ? member.changedAt() : changed;
      }
      String id = groupId(group);
      ComponentInfo info = page.component(id);
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeStringField("name", Text.clean(group));
      json.writeStringField("status", key(worst));
      time("created_at", created);
      time("updated_at", changed);
      json.writeNumberField("position", position);
      json.writeNullField("description");
      json.writeBooleanField("showcase", info.showcase());
      json.writeNullField("start_date");
      json.writeNullField("group_id");
      json.writeStringField("page_id", page.id());
      json.writeBooleanField("group", true);
      json.writeBooleanField("only_show_if_degraded", info.onlyShowIfDegraded());
      json.writeArrayFieldStart("components");
      for (ServerStatus member : members) {
        json.writeString(member.id());
      }
      json.writeEndArray();
      json.writeEndObject();
    }

    private void incidents(String field, List<Incident> incidents) throws IOException {
      json.writeArrayFieldStart(field);
      for (Incident incident : incidents) {
        if (incident.kind() != IncidentKind.NOTICE) {
          incident(incident);
        }
      }
      json.writeEndArray();
    }

    private void incident(Incident incident) throws IOException {
      json.writeStartObject();
      json.writeStringField("id", incident.id());
      json.writeStringField("name", Text.clean(incident.title()));
      json.writeStringField("status", incident.state().key());
      time("created_at", incident.createdAt().toInstant());
      time("updated_at", incident.updatedAt().toInstant());
      nullableTime("monitoring_at", firstIn(incident, IncidentState.MONITORING));
      nullableTime("resolved_at", incident.closedAt().map(t -> t.toInstant()).orElse(null));
      json.writeStringField("impact", impact(incident));
      json.writeStringField("shortlink", page.url().resolve("/incidents/" + incident.id()).toString());
      time("started_at", incident.createdAt().toInstant());
      json.writeStringField("page_id", page.id());
      MaintenanceWindow window = incident.window();
      if (window != null) {
        time("scheduled_for", window.start());
        time("scheduled_until", window.end());
      }
      json.writeArrayFieldStart("incident_updates");
      ImmutableList<IncidentUpdate> updates = incident.updates();
      for (int i = updates.size() - 1; i >= 0; i--) {
        update(incident, i);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("components");
      for (String serverId : incident.affected().keySet()) {
        Integer index = indexes.get(serverId);
        if (index != null) {
          component(components.get(index), index + 1);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    }

    private void update(Incident incident, int index) throws IOException {
      IncidentUpdate update = incident.updates().get(index);
      json.writeStartObject();
      json.writeStringField("id", update.id());
      json.writeStringField("status", update.state().key());
      json.writeStringField("body", Text.clean(update.body().text()));
      json.writeStringField("incident_id", incident.id());
      time("created_at", update.instant());
      time("updated_at", update.instant());
      time("display_at", update.instant());
      List<Map.Entry<String, Status>> changes =
          update.statusChanges().entrySet().stream()
              .filter(e -> indexes.containsKey(e.getKey()))
              .collect(Collectors.toList());
      if (changes.isEmpty()) {
        json.writeNullField("affected_components");
      } else {
        json.writeArrayFieldStart("affected_components");
        for (Map.Entry<String, Status> change : changes) {
          ServerStatus server = components.get(requireNonNull(indexes.get(change.getKey())));
          json.writeStartObject();
          json.writeStringField("code", server.id());
          json.writeStringField("name", Text.clean(server.server().name()));
          Status before = statusBefore(server, update.instant());
          if (before == Status.UNKNOWN) {
            json.writeNullField("old_status");
          } else {
            json.writeStringField("old_status", key(before));
          }
          if (change.getValue() == Status.UNKNOWN) {
            json.writeNullField("new_status");
          } else {
            json.writeStringField("new_status", key(change.getValue()));
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeBooleanField("deliver_notifications", true);
      json.writeNullField("custom_tweet");
      json.writeNullField("tweet_id");
      json.writeEndObject();
    }

    private void time(String field, Instant instant) throws IOException {
      timeText.setLength(0);
      Dates.millis(instant, timeText);
      int length = timeText.length();
      if (timeChars.length < length) {
        timeChars = new char[length];
      }
      timeText.getChars(0, length, timeChars, 0);
      json.writeFieldName(field);
      json.writeString(timeChars, 0, length);
    }

    private void nullableTime(String field, @Nullable Instant instant) throws IOException {
      if (instant == null) {
        json.writeNullField(field);
      } else {
        time(field, instant);
      }
    }

    private void nullableString(String field, @Nullable String value) throws IOException {
      if (value == null) {
        json.writeNullField(field);
      } else {
        json.writeStringField(field, Text.clean(value));
      }
    }
  }

  /** The status a server had before the update at {@code index} declared a new one. */
  /**
   * The component's status just before an update changed it, as Statuspage reports it: what the
   * component showed then, including what other incidents and observations had set, not only what
   * this incident's earlier updates declared.
   */
  private static Status statusBefore(ServerStatus server, Instant at) {
    return server.timeline().statusAt(at.minusNanos(1));
  }

  private static @Nullable Instant firstIn(Incident incident, IncidentState state) {
    Optional<IncidentUpdate> first =
        incident.updates().stream().filter(u -> u.state() == state).findFirst();
    return first.map(IncidentUpdate::instant).orElse(null);
  }

  static String impact(Incident incident) {
    if (incident.kind() == IncidentKind.MAINTENANCE && incident.impact() == Impact.NONE) {
      return "maintenance";
    }
    return incident.impact().key();
  }

  static String key(Status status) {
    if (status == Status.UNKNOWN) {
      throw new IllegalArgumentException("status: no data has no Statuspage status; leave the component out");
    }
    return status.key();
  }
}
