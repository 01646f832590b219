package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.StatusBoard;
import io.statuskit.testkit.NinerNetSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop: Python's icalendar (Debian python3-icalendar) reads the maintenance calendar and finds
 * every event with its UID, times, sequence, status, summary and description. Skipped, saying
 * why, where icalendar is not installed.
 */
class IcalendarInteropTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCRIPT = String.join("\n",
      "import json, sys, icalendar",
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())",
      "out = []",
      "for e in cal.walk('VEVENT'):",
      "    out.append({'uid': str(e['UID']), 'start': e['DTSTART'].dt.isoformat(), 'end': e['DTEND'].dt.isoformat(),",
      "        'sequence': int(e['SEQUENCE']), 'status': str(e['STATUS']), 'summary': str(e['SUMMARY']),",
      "        'description': str(e['DESCRIPTION']), 'url': str(e['URL'])})",
      "print(json.dumps(out))");

  @TempDir Path dir;

  @Test
  void icalendarReadsTheSeedsCalendarWhichHasNoMaintenance() throws Exception {
    Python.Availability python = Python.find("icalendar");
    Assumptions.assumeTrue(python.available(), "python3-icalendar not installed: " + python.reason());
    StatusBoard board = NinerNetSample.board();
    // The seed's page has outages and notices but no maintenance: an empty, valid calendar.
    assertThat(board.incidents()).hasSize(8).noneMatch(i -> i.kind() == IncidentKind.MAINTENANCE);
    Path file = dir.resolve("seed.ics");
    Files.write(file, MaintenanceCalendar.of(FeedsTesting.settings()).calendar(board).toByteArray());

    Python.Result result = Python.run(python.interpreter(), SCRIPT, file.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(MAPPER.readTree(result.out())).isEmpty();
  }

  @Test
  void icalendarReadsEveryMaintenanceWindow() throws Exception {
    Python.Availability python = Python.find("icalendar");
    Assumptions.assumeTrue(python.available(), "python3-icalendar not installed: " + python.reason());
    StatusBoard board = Samples.board();
    Path file = dir.resolve("maintenance.ics");
    Files.write(file, MaintenanceCalendar.of(FeedsTesting.settings()).calendar(board).toByteArray());

    Python.Result result = Python.run(python.interpreter(), SCRIPT, file.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode events = MAPPER.readTree(result.out());

    List<Incident> maintenance = board.incidents().stream().filter(i -> i.kind() == IncidentKind.MAINTENANCE).collect(Collectors.toList());
    assertThat(events).hasSize(maintenance.size());
    for (int i = 0; i < maintenance.size(); i++) {
      Incident expected = maintenance.get(i);
      JsonNode event = events.get(i);
      assertThat(event.path("uid").asText()).isEqualTo(expected.id() + "@status.ninernet.net");
      assertThat(event.path("summary").asText()).isEqualTo(expected.title());
      assertThat(event.path("description").asText()).isEqualTo(expected.latestUpdate().body().text());
      assertThat(event.path("sequence").asInt()).isEqualTo(expected.revision());
      assertThat(event.path("start").asText()).isEqualTo(java.util.Objects.requireNonNull(expected.window()).start().toString().replace("Z", "+00:00"));
      assertThat(event.path("status").asText()).isEqualTo(expected.state().key().equals("cancelled") ? "CANCELLED" : "CONFIRMED");
      assertThat(event.path("url").asText()).isEqualTo("https://status.ninernet.net/incidents/" + expected.id());
    }
  }
}
