package io.statuskit.feeds.statuspage;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Command;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.StatusBoard;
import io.statuskit.feeds.Samples;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statuspage v2 documents of a StatusKit board, read by Jackson and by the reader. */
class StatuspageWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final StatusBoard board = Samples.observed(Samples.board());
  private final StatuspageWriter writer =
      StatuspageWriter.of(PageInfo.of("ninernet", "NinerNet", "https://status.ninernet.net", "Etc/UTC"));

  private JsonNode read(StatuspageDocument which) throws Exception {
    return MAPPER.readTree(writer.document(which, board).toByteArray());
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(node -> ids.add(node.path("id").asText()));
    return ids;
  }

  @Test
  void componentsArePublicServersThenTheirGroups() throws Exception {
    JsonNode components = read(StatuspageDocument.COMPONENTS).path("components");

    assertThat(ids(components)).containsExactly("NC033", "NC035", "NC036", "group-nameservers");
    JsonNode primary = components.get(0);
    assertThat(primary.path("group_id").asText()).isEqualTo("group-nameservers");
    assertThat(primary.path("status").asText()).isEqualTo("operational");
    assertThat(primary.path("position").asInt()).isEqualTo(1);
    assertThat(primary.path("page_id").asText()).isEqualTo("ninernet");
    JsonNode group = components.get(3);
    assertThat(group.path("group").asBoolean()).isTrue();
    assertThat(group.path("components")).extracting(JsonNode::asText).containsExactly("NC033", "NC035");
    assertThat(group.path("status").asText()).isEqualTo("degraded_performance");
    assertThat(components.get(2).path("status").asText()).isEqualTo("under_maintenance");
  }

  @Test
  void aServerWithNoDataIsNeverOperationalButLeftOutAndNamed() throws Exception {
    StatusBoard fresh =
        board.apply(
            new io.statuskit.core.StatusEvent.ServerAdded(
                board.version() + 1, java.time.Instant.parse("2030-01-01T00:00:00Z"),
                io.statuskit.core.Server.builder("NC041").name("Web server").build()));
    for (StatuspageDocument which : List.of(StatuspageDocument.COMPONENTS, StatuspageDocument.SUMMARY)) {
      JsonNode doc = MAPPER.readTree(writer.document(which, fresh).toByteArray());
      assertThat(ids(doc.path("components"))).as(which.name()).doesNotContain("NC041").contains("NC033");
      JsonNode named = doc.path("statuskit").path("components_without_data");
      assertThat(ids(named)).as(which.name()).containsExactly("NC041");
      assertThat(named.get(0).path("status").asText()).isEqualTo("no_data");
    }
    assertThat(new String(writer.document(StatuspageDocument.SUMMARY, fresh).toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("\"id\":\"NC041\",\"name\":\"Web server\",\"status\":\"operational\"");

    // a board where nothing was observed yet says so instead of "All Systems Operational"
    StatusBoard empty =
        StatusBoard.empty()
            .apply(
                new io.statuskit.core.StatusEvent.ServerAdded(
                    1, java.time.Instant.parse("2030-01-01T00:00:00Z"), io.statuskit.core.Server.builder("NC041").name("Web server").build()));
    JsonNode summary = MAPPER.readTree(writer.document(StatuspageDocument.SUMMARY, empty).toByteArray());
    assertThat(summary.path("components")).isEmpty();
    assertThat(summary.path("status").path("indicator").asText()).isEqualTo("none");
    assertThat(summary.path("status").path("description").asText()).isEqualTo("No data yet");
    assertThat(summary.toString()).doesNotContain("\"operational\"").doesNotContain("All Systems Operational");
  }

  @Test
  void aServerWhoseMonitorFellSilentIsNoDataAsOfTheDocumentsInstant() throws Exception {
    OffsetDateTime t0 = OffsetDateTime.parse("2030-01-01T00:00:00Z");
    StatusBoard silent;
    try (StatusTracker tracker = StatusTracker.builder().clock(Clock.fixed(t0.toInstant(), ZoneOffset.UTC)).build()) {
      tracker.execute(new Command.AddServer(Server.builder("NC041").name("Web server").build(), t0));
      tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.MAJOR_OUTAGE, null, t0, null, null, t0));
      tracker.execute(
          new Command.ReportCoverage(
              "monitor", com.google.common.collect.ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), t0.plusMinutes(3), t0));
      silent = tracker.board();
    }
    JsonNode held = MAPPER.readTree(writer.document(StatuspageDocument.SUMMARY, silent, t0.plusMinutes(3).toInstant()).toByteArray());
    assertThat(ids(held.path("components"))).containsExactly("NC041");
    assertThat(held.path("components").get(0).path("status").asText()).isEqualTo("major_outage");
    assertThat(held.path("status").path("indicator").asText()).isEqualTo("critical");
    assertThat(held.has("statuskit")).isFalse();

    JsonNode lapsed = MAPPER.readTree(writer.document(StatuspageDocument.SUMMARY, silent, t0.plusHours(1).toInstant()).toByteArray());
    assertThat(lapsed.path("components")).isEmpty();
    assertThat(ids(lapsed.path("statuskit").path("components_without_data"))).containsExactly("NC041");
    assertThat(lapsed.path("status").path("indicator").asText()).isEqualTo("none");
    assertThat(lapsed.path("status").path("description").asText()).isEqualTo("No data yet");

    // the writer's clock decides when no instant is given
    StatuspageWriter later =
        StatuspageWriter.of(writer.page(), Clock.fixed(t0.plusHours(1).toInstant(), ZoneOffset.UTC));
    assertThat(MAPPER.readTree(later.summary(silent).toByteArray())).isEqualTo(lapsed);
    // and its date moves to the lapse, so a client validating by date alone gets the new one
    assertThat(writer.document(StatuspageDocument.SUMMARY, silent, t0.plusMinutes(3).toInstant()).lastModified())
        .isEqualTo(t0.toInstant());
    assertThat(later.summary(silent).lastModified()).isEqualTo(t0.plusMinutes(3).toInstant());
  }

  @Test
  void eachDocumentListsWhatStatuspageListsThere() throws Exception {
    assertThat(ids(read(StatuspageDocument.INCIDENTS).path("incidents"))).containsExactly("dns-slow", "mail-outage");
    assertThat(ids(read(StatuspageDocument.UNRESOLVED_INCIDENTS).path("incidents"))).containsExactly("dns-slow");
    assertThat(ids(read(StatuspageDocument.SCHEDULED_MAINTENANCES).path("scheduled_maintenances")))
        .containsExactly("network", "disk", "kernel", "cancelled");
    assertThat(ids(read(StatuspageDocument.UPCOMING_MAINTENANCES).path("scheduled_maintenances"))).containsExactly("network");
    assertThat(ids(read(StatuspageDocument.ACTIVE_MAINTENANCES).path("scheduled_maintenances"))).containsExactly("disk");
    JsonNode summary = read(StatuspageDocument.SUMMARY);
    assertThat(ids(summary.path("incidents"))).containsExactly("dns-slow");
    assertThat(ids(summary.path("scheduled_maintenances"))).containsExactly("disk", "network");
    assertThat(summary.path("status").path("indicator").asText()).isEqualTo("minor");
    assertThat(summary.path("status").path("description").asText()).isEqualTo("Minor Service Outage");
    JsonNode status = read(StatuspageDocument.STATUS);
    assertThat(status.has("page")).isTrue();
    assertThat(status.has("components")).isFalse();
  }

  @Test
  void incidentsUseStatuspageFieldsAndLeaveInternalServersOut() throws Exception {
    JsonNode outage = read(StatuspageDocument.INCIDENTS).path("incidents").get(1);

    assertThat(outage.path("status").asText()).isEqualTo("resolved");
    assertThat(outage.path("impact").asText()).isEqualTo("major");
    assertThat(outage.path("monitoring_at").asText()).isEqualTo("2024-03-01T09:20:00.250Z");
    assertThat(outage.path("resolved_at").asText()).isEqualTo("2024-03-01T10:05:00.000Z");
    JsonNode updates = outage.path("incident_updates");
    assertThat(ids(updates)).containsExactly("mail-outage-3", "mail-outage-2", "mail-outage-1");
    JsonNode opening = updates.get(2);
    assertThat(opening.path("status").asText()).isEqualTo("investigating");
    assertThat(opening.path("affected_components")).singleElement().satisfies(c -> {
      assertThat(c.path("code").asText()).isEqualTo("NC036");
      assertThat(c.path("new_status").asText()).isEqualTo("major_outage");
    });
    assertThat(updates.get(1).path("affected_components").get(0).path("old_status").asText()).isEqualTo("major_outage");
    assertThat(ids(outage.path("components"))).containsExactly("NC036");
    JsonNode maintenance = read(StatuspageDocument.UPCOMING_MAINTENANCES).path("scheduled_maintenances").get(0);
    assertThat(maintenance.path("impact").asText()).isEqualTo("maintenance");
    assertThat(maintenance.path("scheduled_for").asText()).isEqualTo("2024-04-01T22:00:00.000Z");
    assertThat(maintenance.path("scheduled_until").asText()).isEqualTo("2024-04-02T01:30:00.000Z");
  }

  @Test
  void oldStatusIsWhatTheComponentShowedBeforeTheUpdateIncludingOtherIncidents() throws Exception {
    try (StatusTracker tracker = StatusTracker.inMemory(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC))) {
      tracker.addServer(Server.builder("NC036").name("Mail server").build());
      tracker.observe("NC036", Status.OPERATIONAL);
      tracker.openIncident(
          Command.OpenIncident.incident("NC036: Mail server down").declaring("NC036", Status.MAJOR_OUTAGE)
              .at(OffsetDateTime.parse("2024-05-01T10:01:00Z")).build());
      Incident second =
          tracker.openIncident(
              Command.OpenIncident.incident("NC036: Webmail slow").declaring("NC036", Status.DEGRADED_PERFORMANCE)
                  .at(OffsetDateTime.parse("2024-05-01T10:02:00Z")).build());

      JsonNode incidents = MAPPER.readTree(writer.document(StatuspageDocument.INCIDENTS, tracker.board()).toByteArray());
      JsonNode slow = null;
      for (JsonNode incident : incidents.path("incidents")) {
        if (incident.path("id").asText().equals(second.id())) {
          slow = incident;
        }
      }
      // the first incident had already set the component to major_outage (Statuspage reports the
      // component's status then, not "operational")
      assertThat(requireNonNull(slow).path("incident_updates").get(0).path("affected_components").get(0).path("old_status").asText())
          .isEqualTo("major_outage");
    }
  }

  @Test
  void writtenDocumentsReadBackIntoTheSameIncidentsAndServers() throws Exception {
    StatuspageImport imported = StatuspageReader.read(
        new ByteArrayInputStream(writer.document(StatuspageDocument.COMPONENTS, board).toByteArray()),
        new ByteArrayInputStream(writer.document(StatuspageDocument.INCIDENTS, board).toByteArray()),
        new ByteArrayInputStream(writer.document(StatuspageDocument.SCHEDULED_MAINTENANCES, board).toByteArray()));
    StatusBoard back = imported.board();

    assertThat(back.glance()).extracting(s -> s.id() + " " + s.server().name() + " " + s.server().group() + " " + s.status())
        .containsExactlyElementsOf(board.glance().stream().filter(s -> s.server().isPublic())
            .map(s -> s.id() + " " + s.server().name() + " " + s.server().group() + " " + s.status()).toList());
    for (Incident incident : board.incidents()) {
      if (incident.kind() == IncidentKind.NOTICE) {
        assertThat(back.incident(incident.id())).isEmpty();
        continue;
      }
      Incident copy = back.incident(incident.id()).orElseThrow();
      assertThat(copy.title()).isEqualTo(incident.title());
      assertThat(copy.kind()).isEqualTo(incident.kind());
      assertThat(copy.impact()).isEqualTo(incident.impact());
      assertThat(copy.window()).isEqualTo(incident.window());
      assertThat(copy.updates()).extracting(u -> u.id() + " " + u.instant() + " " + u.state() + " " + u.body().text())
          .containsExactlyElementsOf(incident.updates().stream().map(u -> u.id() + " " + u.instant() + " " + u.state() + " " + u.body().text()).toList());
    }
  }
}
