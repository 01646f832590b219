package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three trackers in three JVMs on one schema run concurrent commands for a bounded time
 * ({@code -Dstatuskit.pg.nodeSeconds}, default 60: the minute): every acknowledged command is on every board
 * exactly once, the three boards are equal at the end, and no node's listeners saw a version gap.
 */
class MultiNodeTest {
  private static final int NODES = 3;
  private static final int THREADS = 2;
  private final List<Process> processes = new ArrayList<>();
  private String schema = "";

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void cleanUp() {
    processes.forEach(Process::destroyForcibly);
    if (!schema.isEmpty()) {
      TestDatabase.drop(schema);
    }
  }

  /** A node's process with its line protocol. */
  private record Node(String name, Process process, BufferedReader out, PrintWriter in, Path acknowledged) {
    String expect(String word) throws Exception {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(word)) {
          return line;
        }
        System.out.println(name + ": " + line);
      }
      throw new AssertionError(name + " ended before " + word + " (exit " + process.waitFor() + ")");
    }
  }

  @Test
  void threeTrackersInThreeJvmsAgreeOnEveryAcknowledgedCommand(@TempDir Path dir) throws Exception {
    schema = TestDatabase.newSchema();
    long seconds = Long.getLong("statuskit.pg.nodeSeconds", 60);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Node> nodes = new ArrayList<>();
    for (int n = 0; n < NODES; n++) {
      String name = "n" + n;
      Path acknowledged = dir.resolve(name + ".acknowledged");
      Path log = dir.resolve(name + ".log");
      Process process =
          new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), TrackerNode.class.getName(),
                  TestDatabase.url(), schema, name, Long.toString(seconds), Integer.toString(THREADS), acknowledged.toString())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      processes.add(process);
      nodes.add(new Node(name, process,
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
          new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true),
          acknowledged));
    }
    for (Node node : nodes) {
      node.expect("READY");
    }
    for (Node node : nodes) {
      node.in().println("GO");
    }
    Workload all = new Workload();
    for (Node node : nodes) {
      System.out.println(node.name() + ": " + node.expect("WRITTEN"));
      all.acknowledged.addAll(Files.readAllLines(node.acknowledged()));
      all.failed.addAll(Files.readAllLines(Path.of(node.acknowledged() + ".failed")));
    }
    List<StatusEvent> kept;
    try (PostgresStatusStore reader = TestDatabase.store(schema).snapshotEvery(Integer.MAX_VALUE).build()) {
      kept = reader.eventsAfter(0);
    }
    long last = kept.get(kept.size() - 1).sequence();
    List<String> boards = new ArrayList<>();
    for (Node node : nodes) {
      node.in().println("FINAL " + last);
    }
    for (Node node : nodes) {
      String board = node.expect("BOARD");
      System.out.println(node.name() + ": " + board);
      boards.add(board);
      assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    // A node that started after another's first commands sees its versions from there on: a
    // failed command on a node is retried, not lost; every acknowledged one is kept once.
    all.assertKeptExactly(kept);
    assertThat(all.acknowledged.size()).as("acknowledged commands").isGreaterThan(NODES * THREADS * 10);
    for (String board : boards) {
      String[] parts = board.split(" ");
      assertThat(Long.parseLong(parts[1])).as("board version of %s", board).isEqualTo(last);
      assertThat(parts[2]).as("board of %s", board).isEqualTo(boards.get(0).split(" ")[2]);
      assertThat(parts[3]).as("version gaps seen by the listeners of %s", board).isEqualTo("0");
    }
    System.out.printf("three JVMs for %d s: %d commands acknowledged, %d failed, %d events kept%n",
        seconds, all.acknowledged.size(), all.failed.size(), kept.size());
  }
}
