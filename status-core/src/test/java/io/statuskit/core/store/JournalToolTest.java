package io.statuskit.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusBoard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalToolTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    out.reset();
    err.reset();
    return JournalTool.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
  }

  @Test
  void checkFailsOnCorruptionAndTruncateKeepsWhatPrecedesIt() throws Exception {
    Path journal = dir.resolve("journal");
    StatusBoard board = JournalStatusStoreTest.play(journal, JournalStatusStore.Options.defaults(), 7, 40);
    Path segment = JournalFiles.segments(journal).get(0);
    long offset = JournalFiles.recordOffsets(segment).get(10);

    assertThat(run("check", journal.toString())).isZero();
    assertThat(out.toString(UTF_8)).contains("version " + board.version()).contains("clean");

    JournalFiles.flipBit(segment, offset + 13, 2);
    assertThat(run("check", journal.toString())).isEqualTo(1);
    assertThat(err.toString(UTF_8)).startsWith("error: " + segment.toAbsolutePath() + ": corrupt at offset " + offset);

    assertThat(run("truncate", journal.toString())).isZero();
    assertThat(out.toString(UTF_8)).contains("version 10").contains("cut CORRUPTION: " + segment.getFileName() + " at offset " + offset);
    assertThat(run("check", journal.toString())).isZero();
    assertThat(out.toString(UTF_8)).contains("version 10");
  }

  @Test
  void exportAndImportMoveAJournal() {
    Path journal = dir.resolve("journal");
    StatusBoard board = JournalStatusStoreTest.play(journal, JournalStatusStore.Options.defaults(), 8, 60);
    Path backup = dir.resolve("backup.json");

    assertThat(run("export", journal.toString(), backup.toString())).isZero();
    assertThat(run("import", backup.toString(), dir.resolve("copy").toString())).isZero();
    assertThat(out.toString(UTF_8)).startsWith("imported version " + board.version());
    assertThat(JournalStatusStoreTest.reopen(dir.resolve("copy"))).isEqualTo(board);

    assertThat(run("import", backup.toString(), dir.resolve("copy").toString())).isEqualTo(1);
    assertThat(err.toString(UTF_8)).contains("already holds a journal");
  }

  @Test
  void wrongUsageSaysHow() {
    assertThat(run("frobnicate", "x")).isEqualTo(2);
    assertThat(err.toString(UTF_8)).startsWith("usage: JournalTool check DIR");
    assertThat(run()).isEqualTo(2);
  }
}
