package io.statuskit.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.history.UptimePolicy;
import io.statuskit.history.UptimeReporter;
import io.statuskit.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/uptime}: a November on a manual clock, with the figures worked out by
 * hand. NC036 (group Mail) is up all month except a major outage 02:00–04:00 UTC on Tuesday 10
 * November and a partial outage 10:00–20:00 on the 20th; its weekly maintenance, Tuesdays
 * 02:00–03:00 UTC, falls four times in November (3, 10, 17, 24). NC027 (Mail too) is up all
 * month.
 */
class UptimeReportRouteTest {
  private static final String TOKEN = "0123456789abcdef-admin";
  private static final String RULE = UptimePolicy.ofDefaults().rule();

  private final ManualClock clock = ManualClock.at("2026-10-31T00:00:00Z");
  private StatusTracker tracker;
  private AdminApi api;

  @BeforeEach
  void november() {
    tracker = StatusTracker.builder().clock(clock).listenerExecutor(Runnable::run).build();
    tracker.addServer(Server.builder("NC036").name("Mail server").group("Mail").build());
    tracker.addServer(Server.builder("NC027").name("Mail server").group("Mail").build());
    tracker.addServer(Server.builder("NC040").name("Web server").group("Web").build());
    tracker.observe("NC036", Status.OPERATIONAL);
    tracker.observe("NC027", Status.OPERATIONAL);
    tracker.observe("NC040", Status.OPERATIONAL);
    at("2026-11-10T02:00:00Z", Status.MAJOR_OUTAGE);
    at("2026-11-10T04:00:00Z", Status.OPERATIONAL);
    at("2026-11-20T10:00:00Z", Status.PARTIAL_OUTAGE);
    at("2026-11-20T20:00:00Z", Status.OPERATIONAL);
    clock.set(Instant.parse("2026-12-05T00:00:00Z"));
    RecurringMaintenance tuesdays =
        RecurringMaintenance.of("mail-patch", "Mail patching", Set.of("NC036"), LocalDateTime.parse("2026-01-06T02:00"),
            ZoneOffset.UTC, Duration.ofHours(1), Recurrence.parse("FREQ=WEEKLY;BYDAY=TU"));
    UptimeReporter reporter = UptimeReporter.of(UptimePolicy.ofDefaults()).withRecurringMaintenance(List.of(tuesdays));
    api = AdminApi.create(tracker, TOKEN).withUptime(reporter, ZoneOffset.UTC);
  }

  private void at(String instant, Status status) {
    clock.set(Instant.parse(instant));
    tracker.observe("NC036", status);
  }

  @AfterEach
  void close() {
    tracker.close();
  }

  private AdminApi.Reply get(String query) {
    return api.handle("GET", "uptime", query, "Bearer " + TOKEN, null, new ByteArrayInputStream(new byte[0]));
  }

  private static JsonNode json(AdminApi.Reply reply) throws Exception {
    assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).startsWith("application/json");
    return new ObjectMapper().readTree(reply.body());
  }

  @Test
  void aServersMonthLeavesOutItsMaintenanceAndWeighsThePartialOutage() throws Exception {
    JsonNode report = json(get("server=NC036&month=2026-11"));
    // 720 h in November, 4 h of maintenance left out: 716 h counted. Down: the outage's second
    // hour (its first is maintenance) + 10 h partial × 0.3 = 4 h. 100 × (1 − 4/716) = 99.441341 %.
    JsonNode nc036 = report.path("servers").get(0);
    assertThat(nc036.path("subject").asText()).isEqualTo("NC036");
    assertThat(nc036.path("counted_seconds").asDouble()).isEqualTo(716 * 3600.0);
    assertThat(nc036.path("maintenance_seconds").asDouble()).isEqualTo(4 * 3600.0);
    assertThat(nc036.path("down_seconds").asDouble()).isCloseTo(4 * 3600.0, within(1e-6));
    assertThat(nc036.path("uptime_percent").asDouble()).isCloseTo(99.441341, within(1e-6));
    assertThat(nc036.path("rule").asText()).isEqualTo(RULE);
    assertThat(report.path("rule").asText()).isEqualTo(RULE);
    assertThat(report.path("window").path("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(report.path("window").path("to").asText()).isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void aGroupIsTimeWeightedAndCsvCarriesTheRuleInEveryRow() {
    AdminApi.Reply reply = get("group=Mail&month=2026-11&format=csv");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("Content-Type")).startsWith("text/csv");
    List<String> rows = List.of(new String(reply.body(), StandardCharsets.UTF_8).split("\r\n"));
    String rule = "\"" + RULE + "\"";
    // NC036 as above; NC027 100 % of 720 h; the group: 4 h down of 1,436 h = 99.721448 %.
    assertThat(rows)
        .containsExactly(
            "subject,window,from,to,uptime_percent,counted_seconds,down_seconds,maintenance_seconds,no_data_seconds,from_rollups_seconds,rule",
            "NC036,2026-11,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,99.441341,2577600,14400,14400,0,0," + rule,
            "NC027,2026-11,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,100,2592000,0,0,0,0," + rule,
            "Mail,2026-11,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,99.721448,5169600,14400,14400,0,0," + rule);
  }

  @Test
  void fromToCoversAnyWindowAndEveryServerWhenNoneIsNamed() throws Exception {
    // 20 November 00:00 to 21 November 00:00: 10 h partial × 0.3 = 3 h of 24 h = 87.5 %.
    JsonNode report = json(get("from=2026-11-20&to=2026-11-21T00:00:00Z"));
    assertThat(report.path("servers").findValuesAsText("subject")).containsExactly("NC036", "NC027", "NC040");
    assertThat(report.path("servers").get(0).path("uptime_percent").asDouble()).isCloseTo(87.5, within(1e-9));
    // all three: 3 h of 72 h (the report prints six decimals: 95.833333)
    assertThat(report.path("total").path("subject").asText()).isEqualTo("all");
    assertThat(report.path("total").path("uptime_percent").asDouble()).isCloseTo(100 * (1 - 3.0 / 72), within(1e-6));
  }

  @Test
  void aQuarterAndAYearAreCalendarWindowsInTheZone() throws Exception {
    JsonNode quarter = json(get("server=NC040&quarter=2026-Q4&zone=Europe/Amsterdam"));
    assertThat(quarter.path("window").path("label").asText()).isEqualTo("2026-Q4");
    assertThat(quarter.path("window").path("from").asText()).isEqualTo("2026-09-30T22:00:00Z");
    JsonNode year = json(get("server=NC040&year=2026"));
    assertThat(year.path("window").path("to").asText()).isEqualTo("2027-01-01T00:00:00Z");
  }

  @Test
  void badParametersAreNamedWithTheirValues() throws Exception {
    assertThat(error(get("server=NC036&month=2026-13"), 400)).isEqualTo("month: must be a month such as 2026-11: \"2026-13\"");
    assertThat(error(get("server=NC036"), 400)).startsWith("month, quarter, year, from/to: give exactly one window");
    assertThat(error(get("server=NC036&month=2026-11&year=2026"), 400)).contains("(2 given)");
    assertThat(error(get("server=NC036&month=2026-11&format=xml"), 400)).isEqualTo("format: must be json or csv: \"xml\"");
    assertThat(error(get("server=NC036&quarter=2026-Q5"), 400)).isEqualTo("quarter: must be a quarter such as 2026-Q4: \"2026-Q5\"");
    assertThat(error(get("from=2026-11-21&to=2026-11-20"), 400)).isEqualTo("to: must be after from: \"2026-11-20\"");
    assertThat(error(get("server=NC036&month=2026-11&colour=red"), 400)).startsWith("colour: unknown parameter");
    assertThat(error(get("server=NC036&month=2026-11&zone=Mars/Base"), 400)).startsWith("zone: unknown time zone \"Mars/Base\"");
    assertThat(error(get("server=NC099&month=2026-11"), 404)).isEqualTo("server: no such server on the board: \"NC099\"");
    assertThat(error(get("group=Phones&month=2026-11"), 404)).isEqualTo("group: no server on the board is in group \"Phones\"");
    AdminApi.Reply post = api.handle("POST", "uptime", "month=2026-11", "Bearer " + TOKEN, "application/json", new ByteArrayInputStream(new byte[0]));
    assertThat(post.status()).isEqualTo(405);
    AdminApi.Reply anonymous = api.handle("GET", "uptime", "month=2026-11", null, null, new ByteArrayInputStream(new byte[0]));
    assertThat(anonymous.status()).isEqualTo(401);
  }

  private static String error(AdminApi.Reply reply, int status) throws Exception {
    assertThat(reply.status()).isEqualTo(status);
    return new ObjectMapper().readTree(reply.body()).path("message").asText();
  }
}
