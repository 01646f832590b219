package io.statuskit.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Command;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.testing.CommandScript;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStatusStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static StatusTracker tracker(JournalStatusStore store) {
    return StatusTracker.builder().clock(CLOCK).store(store).build();
  }

  /** Plays a seeded random history on a journal in {@code dir} and returns the board. */
  static StatusBoard play(Path dir, JournalStatusStore.Options options, long seed, int steps) {
    try (StatusTracker tracker = tracker(JournalStatusStore.open(dir, options))) {
      new CommandScript().play(tracker, CommandScript.random(seed, steps));
      return tracker.board();
    }
  }

  static StatusBoard reopen(Path dir) {
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      return store.load();
    }
  }

  /** Waits up to ten seconds for a condition, polling. */
  static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
      Thread.sleep(1);
    }
    assertThat(condition.getAsBoolean()).as("condition within ten seconds").isTrue();
  }

  static Command.ObserveStatus observe(String server, Status status, int minute) {
    return new Command.ObserveStatus(server, status, null, OffsetDateTime.of(2024, 1, 1, 0, minute, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void theBoardSurvivesClosingAndReopening() {
    StatusBoard board = play(dir, JournalStatusStore.Options.defaults(), 1, 300);
    assertThat(board.version()).isGreaterThan(200);

    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load()).isEqualTo(board);
      assertThat(store.recoveryReport().isClean()).isTrue();
      assertThat(store.recoveryReport().eventsReplayed()).isEqualTo(board.version());
      try (StatusTracker tracker = tracker(store)) {
        assertThat(tracker.board()).isEqualTo(board);
      }
    }
  }

  @Test
  void pingSaysTheJournalCannotKeepEventsOnceItsDirectoryIsGoneAndRefusesAClosedStore() throws Exception {
    Path journal = dir.resolve("journal");
    JournalStatusStore store = JournalStatusStore.open(journal);
    try {
      store.ping();
      Files.move(journal, dir.resolve("moved"));
      assertThatThrownBy(store::ping)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("the directory is gone")
          .hasMessageContaining(journal.toString());
      Files.move(dir.resolve("moved"), journal);
      store.ping();
    } finally {
      store.close();
    }
    assertThatThrownBy(store::ping).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void anEmptyDirectoryIsCreatedWithALockFileAndOneSegment() {
    Path journal = dir.resolve("a/b");
    try (JournalStatusStore store = JournalStatusStore.open(journal)) {
      assertThat(store.load()).isEqualTo(StatusBoard.empty());
      assertThat(store.directory()).isEqualTo(journal.toAbsolutePath());
    }
    assertThat(JournalFiles.segments(journal)).extracting(p -> p.getFileName().toString())
        .containsExactly("journal-00000000000000000001.log");
    assertThat(journal.resolve("statuskit.lock")).exists();
  }

  @Test
  void aCommandReturnsOnlyAfterItsRecordIsForcedToDisk() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    try (JournalStatusStore store = JournalStatusStore.open(dir, JournalStatusStore.Options.defaults(), disk);
        StatusTracker tracker = tracker(store)) {
      disk.forceGate = new CountDownLatch(1);
      CompletableFuture<Server> added =
          CompletableFuture.supplyAsync(() -> tracker.addServer(Server.builder("NC027").build()));
      awaitTrue(() -> disk.forcesStarted.get() > 0);
      Thread.sleep(100);
      assertThat(added).isNotDone();
      assertThat(tracker.board().version()).isZero();

      disk.forceGate.countDown();
      added.get(10, TimeUnit.SECONDS);
      assertThat(tracker.board().version()).isEqualTo(1);
      assertThat(store.statistics().forces()).isEqualTo(1);
    }
  }

  @Test
  void concurrentWritersShareOneFsync() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    try (JournalStatusStore store = JournalStatusStore.open(dir, JournalStatusStore.Options.defaults(), disk);
        StatusTracker tracker = tracker(store)) {
      tracker.addServer(Server.builder("NC027").build());
      long forcesBefore = store.statistics().forces();
      disk.forceGate = new CountDownLatch(1);
      int startedBefore = disk.forcesStarted.get();
      CompletableFuture<?> first = CompletableFuture.runAsync(() -> tracker.execute(observe("NC027", Status.OPERATIONAL, 1)));
      awaitTrue(() -> disk.forcesStarted.get() > startedBefore);
      // the writer is inside the fsync of the first command; ten more queue up behind it
      List<Thread> writers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String id = "S" + i;
        Thread writer = new Thread(() -> tracker.addServer(Server.builder(id).build()));
        writers.add(writer);
        writer.start();
      }
      awaitTrue(() -> store.queuedAppends() == 10);
      disk.forceGate.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (Thread writer : writers) {
        writer.join(10_000);
      }
      JournalStatistics stats = store.statistics();
      assertThat(stats.eventsWritten()).isEqualTo(12);
      assertThat(stats.forces() - forcesBefore).isEqualTo(2);
      assertThat(stats.batches()).isEqualTo(3);
      assertThat(tracker.board().version()).isEqualTo(12);
    }
    assertThat(reopen(dir).version()).isEqualTo(12);
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() {
    try (JournalStatusStore first = JournalStatusStore.open(dir)) {
      assertThatThrownBy(() -> JournalStatusStore.open(dir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("is in use")
          .hasMessageContaining("statuskit.lock");
    }
    JournalStatusStore.open(dir).close();
  }

  @Test
  void theDurabilityKnobAcknowledgesBeforeFsyncAndStillKeepsEverythingOnClose() {
    JournalStatusStore.Options options = JournalStatusStore.options().fsyncInterval(Duration.ofSeconds(30)).build();
    StatusBoard board;
    JournalStatistics stats;
    try (JournalStatusStore store = JournalStatusStore.open(dir, options); StatusTracker tracker = tracker(store)) {
      new CommandScript().play(tracker, CommandScript.random(2, 100));
      board = tracker.board();
      stats = store.statistics();
    }
    assertThat(stats.eventsWritten()).isEqualTo(board.version());
    assertThat(stats.forces()).isZero();
    assertThat(reopen(dir)).isEqualTo(board);
  }

  // ---------------------------------------------------------------- snapshots, compaction, export

  @Test
  void snapshotsAndCompactionKeepStartUpShortAndTheBoardWhole() {
    JournalStatusStore.Options options = JournalStatusStore.options().segmentBytes(4096).snapshotEvery(50).build();
    StatusBoard board;
    try (JournalStatusStore store = JournalStatusStore.open(dir, options); StatusTracker tracker = tracker(store)) {
      new CommandScript().play(tracker, CommandScript.random(3, 600));
      board = tracker.board();
      store.snapshot();
      assertThat(store.statistics().snapshotsWritten()).isGreaterThan(5);
      assertThat(store.statistics().segmentsDeleted()).isGreaterThan(5);
    }
    assertThat(JournalFiles.snapshots(dir)).hasSize(2);
    try (JournalStatusStore store = JournalStatusStore.open(dir, options)) {
      assertThat(store.load()).isEqualTo(board);
      RecoveryReport report = store.recoveryReport();
      assertThat(report.snapshotVersion()).isEqualTo(board.version());
      assertThat(report.eventsReplayed()).isZero();
      assertThat(report.snapshot()).isNotNull();
    }
  }

  @Test
  void exportAndImportCarryTheBoardToANewDirectory() throws Exception {
    StatusBoard board = play(dir.resolve("old"), JournalStatusStore.Options.defaults(), 4, 200);
    ByteArrayOutputStream backup = new ByteArrayOutputStream();
    try (JournalStatusStore store = JournalStatusStore.open(dir.resolve("old"))) {
      store.exportTo(backup);
    }
    assertThat(backup.toString(UTF_8)).startsWith("{\n  \"format\" : \"statuskit/1\"");

    try (JournalStatusStore imported =
            JournalStatusStore.importFrom(new ByteArrayInputStream(backup.toByteArray()), dir.resolve("new"), JournalStatusStore.Options.defaults());
        StatusTracker tracker = tracker(imported)) {
      assertThat(tracker.board()).isEqualTo(board);
      tracker.addServer(Server.builder("after-import").build());
    }
    StatusBoard reopened = reopen(dir.resolve("new"));
    assertThat(reopened.version()).isEqualTo(board.version() + 1);
    assertThat(reopened.server("after-import")).isPresent();

    assertThatThrownBy(
            () -> JournalStatusStore.importFrom(new ByteArrayInputStream(backup.toByteArray()), dir.resolve("new"), JournalStatusStore.Options.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds a journal");
  }

  @Test
  void optionsOutOfRangeAreNamed() {
    assertThatThrownBy(() -> JournalStatusStore.options().segmentBytes(10).build())
        .hasMessage("segmentBytes must be 4096 to 1073741824: 10");
    assertThatThrownBy(() -> JournalStatusStore.options().snapshotEvery(0).build())
        .hasMessage("snapshotEvery must be positive: 0");
    assertThatThrownBy(() -> JournalStatusStore.options().fsyncInterval(Duration.ofMillis(-1)).build())
        .hasMessage("fsyncInterval must not be negative: PT-0.001S");
  }

  @Test
  void loadsAndAppendsAfterCloseAreRefused() {
    JournalStatusStore store = JournalStatusStore.open(dir);
    store.close();
    store.close();
    assertThatThrownBy(() -> store.append(new io.statuskit.core.StatusEvent.ServerRemoved(1, Instant.EPOCH, "x"), StatusBoard.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store is closed");
    assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class).hasMessageContaining("store is closed");
  }

  @Test
  void aLeftoverTemporaryFileIsRemovedAndNoted() throws Exception {
    JournalStatusStore.open(dir).close();
    Files.write(dir.resolve("snapshot-00000000000000000009.snap.tmp"), new byte[] {1, 2, 3});
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.recoveryReport().notes()).containsExactly("removed unfinished temporary file snapshot-00000000000000000009.snap.tmp");
    }
    assertThat(dir.resolve("snapshot-00000000000000000009.snap.tmp")).doesNotExist();
  }
}
