package io.statuskit.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Embed it in ten lines" snippet, kept compiling, true and the same as the README's. */
class ReadmeSnippetTest {
  /** The snippet's lines as the README shows them, without the test's clock. */
  private static final List<String> README_LINES =
      List.of(
          "try (StatusTracker tracker = StatusTracker.builder()",
          "        .store(JournalStatusStore.open(Path.of(\"statuskit-data\")))   // durable; or InMemoryStatusStore",
          "        .build()) {",
          "  if (tracker.board().server(\"NC027\").isEmpty()) {   // the journal keeps it for the next run",
          "    tracker.addServer(Server.builder(\"NC027\").name(\"Mail server\").location(\"Amsterdam\", \"NL\").build());",
          "  }",
          "  tracker.observe(\"NC027\", Status.MAJOR_OUTAGE, \"connect timed out after 5 s\");",
          "  Incident incident = tracker.openIncident(OpenIncident.incident(\"NC027: Mail server shut down\")",
          "      .impact(Impact.MAJOR).affecting(\"NC027\", Status.MAJOR_OUTAGE).body(\"Cleaning up after a spammer.\").build());",
          "  tracker.observe(\"NC027\", Status.OPERATIONAL);",
          "  tracker.resolve(incident.id(), Body.plain(\"NC027: Mail server back online.\"));",
          "  System.out.println(tracker.board().timeline(\"NC027\").outages().get(0).describe(ZoneOffset.UTC));");

  private static String runSnippet(Path data, ManualClock clock) {
    String printed;
    // --- README snippet (clock and time steps added so the sentence is exact) ---
    try (StatusTracker tracker = StatusTracker.builder()
            .clock(clock)
            .store(JournalStatusStore.open(data))   // durable; or InMemoryStatusStore
            .build()) {
      if (tracker.board().server("NC027").isEmpty()) {   // the journal keeps it for the next run
        tracker.addServer(Server.builder("NC027").name("Mail server").location("Amsterdam", "NL").build());
      }
      tracker.observe("NC027", Status.MAJOR_OUTAGE, "connect timed out after 5 s");
      Incident incident = tracker.openIncident(OpenIncident.incident("NC027: Mail server shut down")
          .impact(Impact.MAJOR).affecting("NC027", Status.MAJOR_OUTAGE).body("Cleaning up after a spammer.").build());
      clock.advance(Duration.ofMinutes(8));
      tracker.observe("NC027", Status.OPERATIONAL);
      tracker.resolve(incident.id(), Body.plain("NC027: Mail server back online."));
      printed = tracker.board().timeline("NC027").outages().get(0).describe(ZoneOffset.UTC);
    }
    // --- end of snippet ---
    return printed;
  }

  @Test
  void theReadmeSnippetRunsAndPrintsTheSeedsSentence(@TempDir Path dir) throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2016-11-23T07:09:00Z"));
    Path data = dir.resolve("statuskit-data");

    assertThat(runSnippet(data, clock)).isEqualTo("down for eight minutes between 07:09 and 07:17 UTC");
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files).isNotEmpty();
    }
    try (StatusTracker reopened = StatusTracker.builder().store(JournalStatusStore.open(data)).build()) {
      assertThat(reopened.board().incidents()).singleElement().satisfies(i -> assertThat(i.isOpen()).isFalse());
    }
  }

  @Test
  void theReadmeSnippetRunsTwiceInARowOnTheSameDirectory(@TempDir Path dir) throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2016-11-23T07:09:00Z"));
    Path data = dir.resolve("statuskit-data");

    assertThat(runSnippet(data, clock)).isEqualTo("down for eight minutes between 07:09 and 07:17 UTC");
    clock.advance(Duration.ofHours(1));
    assertThat(runSnippet(data, clock)).isEqualTo("down for eight minutes between 07:09 and 07:17 UTC");
    try (StatusTracker reopened = StatusTracker.builder().store(JournalStatusStore.open(data)).build()) {
      assertThat(reopened.board().servers()).hasSize(1);
      assertThat(reopened.board().incidents()).hasSize(2).allSatisfy(i -> assertThat(i.isOpen()).isFalse());
      assertThat(reopened.board().timeline("NC027").outages()).hasSize(2);
    }
  }

  @Test
  void theReadmeShowsTheSnippetThatRunsHere() throws Exception {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme);
    String section = text.substring(text.indexOf("## Embed it in ten lines"));
    String block = section.substring(section.indexOf("```java\n") + 8, section.indexOf("\n```", section.indexOf("```java")));
    List<String> lines = block.lines().toList();
    // the imports come first; the code from its first line on is the code that runs here
    int start = lines.indexOf(README_LINES.get(0));
    assertThat(start).as("the snippet's first line in the README").isNotNegative();
    assertThat(lines.subList(0, start)).allSatisfy(l -> assertThat(l).matches("(import [\\w.]+;)?"));
    assertThat(lines.subList(start, start + README_LINES.size())).containsExactlyElementsOf(README_LINES);
  }
}
