package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.feeds.statuspage.PageInfo;
import io.statuskit.feeds.statuspage.StatuspageWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code import} in-process on Statuspage v2 exports: a page with component groups, an open
 * incident, a resolved one whose state went back, a scheduled maintenance ({@code
 * src/test/resources/statuspage/acme}, made in Statuspage's shape), and GitHub's real {@code
 * summary.json} ({@code statuspage/github-summary.json}, a copy of {@code shared/fixtures}).
 */
class ImportCommandTest {
  private static final Path ACME = Path.of("src/test/resources/statuspage/acme");
  private static final Path GITHUB = Path.of("src/test/resources/statuspage/github-summary.json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of("import"));
    all.addAll(List.of(args));
    return StatusKitExamples.run(
        all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static StatusBoard journal(Path directory) {
    try (JournalStatusStore store = JournalStatusStore.open(directory)) {
      return store.load();
    }
  }

  @Test
  void anExportWithGroupsIsReadIntoTheJournalWithAReportOfWhatWasReadAndWhatCannotBeCarried() {
    Path data = dir.resolve("data");

    assertThat(run("--from", ACME.toString(), "--data", data.toString())).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("read summary.json, incidents.json, scheduled-maintenances.json\n")
        .contains("page: Acme Hosting (acme0001), https://status.acme.example, time zone Europe/Berlin\n")
        .contains("servers: 5 from components, in 2 groups (Mail: 2, Name servers: 2) and 1 without a group\n")
        .contains("incidents: 2, scheduled maintenances: 1 (2 open), 8 updates\n")
        .contains("status history: rebuilt from 4 component changes in incident updates")
        .contains("not carried:\n")
        .contains("  incident shortlink: 3\n", "  incident created_at: 3\n", "  incident postmortem_body: 1\n")
        .contains("  incident scheduled_remind_prior: 1\n", "  update deliver_notifications: 8\n")
        .contains("  component group ids: 2 (groups are kept by name; written back as group-<name>)\n")
        .contains("  components with showcase, only_show_if_degraded or start_date set: 1")
        .contains("  updates whose state went back (such as investigating after monitoring): 1")
        .contains("wrote board version 1 (5 servers, 3 incidents and maintenances) to journal:");
    assertThat(err.toString()).isEmpty();

    StatusBoard board = journal(data);
    assertThat(board.glance())
        .extracting(server -> server.id() + " " + server.server().name() + " " + server.server().group() + " " + server.status().key())
        .containsExactly(
            "web00000001 Website null operational",
            "smtp0000001 SMTP relay Mail partial_outage",
            "imap0000001 IMAP Mail operational",
            "ns100000001 ns1 Name servers operational",
            "ns200000001 ns2 Name servers operational");
    Incident open = board.incident("inc00000open").orElseThrow();
    assertThat(open.isOpen()).isTrue();
    assertThat(open.updates()).hasSize(3);
    assertThat(board.incident("inc0resolved").orElseThrow().isOpen()).isFalse();
    Incident maintenance = board.incident("maint0000001").orElseThrow();
    assertThat(maintenance.kind()).isEqualTo(IncidentKind.MAINTENANCE);
    assertThat(board.upcomingMaintenance()).extracting(Incident::id).contains("maint0000001");
    assertThat(board.status("smtp0000001")).isEqualTo(Status.PARTIAL_OUTAGE);
    // The status history comes from the updates' affected components, not from today's status.
    assertThat(board.timeline("smtp0000001").statusAt(Instant.parse("2026-11-30T00:00:00Z"))).isEqualTo(Status.OPERATIONAL);
    assertThat(board.timeline("smtp0000001").statusAt(Instant.parse("2026-12-01T09:00:00Z"))).isEqualTo(Status.PARTIAL_OUTAGE);
    assertThat(board.timeline("web00000001").outages())
        .singleElement()
        .satisfies(outage -> assertThat(outage.describe(java.time.ZoneOffset.UTC)).isEqualTo("down for fifty-one minutes between 13:09 and 14:00 UTC"));
  }

  @Test
  void componentGroupsSurviveTheRoundTripThroughTheStoreAndTheStatuspageWriter() throws Exception {
    Path data = dir.resolve("data");
    assertThat(run("--from", ACME.toString(), "--data", data.toString())).as(err.toString()).isZero();

    StatusBoard board = journal(data);
    JsonNode written =
        MAPPER.readTree(
            StatuspageWriter.of(PageInfo.of("acme0001", "Acme Hosting", "https://status.acme.example", "Europe/Berlin"))
                .summary(board)
                .toByteArray());
    JsonNode original = MAPPER.readTree(ACME.resolve("summary.json").toFile());

    assertThat(groups(written)).isEqualTo(groups(original)).containsOnlyKeys("Mail", "Name servers");
    assertThat(groups(written).get("Mail")).containsExactly("imap0000001", "smtp0000001");
    // Members point at their group's component, whatever its id.
    Map<String, String> groupIds = new TreeMap<>();
    for (JsonNode component : written.path("components")) {
      if (component.path("group").asBoolean()) {
        groupIds.put(component.path("id").asText(), component.path("name").asText());
      }
    }
    for (JsonNode component : written.path("components")) {
      if (!component.path("group").asBoolean() && component.hasNonNull("group_id")) {
        assertThat(groupIds).containsKey(component.path("group_id").asText());
      }
    }
  }

  /** Group name to the ids of its member components, from a Statuspage summary. */
  private static Map<String, TreeSet<String>> groups(JsonNode summary) {
    Map<String, String> names = new TreeMap<>();
    for (JsonNode component : summary.path("components")) {
      if (component.path("group").asBoolean()) {
        names.put(component.path("id").asText(), component.path("name").asText());
      }
    }
    Map<String, TreeSet<String>> groups = new TreeMap<>();
    for (JsonNode component : summary.path("components")) {
      String group = names.get(component.path("group_id").asText(""));
      if (group != null) {
        groups.computeIfAbsent(group, g -> new TreeSet<>()).add(component.path("id").asText());
      }
    }
    return groups;
  }

  @Test
  void githubsRealSummaryImportsAndIsServed() throws Exception {
    Path data = dir.resolve("data");

    assertThat(run("--from", GITHUB.toString(), "--data", data.toString())).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("read github-summary.json\n", "page: GitHub (kctbh9vrtdwd)", "servers: 11 from components\n")
        .contains("incidents: 1, scheduled maintenances: 0 (1 open), 7 updates\n")
        .contains("  incident shortlink: 1\n", "  update affected_components[].old_status (recomputed from the timeline)");
    try (StatusPageApp app = StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, data, null, null, false, Clock.systemUTC()))) {
      String front = Http.text(Http.get(app.url()));
      assertThat(front).contains("Git Operations", "Packages", "Partial outage", "Incident with Packages and Pages");
      assertThat(Http.text(Http.get(app.url().resolve("api/v2/summary.json")))).contains("\"st3j38cctv9l\"");
    }
  }

  @Test
  void theImportedGroupsAreTheFrontPagesGroups() throws Exception {
    Path data = dir.resolve("data");
    assertThat(run("--from", ACME.toString(), "--data", data.toString())).as(err.toString()).isZero();

    try (StatusPageApp app = StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, data, null, null, false, Clock.systemUTC()))) {
      String front = Http.text(Http.get(app.url()));
      assertThat(front)
          .contains("<details class=\"group\" id=\"group-mail\" open>", "<details class=\"group\" id=\"group-name-servers\" open>")
          .contains("id=\"server-smtp0000001\"", "Mail delivery delayed", "Name server upgrade");
    }
  }

  @Test
  void aStoreThatHoldsABoardIsReplacedOnlyWithForce() {
    Path data = dir.resolve("data");
    assertThat(run("--from", ACME.toString(), "--data", data.toString())).isZero();

    assertThat(run("--from", GITHUB.toString(), "--data", data.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("is not empty; give --force to replace what it holds");
    assertThat(journal(data).server("web00000001")).isPresent();

    assertThat(run("--from", GITHUB.toString(), "--data", data.toString(), "--force")).as(err.toString()).isZero();
    assertThat(journal(data).server("web00000001")).isEmpty();
    assertThat(journal(data).server("8l4ygp009s5s")).isPresent();
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrong() throws Exception {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: import needs --from DIR|FILE\n");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(run("--from", empty.toString(), "--data", dir.resolve("d1").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("holds none of the Statuspage export's documents (summary.json, components.json");

    Path broken = Files.writeString(dir.resolve("summary.json"), "{\"page\": ");
    assertThat(run("--from", broken.toString(), "--data", dir.resolve("d2").toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("error: cannot import: ").contains("summary.json: not JSON");

    String acme = Files.readString(ACME.resolve("summary.json"));
    Path purple = Files.writeString(dir.resolve("purple.json"), acme.replaceFirst("\"status\": \"operational\"", "\"status\": \"purple\""));
    assertThat(run("--from", purple.toString(), "--data", dir.resolve("d3").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: cannot import ").contains("purple");
    assertThat(dir.resolve("d3")).doesNotExist();
  }
}
