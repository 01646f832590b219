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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Embed it in ten lines" snippet, kept compiling and true. */
class ReadmeSnippetTest {
  @Test
  void theReadmeSnippetRunsAndPrintsTheSeedsSentence(@TempDir Path dir) throws Exception {
    ManualClock clock = ManualClock.at(Instant.parse("2016-11-23T07:09:00Z"));
    String printed;
    Path data = dir.resolve("statuskit-data");
    // --- README snippet (clock and time steps added so the sentence is exact) ---
    try (StatusTracker tracker = StatusTracker.builder()
            .clock(clock)
            .store(JournalStatusStore.open(data))   // durable; or InMemoryStatusStore
            .build()) {
      tracker.addServer(Server.builder("NC027").name("Mail server").location("Amsterdam", "NL").build());
      tracker.observe("NC027", Status.MAJOR_OUTAGE, "connect timed out after 5 s");
      Incident incident = tracker.openIncident(OpenIncident.incident("NC027: Mail server shut down")
          .impact(Impact.MAJOR).affecting("NC027", Status.MAJOR_OUTAGE).body("Cleaning up after a spammer.").build());
      clock.advance(Duration.ofMinutes(8));
      tracker.observe("NC027", Status.OPERATIONAL);
      tracker.resolve(incident.id(), Body.plain("NC027: Mail server back online."));
      printed = tracker.board().timeline("NC027").outages().get(0).describe(ZoneOffset.UTC);
    }
    // --- end of snippet ---
    assertThat(printed).isEqualTo("down for eight minutes between 07:09 and 07:17 UTC");
    assertThat(Files.list(data)).isNotEmpty();
    try (StatusTracker reopened = StatusTracker.builder().store(JournalStatusStore.open(data)).build()) {
      assertThat(reopened.board().incidents()).singleElement().satisfies(i -> assertThat(i.isOpen()).isFalse());
    }
  }
}
