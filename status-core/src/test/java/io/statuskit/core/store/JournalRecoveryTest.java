package io.statuskit.core.store;

import static io.statuskit.core.store.JournalStatusStoreTest.tracker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Server;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.RecoveryReport.Reason;
import io.statuskit.core.store.RecoveryReport.Truncation;
import io.statuskit.core.testing.CommandScript;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented outcome of each kind of damage (docs/storage.md, "Recovery"). */
class JournalRecoveryTest {
  private static final JournalStatusStore.Options TRUNCATE =
      JournalStatusStore.options().truncateAtCorruption(true).build();

  @TempDir Path dir;

  /** Ten events: servers S1 to S10, each its own record. */
  private Path tenEvents() {
    try (StatusTracker tracker = tracker(JournalStatusStore.open(dir))) {
      for (int i = 1; i <= 10; i++) {
        tracker.addServer(Server.builder("S" + i).name("Server " + i).build());
      }
    }
    List<Path> segments = JournalFiles.segments(dir);
    assertThat(segments).hasSize(1);
    return segments.get(0);
  }

  private static StatusBoard openAndLoad(Path dir, JournalStatusStore.Options options) {
    try (JournalStatusStore store = JournalStatusStore.open(dir, options)) {
      return store.load();
    }
  }

  // ---------------------------------------------------------------- torn tails

  @Test
  void aTornLastRecordIsCutReportedAndTheJournalGoesOn() throws IOException {
    Path segment = tenEvents();
    long last = JournalFiles.recordOffsets(segment).get(9);
    long size = Files.size(segment);
    JournalFiles.truncate(segment, size - 5);

    try (JournalStatusStore store = JournalStatusStore.open(dir); StatusTracker tracker = tracker(store)) {
      assertThat(store.load().version()).isEqualTo(9);
      assertThat(store.load().server("S10")).isEmpty();
      RecoveryReport report = store.recoveryReport();
      assertThat(report.truncations()).hasSize(1);
      Truncation cut = report.truncations().get(0);
      assertThat(cut.reason()).isEqualTo(Reason.TORN_TAIL);
      assertThat(cut.file()).isEqualTo(segment.toAbsolutePath());
      assertThat(cut.offset()).isEqualTo(last);
      assertThat(cut.droppedBytes()).isEqualTo(size - 5 - last);
      assertThat(cut.detail()).contains("is cut off");
      assertThat(Files.size(segment)).isEqualTo(last);
      tracker.addServer(Server.builder("S11").build());
    }
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().version()).isEqualTo(10);
      assertThat(store.recoveryReport().isClean()).isTrue();
    }
  }

  @Test
  void aCutOffRecordHeaderAtTheEndIsATornTail() throws IOException {
    Path segment = tenEvents();
    long size = Files.size(segment);
    JournalFiles.append(segment, new byte[] {0, 0, 1, 7, 42, 42, 42});

    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().version()).isEqualTo(10);
      Truncation cut = store.recoveryReport().truncations().get(0);
      assertThat(cut.reason()).isEqualTo(Reason.TORN_TAIL);
      assertThat(cut.offset()).isEqualTo(size);
      assertThat(cut.detail()).isEqualTo("record header is cut off: 7 of 12 bytes at the end of the file");
    }
    assertThat(Files.size(segment)).isEqualTo(size);
  }

  @Test
  void aZeroFilledTailIsATornTail() throws IOException {
    Path segment = tenEvents();
    long size = Files.size(segment);
    JournalFiles.append(segment, new byte[4096]);

    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().version()).isEqualTo(10);
      assertThat(store.recoveryReport().truncations().get(0).detail()).isEqualTo("zero-filled tail of 4096 bytes");
    }
    assertThat(Files.size(segment)).isEqualTo(size);
  }

  // ---------------------------------------------------------------- corruption

  @Test
  void aBitFlipInTheMiddleStopsStartUpNamingTheFileAndOffset() throws IOException {
    Path segment = tenEvents();
    long third = JournalFiles.recordOffsets(segment).get(2);
    JournalFiles.flipBit(segment, third + 12 + 20, 3);
    byte[] before = Files.readAllBytes(segment);

    assertThatThrownBy(() -> JournalStatusStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(segment.toAbsolutePath() + ": corrupt at offset " + third + ": record checksum mismatch")
        .hasMessageContaining("truncateAtCorruption(true)")
        .hasMessageContaining("JournalTool truncate");
    assertThat(Files.readAllBytes(segment)).as("the journal is left as it was").isEqualTo(before);
    // the failed open released the lock
    assertThatThrownBy(() -> JournalStatusStore.open(dir)).hasMessageContaining("corrupt at offset");
  }

  @Test
  void truncateAtCorruptionKeepsWhatPrecedesAndKeepsTheCutBytesAside() throws IOException {
    Path segment = tenEvents();
    long third = JournalFiles.recordOffsets(segment).get(2);
    long size = Files.size(segment);
    JournalFiles.flipBit(segment, third + 12 + 20, 3);
    byte[] damaged = Files.readAllBytes(segment);

    try (JournalStatusStore store = JournalStatusStore.open(dir, TRUNCATE); StatusTracker tracker = tracker(store)) {
      assertThat(store.load().version()).isEqualTo(2);
      Truncation cut = store.recoveryReport().truncations().get(0);
      assertThat(cut.reason()).isEqualTo(Reason.CORRUPTION);
      assertThat(cut.offset()).isEqualTo(third);
      assertThat(cut.droppedBytes()).isEqualTo(size - third);
      assertThat(store.recoveryReport().isClean()).isFalse();
      tracker.addServer(Server.builder("S3").build());
    }
    Path aside = dir.resolve(segment.getFileName() + ".at-" + third + ".corrupt");
    assertThat(Files.readAllBytes(aside))
        .isEqualTo(java.util.Arrays.copyOfRange(damaged, (int) third, damaged.length));
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().version()).isEqualTo(3);
      assertThat(store.recoveryReport().isClean()).isTrue();
    }
  }

  @Test
  void aBitFlipInARecordLengthIsCorruptionNotATornTail() throws IOException {
    Path segment = tenEvents();
    long fourth = JournalFiles.recordOffsets(segment).get(3);
    JournalFiles.flipBit(segment, fourth + 1, 6); // the length now points far past the end of the file

    assertThatThrownBy(() -> JournalStatusStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("corrupt at offset " + fourth + ": record header checksum mismatch");
  }

  @Test
  void aBitFlipInTheLastRecordIsCorruptionToo() throws IOException {
    Path segment = tenEvents();
    long last = JournalFiles.recordOffsets(segment).get(9);
    JournalFiles.flipBit(segment, last + 12 + 5, 0);

    assertThatThrownBy(() -> JournalStatusStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("corrupt at offset " + last + ": record checksum mismatch");
  }

  @Test
  void aTruncatedSegmentHeaderStopsStartUp() throws IOException {
    Path segment = tenEvents();
    JournalFiles.truncate(segment, 10);

    assertThatThrownBy(() -> JournalStatusStore.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(segment.toAbsolutePath() + ": corrupt at offset 0: header is truncated: 10 of 32 bytes");

    try (JournalStatusStore store = JournalStatusStore.open(dir, TRUNCATE)) {
      assertThat(store.load()).isEqualTo(StatusBoard.empty());
      assertThat(store.recoveryReport().notes()).anyMatch(note -> note.contains("corrupt header; moved aside"));
    }
    assertThat(dir.resolve(segment.getFileName() + ".corrupt")).exists();
    assertThat(openAndLoad(dir, JournalStatusStore.Options.defaults())).isEqualTo(StatusBoard.empty());
  }

  @Test
  void aNewerFormatVersionIsRefusedAndNeverCut() throws IOException {
    Path segment = tenEvents();
    byte[] bytes = Files.readAllBytes(segment);
    ByteBuffer.wrap(bytes).putInt(8, 2);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 28);
    ByteBuffer.wrap(bytes).putInt(28, (int) crc.getValue());
    Files.write(segment, bytes);

    String expected = segment.toAbsolutePath()
        + ": format version 2 is not supported; this StatusKit reads journal format version 1"
        + " (the files were written by a newer StatusKit; use it, or its export)";
    assertThatThrownBy(() -> JournalStatusStore.open(dir)).isInstanceOf(StoreException.class).hasMessage(expected);
    assertThatThrownBy(() -> JournalStatusStore.open(dir, TRUNCATE)).isInstanceOf(StoreException.class).hasMessage(expected);
    assertThat(Files.readAllBytes(segment)).isEqualTo(bytes);
  }

  @Test
  void aFileThatIsNotASegmentIsNamed() throws IOException {
    Path segment = tenEvents();
    Files.write(segment, "this is not a journal at all, just text".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> JournalStatusStore.open(dir))
        .hasMessageContaining("not a StatusKit journal segment: magic is \"this is \", expected \"SKJOURNL\"");
  }

  @Test
  void aCorruptSnapshotIsNamedAndTheOlderOneServesWhenCuttingIsAllowed() throws IOException {
    JournalStatusStore.Options options = JournalStatusStore.options().segmentBytes(4096).snapshotEvery(40).build();
    StatusBoard board = JournalStatusStoreTest.play(dir, options, 5, 300);
    List<Path> snapshots = JournalFiles.snapshots(dir);
    assertThat(snapshots).hasSize(2);
    Path newest = snapshots.get(1);
    JournalFiles.flipBit(newest, Files.size(newest) - 100, 1);

    assertThatThrownBy(() -> JournalStatusStore.open(dir, options))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(newest.toAbsolutePath() + ": corrupt at offset 32: snapshot checksum mismatch");

    try (JournalStatusStore store = JournalStatusStore.open(dir, TRUNCATE)) {
      assertThat(store.load()).isEqualTo(board);
      assertThat(store.recoveryReport().snapshot()).isEqualTo(snapshots.get(0).toAbsolutePath());
      assertThat(store.recoveryReport().notes()).anyMatch(note -> note.startsWith("snapshot " + newest.getFileName() + " is corrupt"));
    }
  }

  @Test
  void corruptionInAnOlderSegmentMovesTheLaterSegmentsAside() throws IOException {
    JournalStatusStore.Options options = JournalStatusStore.options().segmentBytes(4096).snapshotEvery(100_000).build();
    try (StatusTracker tracker = tracker(JournalStatusStore.open(dir, options))) {
      for (int i = 1; i <= 120; i++) {
        tracker.addServer(Server.builder("S" + i).description("x".repeat(100)).build());
      }
    }
    List<Path> segments = JournalFiles.segments(dir);
    assertThat(segments.size()).isGreaterThan(2);
    Path first = segments.get(0);
    List<Long> offsets = JournalFiles.recordOffsets(first);
    JournalFiles.flipBit(first, offsets.get(5) + 14, 0);

    try (JournalStatusStore store = JournalStatusStore.open(dir, TRUNCATE)) {
      assertThat(store.load().version()).isEqualTo(5);
    }
    assertThat(JournalFiles.segments(dir)).containsExactly(first);
    assertThat(JournalFiles.matching(dir, "journal-*.log.corrupt")).hasSize(segments.size() - 1);
  }

  // ---------------------------------------------------------------- full and read-only disks

  @Test
  void aFullDiskFailsTheCommandAndTheBoardDoesNotMoveAhead() throws IOException {
    FaultyDisk disk = new FaultyDisk();
    Path segment;
    long sizeBefore;
    try (JournalStatusStore store = JournalStatusStore.open(dir, JournalStatusStore.Options.defaults(), disk);
        StatusTracker tracker = tracker(store)) {
      for (int i = 1; i <= 3; i++) {
        tracker.addServer(Server.builder("S" + i).build());
      }
      segment = JournalFiles.segments(dir).get(0);
      sizeBefore = Files.size(segment);
      disk.budget.set(20); // room for part of the next record only

      assertThatThrownBy(() -> tracker.addServer(Server.builder("S4").build()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("could not keep event 4")
          .hasMessageContaining("No space left on device");
      assertThat(tracker.board().version()).isEqualTo(3);
      assertThat(tracker.board().server("S4")).isEmpty();
      assertThat(Files.size(segment)).as("the partial record was cut off").isEqualTo(sizeBefore);

      assertThatThrownBy(() -> tracker.addServer(Server.builder("S4").build())).hasMessageContaining("No space left on device");

      disk.budget.set(Long.MAX_VALUE); // space freed
      tracker.addServer(Server.builder("S4").build());
      assertThat(tracker.board().version()).isEqualTo(4);
      assertThat(store.statistics().failedBatches()).isEqualTo(2);
    }
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().version()).isEqualTo(4);
      assertThat(store.recoveryReport().isClean()).isTrue();
    }
  }

  @Test
  void aDiskThatTurnsReadOnlyFailsCommandsUntilTheStoreIsReopened() {
    FaultyDisk disk = new FaultyDisk();
    try (JournalStatusStore store = JournalStatusStore.open(dir, JournalStatusStore.Options.defaults(), disk);
        StatusTracker tracker = tracker(store)) {
      tracker.addServer(Server.builder("S1").build());
      store.ping();
      disk.readOnly = true;

      assertThatThrownBy(() -> tracker.addServer(Server.builder("S2").build()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Read-only file system");
      disk.readOnly = false;
      assertThatThrownBy(() -> tracker.addServer(Server.builder("S2").build()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("rolling back failed too")
          .hasMessageContaining("refuses further events until it is reopened");
      assertThat(tracker.board().version()).isEqualTo(1);
      // A readiness probe sees it too, and says why.
      assertThatThrownBy(store::ping)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("refuses further events until it is reopened");
    }
    try (StatusTracker tracker = tracker(JournalStatusStore.open(dir))) {
      assertThat(tracker.board().version()).isEqualTo(1);
      tracker.addServer(Server.builder("S2").build());
    }
  }

  @Test
  void aPartialWriteThatCannotBeRolledBackIsCutAsATornTailOnReopen() throws IOException {
    FaultyDisk disk = new FaultyDisk();
    Path segment;
    long sizeBefore;
    try (JournalStatusStore store = JournalStatusStore.open(dir, JournalStatusStore.Options.defaults(), disk);
        StatusTracker tracker = tracker(store)) {
      tracker.addServer(Server.builder("S1").build());
      segment = JournalFiles.segments(dir).get(0);
      sizeBefore = Files.size(segment);
      disk.budget.set(20);
      disk.failTruncate = true;
      assertThatThrownBy(() -> tracker.addServer(Server.builder("S2").build())).hasMessageContaining("No space left on device");
      assertThat(Files.size(segment)).isEqualTo(sizeBefore + 20);
    }
    try (JournalStatusStore store = JournalStatusStore.open(dir)) {
      assertThat(store.load().version()).isEqualTo(1);
      Truncation cut = store.recoveryReport().truncations().get(0);
      assertThat(cut.reason()).isEqualTo(Reason.TORN_TAIL);
      assertThat(cut.offset()).isEqualTo(sizeBefore);
      assertThat(cut.droppedBytes()).isEqualTo(20);
    }
  }

  /**
   * On a real small file system (for example {@code mount -t tmpfs -o size=256k tmpfs /mnt/tiny},
   * as root) given by {@code -Dstatuskit.test.smallFs=/mnt/tiny}; skipped otherwise, because
   * mounting needs root.
   */
  @Test
  void aRealFullFileSystemFailsCommandsCleanly() {
    String smallFs = System.getProperty("statuskit.test.smallFs");
    Assumptions.assumeTrue(smallFs != null, "set -Dstatuskit.test.smallFs to a small mounted file system");
    Path journal = Path.of(smallFs).resolve("journal-" + ProcessHandle.current().pid());
    long kept = 0;
    StoreException failure = null;
    try (StatusTracker tracker = tracker(JournalStatusStore.open(journal))) {
      for (int i = 0; i < 100_000 && failure == null; i++) {
        try {
          tracker.addServer(Server.builder("S" + i).description("x".repeat(1000)).build());
          kept = tracker.board().version();
        } catch (StoreException e) {
          failure = e;
          assertThat(tracker.board().version()).isEqualTo(kept);
        }
      }
    } catch (StoreException e) {
      failure = e; // closing may fail to snapshot; never to lose events
    }
    assertThat(failure).isNotNull();
    assertThat(failure).hasMessageContaining("No space left on device");
    try (JournalStatusStore store = JournalStatusStore.open(journal)) {
      assertThat(store.load().version()).isEqualTo(kept);
    }
  }
}
