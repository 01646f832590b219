package io.statuskit.testkit.properties;

import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.google.common.collect.ImmutableList;

import io.statuskit.core.Command;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.core.testing.CommandScript;
import io.statuskit.core.testing.CommandScript.Step;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Any history kept in a journal, with reopens, snapshots and compaction between its commands,
 * reloads as the board an in-memory tracker builds from the same commands. This property found
 * the race fixed in 18b2b9b (a tracker call returned before its board was published).
 */
class JournalStorePropertiesTest {

  /** What happens between two steps: nothing, a reopen, or a snapshot with compaction. */
  enum Pause {
    NONE,
    REOPEN,
    SNAPSHOT
  }

  /** Pauses: mostly none, a reopen or a snapshot one time in 22 each; shrinks towards none. */
  private static Generator<ImmutableList<Pause>> pauses() {
    return Generators.frequency(
            Generators.weighted(20, Generators.constant(Pause.NONE)),
            Generators.weighted(1, Generators.constant(Pause.REOPEN)),
            Generators.weighted(1, Generators.constant(Pause.SNAPSHOT)))
        .list(150, 150);
  }

  @Test
  void anyHistoryStoredAndReloadedGivesTheSameBoard() {
    Coverage coverage = new Coverage("anyHistoryStoredAndReloadedGivesTheSameBoard");
    qt().withExamples(40)
        .withShrinkCycles(400)
        .forAll(gen(CoreScripts.scripts(150)), gen(pauses()), gen(Generators.integers(1, 25)))
        .checkAssert((steps, pauses, snapshotEvery) -> {
          try {
            storeAndReload(steps, pauses, snapshotEvery, coverage);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    coverage.check(Map.of());
  }

  private static void storeAndReload(List<Step> steps, List<Pause> pauses, int snapshotEvery, Coverage coverage)
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
      coverage.collect("snapshots written", snapshots > 0);
      coverage.collect("segments compacted away", segmentsDeleted > 0);
      coverage.collect("reopened", pauses.subList(0, steps.size()).contains(Pause.REOPEN));

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
