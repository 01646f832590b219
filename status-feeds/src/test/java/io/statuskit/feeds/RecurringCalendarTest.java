package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.StatusBoard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recurring maintenance in the iCalendar feed: one VEVENT with DTSTART;TZID and RRULE and a
 * VTIMEZONE, read back by Python's icalendar and expanded by dateutil's rrule in the event's
 * zone, then shown in a New York viewer's zone: the occurrences are the ones the library expands.
 */
class RecurringCalendarTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCRIPT = String.join("\n",
      "import json, sys, datetime, icalendar",
      "from dateutil.rrule import rrulestr",
      "from zoneinfo import ZoneInfo",
      "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())",
      "viewer = ZoneInfo('America/New_York')",
      "out = []",
      "for e in cal.walk('VEVENT'):",
      "    start = e['DTSTART'].dt",
      "    tz = ZoneInfo(str(e['DTSTART'].params['TZID']))",
      "    naive = start.replace(tzinfo=None)",
      "    rule = rrulestr(e['RRULE'].to_ical().decode(), dtstart=naive)",
      "    occ = []",
      "    for local in rule.between(datetime.datetime(2026,1,1), datetime.datetime(2027,1,1), inc=True):",
      "        at = local.replace(tzinfo=tz)",
      "        occ.append({'utc': at.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),",
      "                    'viewer': at.astimezone(viewer).strftime('%Y-%m-%dT%H:%M')})",
      "    out.append({'uid': str(e['UID']), 'tzid': str(e['DTSTART'].params['TZID']), 'duration': str(e['DURATION'].dt),",
      "                'rrule': e['RRULE'].to_ical().decode(), 'occurrences': occ})",
      "print(json.dumps(out))");

  @TempDir Path dir;

  @Test
  void aWeeklyAmsterdamWindowIsOneRecurringEventThatANewYorkViewerSeesAtTheRightTimes() throws Exception {
    RecurringMaintenance tuesdays = RecurringMaintenance.of("db-patch", "Database patching", Set.of("NC027"),
        LocalDateTime.parse("2026-01-06T02:30"), ZoneId.of("Europe/Amsterdam"), Duration.ofHours(1), Recurrence.parse("FREQ=WEEKLY;BYDAY=TU"));
    byte[] ics = MaintenanceCalendar.of(FeedsTesting.settings()).calendar(StatusBoard.empty(), List.of(tuesdays)).toByteArray();
    String text = new String(ics, StandardCharsets.UTF_8);
    assertThat(text).contains("DTSTART;TZID=Europe/Amsterdam:20260106T023000\r\n", "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n",
        "DURATION:PT1H\r\n", "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");

    Python.Availability python = Python.find("icalendar");
    Assumptions.assumeTrue(python.available(), "python3-icalendar not installed: " + python.reason());
    Path file = dir.resolve("recurring.ics");
    Files.write(file, ics);
    Python.Result result = Python.run(python.interpreter(), SCRIPT, file.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode events = MAPPER.readTree(result.out());
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("uid").asText()).isEqualTo("recurring.db-patch@status.ninernet.net");
    assertThat(event.path("tzid").asText()).isEqualTo("Europe/Amsterdam");
    List<String> python2026 = new ArrayList<>();
    event.path("occurrences").forEach(o -> python2026.add(o.path("utc").asText()));
    List<String> java2026 = tuesdays.occurrences(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
        .stream().map(MaintenanceWindow::start).map(Instant::toString).toList();
    assertThat(python2026).isEqualTo(java2026).hasSize(52);
    // A viewer in New York sees 20:30 the evening before, winter and summer alike, but 21:30 in the
    // weeks when only one side has changed its clocks (8–29 March, 25 October–1 November 2026).
    List<String> viewer = new ArrayList<>();
    event.path("occurrences").forEach(o -> viewer.add(o.path("viewer").asText()));
    assertThat(viewer).contains("2026-03-02T20:30", "2026-03-09T21:30", "2026-03-30T20:30", "2026-10-26T21:30", "2026-11-02T20:30");
  }
}
