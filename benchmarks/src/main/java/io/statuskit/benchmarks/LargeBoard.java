package io.statuskit.benchmarks;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.store.JournalStatusStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Writes a journal holding a board of many incidents ({@link Fixtures#board(int, int, int,
 * Duration)}: 50 servers, five updates per incident, one incident every 52 minutes) for the
 * example server to serve: {@code java -cp benchmarks/target/benchmarks.jar
 * io.statuskit.benchmarks.LargeBoard 10000 DIR}. {@code benchmarks/http-vs-nginx.sh} serves it
 * under {@code -Xmx256m}. Not thread-safe; a main program.
 */
public final class LargeBoard {
  private LargeBoard() {}

  /** Writes the journal; arguments: the number of incidents and a new directory. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LargeBoard INCIDENTS DIR");
      System.exit(2);
    }
    int incidents = Integer.parseInt(args[0]);
    if (incidents < 1) {
      throw new IllegalArgumentException("incidents must be at least 1: " + incidents);
    }
    Path directory = Path.of(args[1]);
    StatusBoard board = Fixtures.board(50, incidents, 5, Duration.ofMinutes(52));
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    StatusJson.writeBoard(board, json);
    try (JournalStatusStore store =
        JournalStatusStore.importFrom(new ByteArrayInputStream(json.toByteArray()), directory, JournalStatusStore.Options.defaults())) {
      System.out.printf(
          Locale.ROOT, "wrote a board of %d servers and %d incidents (%d KB of JSON), version %d, to %s%n",
          board.servers().size(), board.incidentCount(), json.size() >> 10, store.load().version(), directory);
    }
  }
}
