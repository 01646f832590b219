package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL itself restarted ({@code pg_ctlcluster --skip-systemctl-redirect 15 main restart})
 * in the middle of writes. Runs only as root, where that command exists and cluster 15/main is
 * the server on port 5432; the cluster is started again at the end if it is not running.
 */
class PostgresRestartTest {
  private static final Path PG_CTLCLUSTER = Path.of("/usr/bin/pg_ctlcluster");
  private String schema = "";

  @BeforeAll
  static void database() throws Exception {
    TestDatabase.assumeAvailable();
    assumeTrue("root".equals(System.getProperty("user.name")), "restarting PostgreSQL needs root; skipped");
    assumeTrue(Files.isExecutable(PG_CTLCLUSTER), PG_CTLCLUSTER + " is missing; skipped");
    String clusters = run(List.of("pg_lsclusters", "-h"));
    assumeTrue(clusters.lines().anyMatch(line -> line.matches("15\\s+main\\s+5432\\s+online.*")),
        "cluster 15/main is not the server on port 5432 (" + clusters.strip() + "); skipped");
  }

  @AfterEach
  void cleanUp() throws Exception {
    ensureRunning();
    if (!schema.isEmpty()) {
      TestDatabase.drop(schema);
    }
  }

  @Test
  void aRestartMidWritesLosesNothingAcknowledgedAndTheStoreRecoversByItself() throws Exception {
    schema = TestDatabase.newSchema();
    // No snapshot compacts events away during the run: the check reads every event back.
    PostgresStatusStore store =
        TestDatabase.store(schema).inDoubtTimeout(Duration.ofSeconds(20)).snapshotEvery(1_000_000).build();
    try (StatusTracker tracker = StatusTracker.builder().store(store).build()) {
      int threads = 4;
      Workload.addServers(tracker, "r", threads);
      Workload workload = new Workload();
      workload.start(tracker, "r", threads, Integer.MAX_VALUE);
      Thread.sleep(1000);
      int before = workload.acknowledged.size();
      long started = System.nanoTime();
      String output;
      try {
        output = run(List.of(PG_CTLCLUSTER.toString(), "--skip-systemctl-redirect", "15", "main", "restart"));
      } finally {
        ensureRunning();
      }
      long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      int atRestart = workload.acknowledged.size();
      Thread.sleep(3000);
      workload.stop();
      workload.join(Duration.ofSeconds(60));

      assertThat(workload.acknowledged.size()).as("commands acknowledged after the restart").isGreaterThan(atRestart);
      tracker.observe(Workload.serverId("r", 0), Status.OPERATIONAL, "r0-after");
      workload.acknowledged.add("r0-after");
      try (PostgresStatusStore reader = TestDatabase.store(schema).build()) {
        workload.assertKeptExactly(reader.eventsAfter(0));
        assertThat(reader.load()).isEqualTo(tracker.board());
      }
      System.out.printf("restart (%d ms%s): %d acknowledged before it, %d by its end, %d in all, %d failed; %s; failures: %s%n",
          restartMillis, output.isBlank() ? "" : ", " + output.strip(), before, atRestart, workload.acknowledged.size(),
          workload.failed.size(), store.statistics(), workload.failures.keySet());
    }
  }

  private static void ensureRunning() throws Exception {
    String clusters = run(List.of("pg_lsclusters", "-h"));
    if (clusters.lines().noneMatch(line -> line.matches("15\\s+main\\s+5432\\s+online.*"))) {
      run(List.of(PG_CTLCLUSTER.toString(), "--skip-systemctl-redirect", "15", "main", "start"));
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(command + " failed: " + output);
    }
    return output;
  }
}
