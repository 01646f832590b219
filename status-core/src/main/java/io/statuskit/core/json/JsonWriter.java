package io.statuskit.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.statuskit.core.Body;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Location;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Retirement;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusChange;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Tag;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes the model as StatusKit JSON through a Jackson generator; field order is fixed. */
final class JsonWriter {
  private final JsonGenerator out;

  JsonWriter(JsonGenerator out) {
    this.out = out;
  }

  void board(StatusBoard board) throws IOException {
    out.writeStartObject();
    out.writeStringField("format", StatusJson.FORMAT);
    out.writeStringField("type", "board");
    out.writeNumberField("version", board.version());
    if (board.updatedAt().isPresent()) {
      instantField("updatedAt", board.updatedAt().get());
    }
    out.writeArrayFieldStart("servers");
    for (ServerStatus server : board.servers()) {
      serverStatus(server);
    }
    out.writeEndArray();
    out.writeArrayFieldStart("incidents");
    for (Incident incident : board.incidents()) {
      incident(incident);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  void event(StatusEvent event) throws IOException {
    out.writeStartObject();
    out.writeStringField("format", StatusJson.FORMAT);
    out.writeStringField("type", EventTypes.of(event));
    out.writeNumberField("sequence", event.sequence());
    instantField("at", event.at());
    if (event instanceof StatusEvent.ServerAdded) {
      out.writeFieldName("server");
      server(((StatusEvent.ServerAdded) event).server());
    } else if (event instanceof StatusEvent.ServerChanged) {
      out.writeFieldName("server");
      server(((StatusEvent.ServerChanged) event).server());
    } else if (event instanceof StatusEvent.ServerRetired) {
      StatusEvent.ServerRetired retired = (StatusEvent.ServerRetired) event;
      out.writeStringField("serverId", retired.serverId());
      optionalString("replacedBy", retired.replacedBy());
    } else if (event instanceof StatusEvent.ServerRemoved) {
      out.writeStringField("serverId", ((StatusEvent.ServerRemoved) event).serverId());
    } else if (event instanceof StatusEvent.VantageForgotten forgotten) {
      out.writeStringField("vantage", forgotten.vantage());
    } else if (event instanceof StatusEvent.StatusObserved) {
      StatusEvent.StatusObserved observed = (StatusEvent.StatusObserved) event;
      out.writeStringField("serverId", observed.serverId());
      out.writeStringField("status", observed.status().key());
      optionalString("detail", observed.detail());
    } else if (event instanceof StatusEvent.IncidentOpened) {
      out.writeFieldName("incident");
      incident(((StatusEvent.IncidentOpened) event).incident());
    } else if (event instanceof StatusEvent.IncidentUpdated) {
      StatusEvent.IncidentUpdated updated = (StatusEvent.IncidentUpdated) event;
      out.writeStringField("incidentId", updated.incidentId());
      out.writeFieldName("update");
      update(updated.update());
    } else if (event instanceof StatusEvent.MaintenanceRescheduled) {
      StatusEvent.MaintenanceRescheduled moved = (StatusEvent.MaintenanceRescheduled) event;
      out.writeStringField("incidentId", moved.incidentId());
      out.writeFieldName("window");
      window(moved.window());
    } else if (event instanceof StatusEvent.HealthReported reported) {
      out.writeStringField("serverId", reported.serverId());
      out.writeStringField("origin", reported.origin());
      out.writeStringField("status", reported.status().key());
      optionalString("detail", reported.detail());
      instantField("observedAt", reported.observedAt());
      Incident opened = reported.opened();
      if (opened != null) {
        out.writeFieldName("opened");
        incident(opened);
      }
      String resolved = reported.resolvedIncidentId();
      IncidentUpdate resolution = reported.resolution();
      if (resolved != null && resolution != null) {
        out.writeStringField("resolvedIncidentId", resolved);
        out.writeFieldName("resolution");
        update(resolution);
      }
      StatusEvent.VantageReport vantage = reported.vantage();
      if (vantage != null) {
        out.writeObjectFieldStart("vantage");
        vantageFields(vantage.vantage());
        out.writeStringField("status", vantage.status().key());
        optionalString("detail", vantage.detail());
        instantField("since", vantage.since());
        out.writeEndObject();
      }
    } else if (event instanceof StatusEvent.CoverageReported coverage) {
      out.writeStringField("origin", coverage.origin());
      instantField("until", coverage.until());
      out.writeArrayFieldStart("servers");
      for (io.statuskit.core.Command.ReportCoverage.Watched watched : coverage.servers()) {
        out.writeStartObject();
        out.writeStringField("id", watched.serverId());
        Instant failing = watched.failingSince();
        if (failing != null) {
          instantField("failingSince", failing);
        }
        out.writeEndObject();
      }
      out.writeEndArray();
      io.statuskit.core.Vantage vantage = coverage.vantage();
      if (vantage != null) {
        out.writeObjectFieldStart("vantage");
        vantageFields(vantage);
        out.writeEndObject();
      }
    }
    out.writeEndObject();
  }

  private void vantageFields(io.statuskit.core.Vantage vantage) throws IOException {
    out.writeStringField("name", vantage.name());
    if (!vantage.quorum().isMajority()) {
      out.writeNumberField("quorum", vantage.quorum().atLeast());
    }
  }

  private void serverStatus(ServerStatus status) throws IOException {
    out.writeStartObject();
    out.writeFieldName("server");
    server(status.server());
    out.writeStringField("observed", status.observed().key());
    optionalString("detail", status.detail());
    Instant observedAt = status.observedAt();
    if (observedAt != null) {
      instantField("observedAt", observedAt);
    }
    instantField("addedAt", status.addedAt());
    instantField("changedAt", status.changedAt());
    io.statuskit.core.Coverage coverage = status.coverage();
    if (coverage != null) {
      out.writeObjectFieldStart("coverage");
      instantField("seenAt", coverage.seenAt());
      instantField("until", coverage.until());
      Instant failing = coverage.failingSince();
      if (failing != null) {
        instantField("failingSince", failing);
      }
      if (!coverage.vantages().isEmpty()) {
        out.writeArrayFieldStart("vantages");
        for (io.statuskit.core.VantageVerdict verdict : coverage.vantages().values()) {
          out.writeStartObject();
          out.writeStringField("name", verdict.name());
          io.statuskit.core.Status vantageStatus = verdict.status();
          Instant since = verdict.since();
          if (vantageStatus != null && since != null) {
            out.writeStringField("status", vantageStatus.key());
            optionalString("detail", verdict.detail());
            instantField("since", since);
          }
          instantField("seenAt", verdict.seenAt());
          instantField("until", verdict.until());
          Instant vantageFailing = verdict.failingSince();
          if (vantageFailing != null) {
            instantField("failingSince", vantageFailing);
          }
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    }
    out.writeArrayFieldStart("timeline");
    for (StatusChange change : status.timeline().changes()) {
      out.writeStartObject();
      instantField("at", change.at());
      out.writeStringField("status", change.status().key());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void server(Server server) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", server.id());
    out.writeStringField("name", server.name());
    Location location = server.location();
    if (location != null) {
      out.writeObjectFieldStart("location");
      out.writeStringField("city", location.city());
      out.writeStringField("countryCode", location.countryCode());
      out.writeStringField("countryName", location.countryName());
      out.writeEndObject();
    }
    optionalString("role", server.role());
    out.writeStringField("visibility", server.visibility().key());
    optionalString("group", server.group());
    optionalString("description", server.description());
    optionalString("host", server.host());
    out.writeArrayFieldStart("tags");
    for (Tag tag : server.tags()) {
      label(tag.label(), tag.slug());
    }
    out.writeEndArray();
    Retirement retirement = server.retirement();
    if (retirement != null) {
      out.writeObjectFieldStart("retirement");
      instantField("at", retirement.at());
      optionalString("replacedBy", retirement.replacedBy());
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private void incident(Incident incident) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", incident.id());
    out.writeStringField("kind", incident.kind().key());
    out.writeStringField("title", incident.title());
    out.writeStringField("impact", incident.impact().key());
    out.writeFieldName("affected");
    statuses(incident.affected());
    out.writeArrayFieldStart("tags");
    for (Tag tag : incident.tags()) {
      label(tag.label(), tag.slug());
    }
    out.writeEndArray();
    out.writeArrayFieldStart("categories");
    for (Category category : incident.categories()) {
      label(category.label(), category.slug());
    }
    out.writeEndArray();
    MaintenanceWindow window = incident.window();
    if (window != null) {
      out.writeFieldName("window");
      window(window);
    }
    out.writeNumberField("revision", incident.revision());
    optionalString("origin", incident.origin());
    out.writeArrayFieldStart("updates");
    for (IncidentUpdate update : incident.updates()) {
      update(update);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void update(IncidentUpdate update) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", update.id());
    offsetField("time", update.time());
    out.writeStringField("state", update.state().key());
    out.writeFieldName("body");
    body(update.body());
    out.writeFieldName("statusChanges");
    statuses(update.statusChanges());
    out.writeBooleanField("addendum", update.addendum());
    optionalString("title", update.title());
    if (update.internal()) {
      // Written only when true, so documents without notes are byte for byte what 0.1 wrote.
      out.writeBooleanField("internal", true);
    }
    out.writeEndObject();
  }

  private void body(Body body) throws IOException {
    out.writeStartObject();
    out.writeStringField("format", body.isHtml() ? "html" : "plain");
    out.writeStringField("text", body.text());
    out.writeEndObject();
  }

  private void window(MaintenanceWindow window) throws IOException {
    out.writeStartObject();
    instantField("start", window.start());
    instantField("end", window.end());
    out.writeEndObject();
  }

  private void statuses(Map<String, Status> statuses) throws IOException {
    out.writeStartObject();
    for (Map.Entry<String, Status> entry : statuses.entrySet()) {
      out.writeStringField(entry.getKey(), entry.getValue().key());
    }
    out.writeEndObject();
  }

  private void label(String label, String slug) throws IOException {
    out.writeStartObject();
    out.writeStringField("label", label);
    out.writeStringField("slug", slug);
    out.writeEndObject();
  }

  private void optionalString(String name, @Nullable String value) throws IOException {
    if (value != null) {
      out.writeStringField(name, value);
    }
  }

  private void instantField(String name, Instant instant) throws IOException {
    out.writeStringField(name, DateTimeFormatter.ISO_INSTANT.format(instant));
  }

  private void offsetField(String name, OffsetDateTime time) throws IOException {
    out.writeStringField(name, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
  }
}
