package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.examples.sample.SampleBoard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code migrate} in-process between journals and a PostgreSQL schema on 127.0.0.1. */
class MigrateCommandTest {
  @TempDir Path dir;
  private @Nullable String schema;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      PostgresDatabase.drop(schema);
    }
  }

  private int migrate(String... args) {
    out.reset();
    err.reset();
    List<String> all = new java.util.ArrayList<>(List.of("migrate"));
    all.addAll(List.of(args));
    return StatusKitExamples.run(
        all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private StatusBoard sampleJournal(Path directory) throws Exception {
    try (JournalStatusStore store =
        JournalStatusStore.importFrom(new ByteArrayInputStream(SampleBoard.resourceBytes()), directory, JournalStatusStore.Options.defaults())) {
      return store.load();
    }
  }

  private static StatusBoard journalBoard(Path directory) {
    try (JournalStatusStore store = JournalStatusStore.open(directory)) {
      return store.load();
    }
  }

  @Test
  void aJournalsBoardGoesIntoPostgresAndBackUnchanged() throws Exception {
    PostgresDatabase.assumeAvailable();
    schema = PostgresDatabase.newSchema();
    String postgres = PostgresDatabase.store(schema);
    StatusBoard original = sampleJournal(dir.resolve("source"));

    assertThat(migrate("--from", "journal:" + dir.resolve("source"), "--to", postgres)).as(err.toString()).isEqualTo(0);
    assertThat(out.toString())
        .startsWith("copied board version " + original.version() + " (" + original.servers().size() + " servers, "
            + original.incidentCount() + " incidents, ")
        .contains("schema " + schema);

    assertThat(migrate("--from", postgres, "--to", dir.resolve("back").toString())).as(err.toString()).isEqualTo(0);
    assertThat(journalBoard(dir.resolve("back"))).isEqualTo(original);
  }

  @Test
  void aNonEmptyTargetIsRefusedUnlessForced() throws Exception {
    PostgresDatabase.assumeAvailable();
    schema = PostgresDatabase.newSchema();
    String postgres = PostgresDatabase.store(schema);
    StatusBoard original = sampleJournal(dir.resolve("source"));
    assertThat(migrate("--from", dir.resolve("source").toString(), "--to", postgres)).isEqualTo(0);

    assertThat(migrate("--from", dir.resolve("source").toString(), "--to", postgres)).isEqualTo(StatusKitExamples.FAILED);
    assertThat(err.toString()).contains("is not empty (it keeps version " + original.version() + "); give --force");
    assertThat(migrate("--from", dir.resolve("source").toString(), "--to", postgres, "--force")).as(err.toString()).isEqualTo(0);

    sampleJournal(dir.resolve("other"));
    assertThat(migrate("--from", postgres, "--to", dir.resolve("other").toString())).isEqualTo(StatusKitExamples.FAILED);
    assertThat(err.toString()).contains("is not empty; give --force");
    assertThat(migrate("--from", postgres, "--to", dir.resolve("other").toString(), "--force")).as(err.toString()).isEqualTo(0);
    assertThat(journalBoard(dir.resolve("other"))).isEqualTo(original);
  }

  @Test
  void aMissingSourceOrOptionIsReported() {
    assertThat(migrate("--from", dir.resolve("nothing").toString(), "--to", dir.resolve("target").toString()))
        .isEqualTo(StatusKitExamples.FAILED);
    assertThat(err.toString()).startsWith("error: no journal to migrate in journal:");
    assertThat(migrate("--from", dir.toString())).isEqualTo(StatusKitExamples.BAD_CONFIG);
    assertThat(err.toString()).isEqualTo("error: migrate needs --to STORE\n");
  }
}
