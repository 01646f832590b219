package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Status;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

/**
 * A node SIGKILLed in the middle of a transaction: its store's writer has inserted a group-commit
 * batch and not committed it (the store's crash-test hook pauses it there) when the test kills the
 * JVM. Nothing it acknowledged is lost, nothing it did not acknowledge is kept (PostgreSQL rolls
 * the open transaction back when the connection dies), nothing is kept twice, and another node,
 * whose append was waiting on the same version, goes on by itself.
 */
class KilledNodeTest {
  private static final int THREADS = 4;
  private static final int PAUSE_IN_BATCH = 25;
  private @Nullable Process process;
  private String schema = "";

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void cleanUp() {
    Process node = process;
    if (node != null) {
      node.destroyForcibly();
    }
    if (!schema.isEmpty()) {
      TestDatabase.drop(schema);
    }
  }

  @Test
  void aNodeKilledWithABatchInsertedButNotCommittedLosesNothingAcknowledgedAndTheOthersGoOn(@TempDir Path dir)
      throws Exception {
    schema = TestDatabase.newSchema();
    Path marker = dir.resolve("paused");
    try (StatusTracker other = StatusTracker.builder().store(TestDatabase.store(schema).build()).build()) {
      Workload.addServers(other, "o", 1);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process node =
          new ProcessBuilder(
                  java,
                  "-Xmx128m",
                  "-Dstatuskit.postgres.test.pauseInBatch=" + PAUSE_IN_BATCH,
                  "-Dstatuskit.postgres.test.pauseMarker=" + marker,
                  "-cp",
                  System.getProperty("java.class.path"),
                  KilledNode.class.getName(),
                  TestDatabase.url(),
                  schema,
                  "k",
                  Integer.toString(THREADS))
              .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("k.log").toFile()))
              .start();
      process = node;
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<String> failed = ConcurrentHashMap.newKeySet();
      CountDownLatch ready = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("READY")) {
                      ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                      acknowledged.add(line.substring(4));
                    } else if (line.startsWith("FAILED ")) {
                      failed.add(line.split(" ")[1]);
                    }
                  }
                } catch (IOException e) {
                  // killed
                }
              },
              "killed-node-output");
      reader.setDaemon(true);
      reader.start();
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("the node started").isTrue();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(marker)) {
        assertThat(node.isAlive()).as("the node is running (see k.log)").isTrue();
        assertThat(System.nanoTime()).as("the node paused inside batch %s", PAUSE_IN_BATCH).isLessThan(deadline);
        Thread.sleep(10);
      }
      String[] range = Files.readString(marker).split(" ");
      long first = Long.parseLong(range[0]);
      long last = Long.parseLong(range[1]);
      // the batch is inserted inside an open transaction: nobody else sees it
      assertThat(countKept(first, last)).as("events %s to %s before the commit", first, last).isZero();
      // another node's command now wants the same version and waits on the open transaction
      CompletableFuture<Void> waiting =
          CompletableFuture.runAsync(() -> other.observe(Workload.serverId("o", 0), Status.MAJOR_OUTAGE, "o0-waiting"));
      Thread.sleep(300); // the node's earlier acknowledgements are printed
      Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);
      node.destroyForcibly(); // SIGKILL
      assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);

      // the other node goes on by itself: its waiting command is kept, and new ones too
      waiting.get(60, TimeUnit.SECONDS);
      for (int i = 0; i < 5; i++) {
        other.observe(Workload.serverId("o", 0), i % 2 == 0 ? Status.OPERATIONAL : Status.MAJOR_OUTAGE, "o0-" + i);
      }

      List<StatusEvent> events;
      try (PostgresStatusStore store = TestDatabase.store(schema).build()) {
        events = store.eventsAfter(0);
      }
      Map<String, Integer> counts = new HashMap<>();
      long expected = 1;
      for (StatusEvent event : events) {
        assertThat(event.sequence()).as("sequence without gaps").isEqualTo(expected++);
        if (event instanceof StatusEvent.StatusObserved observed && observed.detail() != null) {
          counts.merge(observed.detail(), 1, Integer::sum);
        }
      }
      assertThat(acknowledged).as("the kill came after the node had acknowledged commands").isNotEmpty();
      assertThat(acknowledged).isEqualTo(acknowledgedBeforeKill);
      for (String detail : acknowledged) {
        assertThat(counts.get(detail)).as("acknowledged command %s is kept exactly once", detail).isEqualTo(1);
      }
      counts.forEach((detail, count) -> {
        assertThat(count).as("command %s is kept at most once", detail).isEqualTo(1);
        if (detail.startsWith("k")) {
          assertThat(acknowledged).as("a kept command of the killed node was acknowledged: %s", detail).contains(detail);
        }
      });
      assertThat(counts).containsKeys("o0-waiting", "o0-0", "o0-4");
      assertThat(failed).as("the killed node's callers saw no failure before the kill").isEmpty();
      assertThat(other.board().version()).isEqualTo(events.get(events.size() - 1).sequence());
      System.out.printf(
          "killed inside the transaction of events %d to %d after %d acknowledged commands; %d events kept%n",
          first, last, acknowledged.size(), events.size());
    }
  }

  private long countKept(long first, long last) throws Exception {
    try (Connection c = TestDatabase.connect();
        Statement statement = c.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM " + schema + ".events WHERE sequence BETWEEN " + first + " AND " + last)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
