package io.statuskit.feeds.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Status;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GitHub's real summary.json read into a board and written back, compared field by field. */
class StatuspageFixtureTest {
  static final Path FIXTURE = locate();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*");

  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/fixtures/statuspage-v2-summary.json");
      if (Files.exists(candidate)) {
        return candidate;
      }
      Path sibling = dir.resolveSibling("shared").resolve("fixtures/statuspage-v2-summary.json");
      if (Files.exists(sibling)) {
        return sibling;
      }
    }
    return Path.of("/work/shared/fixtures/statuspage-v2-summary.json");
  }

  static StatuspageImport importFixture() throws Exception {
    try (InputStream in = Files.newInputStream(FIXTURE)) {
      return StatuspageReader.read(in);
    }
  }

  @Test
  void githubSummaryBecomesABoard() throws Exception {
    StatuspageImport imported = importFixture();

    assertThat(imported.page().id()).isEqualTo("kctbh9vrtdwd");
    assertThat(imported.page().name()).isEqualTo("GitHub");
    assertThat(imported.board().servers()).hasSize(11);
    assertThat(imported.board().status("st3j38cctv9l")).isEqualTo(Status.PARTIAL_OUTAGE);
    assertThat(imported.board().server("8l4ygp009s5s").orElseThrow().name()).isEqualTo("Git Operations");
    assertThat(imported.board().openIncidents()).singleElement().satisfies(incident -> {
      assertThat(incident.id()).isEqualTo("ljwdk6qml8z8");
      assertThat(incident.title()).isEqualTo("Incident with Packages and Pages");
      assertThat(incident.updates()).hasSize(7);
      assertThat(incident.state()).isEqualTo(IncidentState.INVESTIGATING);
      assertThat(incident.updates().get(0).id()).isEqualTo("n1dr3fb22655");
    });
  }

  @Test
  void githubSummaryWritesBackFieldByFieldExceptTheFieldsTheModelCannotCarry() throws Exception {
    StatuspageImport imported = importFixture();
    JsonNode original = MAPPER.readTree(FIXTURE.toFile());
    JsonNode written = MAPPER.readTree(StatuspageWriter.of(imported.page()).summary(imported.board()).toByteArray());

    TreeSet<String> differences = new TreeSet<>();
    compare("", original, written, differences);

    // Documented in docs/feeds.md ("Fields not carried"): every other field is written back equal.
    Pattern notCarried = Pattern.compile(
        "incidents\\[\\d+]\\.(created_at|updated_at|started_at|shortlink)"
            + "|incidents\\[\\d+]\\.incident_updates\\[\\d+]\\.affected_components\\[\\d+]\\.old_status"
            + "|status\\.(indicator|description)");
    assertThat(differences).allMatch(path -> notCarried.matcher(path).matches(), "only fields the model cannot carry");
    assertThat(differences).contains("incidents[0].shortlink", "status.indicator");
  }

  /** Collects the paths whose values differ; times compare as instants. */
  static void compare(String path, JsonNode a, JsonNode b, TreeSet<String> differences) {
    if (a.isObject() && b.isObject()) {
      TreeSet<String> fields = new TreeSet<>();
      a.fieldNames().forEachRemaining(fields::add);
      b.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        String child = path.isEmpty() ? field : path + "." + field;
        if (!a.has(field) || !b.has(field)) {
          differences.add(child + (a.has(field) ? " (missing)" : " (added)"));
        } else {
          compare(child, a.get(field), b.get(field), differences);
        }
      }
    } else if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        differences.add(path + " (size " + a.size() + " vs " + b.size() + ")");
        return;
      }
      for (int i = 0; i < a.size(); i++) {
        compare(path + "[" + i + "]", a.get(i), b.get(i), differences);
      }
    } else if (a.isTextual() && b.isTextual() && TIME.matcher(a.asText()).matches() && TIME.matcher(b.asText()).matches()) {
      if (!OffsetDateTime.parse(a.asText()).toInstant().equals(OffsetDateTime.parse(b.asText()).toInstant())) {
        differences.add(path);
      }
    } else if (!a.equals(b)) {
      differences.add(path);
    }
  }

}
