package io.statuskit.examples;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.store.postgres.PostgresStatusStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The {@code migrate} command: copies the board of one store into another through the board
 * document ({@link StatusJson#exportBoard}), so the target starts at the source's version and
 * keeps the source's board exactly; the source's event history before that version is not
 * copied. Thread-safe (stateless).
 */
final class Migration {
  private Migration() {}

  /**
   * What was copied.
   *
   * @param version the board version copied
   * @param servers how many servers the board holds
   * @param incidents how many incidents, maintenance windows and notices it holds
   * @param bytes the size of the board document
   */
  record Report(long version, int servers, int incidents, int bytes) {}

  /**
   * Copies the board of {@code from} into {@code to}.
   *
   * @param force whether a target that holds a board is replaced (a journal directory's files
   *     deleted, a PostgreSQL schema dropped) instead of refused
   * @throws IllegalStateException if the source holds no board, or the target holds one and
   *     {@code force} is false
   * @throws IOException if a journal directory cannot be read or written
   * @throws SQLException if a PostgreSQL schema cannot be dropped
   */
  static Report copy(StoreLocation from, StoreLocation to, boolean force) throws IOException, SQLException {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (from.equals(to)) {
      throw new IllegalArgumentException("--from and --to are the same store: " + from.describe());
    }
    if (from instanceof StoreLocation.Journal journal && isMissingOrEmpty(journal.directory())) {
      throw new IllegalStateException("no journal to migrate in " + from.describe());
    }
    StatusBoard board;
    try (var source = from.open()) {
      board = source.load();
    }
    if (board.version() == 0) {
      throw new IllegalStateException(from.describe() + " holds no board to migrate");
    }
    return write(board, to, force);
  }

  /**
   * Writes {@code board} into {@code to}, which then starts at the board's version and holds it
   * exactly: what {@code migrate} does with a store's board and {@code import} with a Statuspage
   * export's.
   *
   * @param force whether a target that holds a board is replaced instead of refused
   * @throws IllegalStateException if the target holds a board and {@code force} is false
   * @throws IOException if a journal directory cannot be read or written
   * @throws SQLException if a PostgreSQL schema cannot be dropped
   */
  static Report write(StatusBoard board, StoreLocation to, boolean force) throws IOException, SQLException {
    requireNonNull(board, "board");
    requireNonNull(to, "to");
    ByteArrayOutputStream document = new ByteArrayOutputStream();
    StatusJson.exportBoard(board, document);
    StatusBoard written = board;
    if (to instanceof StoreLocation.Journal journal) {
      Path directory = journal.directory();
      if (!isMissingOrEmpty(directory)) {
        if (!force) {
          throw new IllegalStateException(to.describe() + " is not empty; give --force to replace what it holds");
        }
        deleteContents(directory);
      }
      try (JournalStatusStore target =
          JournalStatusStore.importFrom(new ByteArrayInputStream(document.toByteArray()), directory, JournalStatusStore.Options.defaults())) {
        written = target.load();
      }
    } else if (to instanceof StoreLocation.Postgres postgres) {
      try (PostgresStatusStore target = postgres.open()) {
        long version = target.version();
        if (version > 0 && !force) {
          throw new IllegalStateException(
              to.describe() + " is not empty (it keeps version " + version + "); give --force to replace what it holds");
        }
      }
      if (force) {
        dropSchema(postgres);
      }
      try (PostgresStatusStore target = postgres.open()) {
        target.importBoard(StatusJson.readBoard(document.toByteArray()));
        written = target.load();
      }
    }
    return new Report(written.version(), written.servers().size(), written.incidentCount(), document.size());
  }

  private static void dropSchema(StoreLocation.Postgres postgres) throws SQLException {
    Properties properties = new Properties();
    if (postgres.user() != null) {
      properties.setProperty("user", postgres.user());
    }
    if (postgres.password() != null) {
      properties.setProperty("password", postgres.password());
    }
    // The schema name is checked by the store's builder: a lower-case identifier.
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), properties);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + postgres.schema() + " CASCADE");
    }
  }

  private static boolean isMissingOrEmpty(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return true;
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException("not a directory: " + directory);
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteContents(Path directory) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(directory)).toList();
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}
