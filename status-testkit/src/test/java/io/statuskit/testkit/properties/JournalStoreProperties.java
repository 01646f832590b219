package io.statuskit.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Command;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.core.testing.CommandScript.Step;
import io.statuskit.core.testing.CommandScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class JournalStoreProperties {

  /** What happens between two steps: nothing, a reopen, or a snapshot with compaction. */
  enum Pause {
    NONE,
    REOPEN,
    SNAPSHOT
  }

  @Provide
  Arbitrary<List<Step>> scripts() {
    return CommandScript.scripts(150);
  }

  @Provide
  Arbitrary<List<Pause>> pauses() {
    return Arbitraries.frequency(
            net.jqwik.api.Tuple.of(20, Pause.NONE), net.jqwik.api.Tuple.of(1, Pause.REOPEN), net.jqwik.api.Tuple.of(1, Pause.SNAPSHOT))
        .list()
        .ofSize(150);
  }

  @Property(tries = 40)
  void anyHistoryStoredAndReloadedGivesTheSameBoard(
      @ForAll("scripts") List<Step> steps,
      @ForAll("pauses") List<Pause> pauses,
      @ForAll @IntRange(min = 1, max = 25) int snapshotEvery)
      throws IOException {
    Path dir = Files.createTempDirectory("statuskit-property");
    try {
      JournalStatusStore.Options options =
          JournalStatusStore.options().segmentBytes(4096).snapshotEvery(snapshotEvery).build();
      CommandScript script = new CommandScript();
      List<Command> applied = new ArrayList<>();
      long snapshots = 0;
      long segmentsDeleted = 0;
      JournalStatusStore store = JournalStatusStore.open(dir, options);
      StatusTracker tracker = StatusTracker.builder().clock(Clock.systemUTC()).store(store).build();
      try {
        for (int i = 0; i < steps.size(); i++) {
          applied.addAll(script.play(tracker, steps.subList(i, i + 1)));
          Pause pause = pauses.get(i);
          if (pause != Pause.NONE) {
            snapshots += store.statistics().snapshotsWritten();
            segmentsDeleted += store.statistics().segmentsDeleted();
          }
          if (pause == Pause.SNAPSHOT) {
            store.snapshot();
          } else if (pause == Pause.REOPEN) {
            StatusBoard before = tracker.board();
            tracker.close();
            store = JournalStatusStore.open(dir, options);
            tracker = StatusTracker.builder().clock(Clock.systemUTC()).store(store).build();
            assertThat(tracker.board()).isEqualTo(before);
            assertThat(store.recoveryReport().truncations()).isEmpty();
          }
        }
        snapshots += store.statistics().snapshotsWritten();
        segmentsDeleted += store.statistics().segmentsDeleted();
      } finally {
        tracker.close();
      }
      Statistics.label("snapshots written").collect(snapshots > 0);
      Statistics.label("segments compacted away").collect(segmentsDeleted > 0);
      Statistics.label("reopened").collect(pauses.subList(0, steps.size()).contains(Pause.REOPEN));

      StatusBoard expected = replay(applied);
      try (JournalStatusStore reopened = JournalStatusStore.open(dir, options)) {
        assertThat(reopened.load()).isEqualTo(expected);
        assertThat(reopened.recoveryReport().isClean()).isTrue();
      }
      assertThat(snapshotFiles(dir)).isLessThanOrEqualTo(2);
    } finally {
      deleteTree(dir);
    }
  }

  private static StatusBoard replay(List<Command> commands) {
    try (StatusTracker tracker = StatusTracker.inMemory(Clock.systemUTC())) {
      for (Command command : commands) {
        tracker.execute(command);
      }
      return tracker.board();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The number of snapshot files in a journal directory (docs/storage.md names them). */
  private static long snapshotFiles(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> p.getFileName().toString().matches("snapshot-.*\\.snap")).count();
    }
  }
}
