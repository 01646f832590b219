package io.statuskit.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.NinerNetSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by release 0.1.0 (the NinerNet sample and one monitor-style outage, with a
 * snapshot at version 40; kept under {@code fixtures/journal-0.1.0}, made by the program in
 * {@code GENERATED-BY.java.txt} there) still loads, to the board that release exported, and a
 * tracker goes on from it.
 */
class JournalCompatibilityTest {
  private static final String FIXTURE = "/fixtures/journal-0.1.0/";

  @Test
  void aJournalWrittenByTheFirstReleaseLoadsToTheBoardItExported(@TempDir Path dir) throws IOException {
    copyFixture(dir);
    StatusBoard exported;
    try (InputStream in = getClass().getResourceAsStream(FIXTURE + "export.json")) {
      exported = StatusJson.readBoard(in);
    }

    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      StatusBoard loaded = store.load();

      assertThat(loaded.version()).isEqualTo(46);
      assertThat(loaded).isEqualTo(exported);
      assertThat(store.recoveryReport().snapshotVersion()).isEqualTo(40);
      assertThat(loaded.timeline("NC036").outages().get(0).describe(ZoneOffset.UTC))
          .isEqualTo("down for eight minutes between 00:00 and 00:08 UTC");
      assertThat(loaded.incident(NinerNetSample.NC027_SHUT_DOWN)).isPresent();
    }
  }

  @Test
  void aTrackerGoesOnFromAnOldJournal(@TempDir Path dir) throws IOException {
    copyFixture(dir);
    try (StatusTracker tracker =
        StatusTracker.builder().clock(ManualClock.at(NinerNetSample.CAPTURED.plusSeconds(3600))).store(JournalStatusStore.open(dir)).build()) {
      tracker.observe("NC036", Status.DEGRADED_PERFORMANCE, "slow");

      assertThat(tracker.board().version()).isEqualTo(47);
    }
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().status("NC036")).isEqualTo(Status.DEGRADED_PERFORMANCE);
      assertThat(store.eventsAfter(45)).hasSize(2);
    }
  }

  private void copyFixture(Path dir) throws IOException {
    for (String name :
        new String[] {"journal-00000000000000000001.log", "snapshot-00000000000000000040.snap"}) {
      try (InputStream in = getClass().getResourceAsStream(FIXTURE + name)) {
        assertThat(in).as(name).isNotNull();
        Files.copy(in, dir.resolve(name));
      }
    }
  }
}
