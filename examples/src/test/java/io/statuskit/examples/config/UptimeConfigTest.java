package io.statuskit.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.history.UptimePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code uptime}, {@code history} and {@code maintenance} sections: the file equals the builder; bad entries are named. */
class UptimeConfigTest {
  @TempDir Path dir;

  private ExampleConfig load(String... lines) throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return ExampleConfig.load(file, 8080, Map.of());
  }

  private static final String[] SERVERS = {
    "servers:",
    "  - id: NC027",
    "    probes:",
    "      - {type: tcp, host: 127.0.0.1, port: 25}",
    "  - id: NC036",
    "    probes:",
    "      - {type: tcp, host: 127.0.0.1, port: 25}",
  };

  private static String[] with(String... lines) {
    String[] all = new String[SERVERS.length + lines.length];
    System.arraycopy(SERVERS, 0, all, 0, SERVERS.length);
    System.arraycopy(lines, 0, all, SERVERS.length, lines.length);
    return all;
  }

  @Test
  void withoutTheSectionsTheDefaultsApply() throws Exception {
    UptimeConfig uptime = load(SERVERS).uptime();
    assertThat(uptime).isEqualTo(UptimeConfig.defaults());
    assertThat(uptime.policy().rule()).isEqualTo(UptimePolicy.ofDefaults().rule());
    assertThat(uptime.directory()).isEqualTo("history");
  }

  @Test
  void theFileEqualsTheBuilder() throws Exception {
    UptimeConfig fromFile =
        load(
                with(
                    "page:",
                    "  name: Example",
                    "  noData: countedDown",
                    "uptime:",
                    "  partialOutageWeight: 1",
                    "  degraded: down",
                    "  maintenance: asObserved",
                    "history:",
                    "  directory: /var/lib/statuskit/history",
                    "  location: ams",
                    "  retention: {minutes: 24h, hours: 30d, days: 3650d}",
                    "maintenance:",
                    "  - id: db-patch",
                    "    title: Database patching",
                    "    servers: [NC027, NC036]",
                    "    start: 2026-01-06T02:30",
                    "    zone: Europe/Amsterdam",
                    "    duration: 90m",
                    "    rrule: FREQ=WEEKLY;BYDAY=TU"))
            .uptime();
    UptimeConfig built =
        UptimeConfig.builder()
            .policy(
                UptimePolicy.builder()
                    .partialOutageWeight(1)
                    .degradedCountsAsDown(true)
                    .maintenance(UptimePolicy.Maintenance.AS_OBSERVED)
                    .noData(UptimePolicy.NoData.COUNTED_DOWN) // page.noData
                    .build())
            .directory("/var/lib/statuskit/history")
            .location("ams")
            .retention(Duration.ofHours(24), Duration.ofDays(30), Duration.ofDays(3650))
            .maintenance(
                RecurringMaintenance.of("db-patch", "Database patching", Set.of("NC027", "NC036"),
                    LocalDateTime.parse("2026-01-06T02:30"), ZoneId.of("Europe/Amsterdam"), Duration.ofMinutes(90),
                    Recurrence.parse("FREQ=WEEKLY;BYDAY=TU")))
            .build();
    assertThat(fromFile).isEqualTo(built);
    assertThat(fromFile.policy().rule())
        .isEqualTo("down = major outage ×1, partial outage ×1, degraded ×1; maintenance as observed; no data counted down");
  }

  @Test
  void everyBadEntryIsNamedWithItsPathAndValue() {
    assertThatThrownBy(
            () ->
                load(
                    with(
                        "uptime:",
                        "  partialOutageWeight: 1.5",
                        "  degraded: sometimes",
                        "  maintenance: skipped",
                        "  colour: red",
                        "history:",
                        "  enabled: yes please",
                        "  location: 'a b'",
                        "  retention: {minutes: 10s}",
                        "maintenance:",
                        "  - id: db-patch",
                        "    title: Database patching",
                        "    servers: [NC099]",
                        "    start: next tuesday",
                        "    zone: Mars/Base",
                        "    duration: 8d",
                        "    rrule: FREQ=YEARLY")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactlyInAnyOrder(
                        "uptime.colour: unknown field (known: degraded, maintenance, partialOutageWeight)",
                        "uptime.partialOutageWeight: must be a number from 0 to 1: 1.5",
                        "uptime.degraded: must be up or down: \"sometimes\"",
                        "uptime.maintenance: must be leftOut, countedAsUp or asObserved: \"skipped\"",
                        "history.enabled: must be true or false: \"yes please\"",
                        "history.location: must be 1 to 64 letters, digits, '.', '_' or '-': \"a b\"",
                        "history.retention.minutes: must be a duration such as 48h, 90d or 1825d: \"10s\"",
                        "maintenance[0].servers[0]: no such server in servers: \"NC099\"",
                        "maintenance[0].start: must be a local date and time such as 2026-01-06T02:00: \"next tuesday\"",
                        "maintenance[0].zone: unknown time zone \"Mars/Base\" (use an IANA name such as Europe/Amsterdam, or UTC)",
                        "maintenance[0].duration: must be a duration such as 90m, 1h or 2d, at most 7 days: \"8d\"",
                        "maintenance[0].rrule: " + rejection("FREQ=YEARLY") + ": \"FREQ=YEARLY\""));
  }

  @Test
  void aMissingFieldAndARepeatedIdAreNamed() {
    assertThatThrownBy(
            () ->
                load(
                    with(
                        "maintenance:",
                        "  - {id: a, title: A, servers: [NC027], start: '2026-01-06T02:00', zone: UTC, duration: 1h, rrule: FREQ=DAILY}",
                        "  - {id: a, title: A, servers: [NC027], start: '2026-01-06T02:00', zone: UTC, duration: 1h, rrule: FREQ=DAILY}",
                        "  - {id: b, servers: [NC027], start: '2026-01-06T02:00', zone: UTC, duration: 1h, rrule: FREQ=DAILY}")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactlyInAnyOrder("maintenance[1].id: appears more than once: \"a\"", "maintenance[2].title: is required"));
  }

  private static String rejection(String rule) {
    try {
      Recurrence.parse(rule);
      throw new AssertionError("accepted: " + rule);
    } catch (IllegalArgumentException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
