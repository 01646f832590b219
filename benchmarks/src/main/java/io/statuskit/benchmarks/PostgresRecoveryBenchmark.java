package io.statuskit.benchmarks;

import com.google.common.util.concurrent.MoreExecutors;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.store.postgres.PostgresStatusStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of a node on a PostgreSQL database that holds {@code records} events: a new {@link
 * PostgresStatusStore} (connection, schema check) and a {@link StatusTracker} on it, up to the
 * loaded board. The database is written once per trial by 16 writer threads (status observations
 * of 100 servers, a change of status every tenth round), with automatic snapshots off so that
 * every event stays in the table; a snapshot is taken {@code tail} events before the end, so the
 * node loads the snapshot and replays the last {@code tail} events (10,000 is the default {@code
 * snapshotEvery}: the most a node replays with default settings).
 *
 * <p>PostgreSQL: {@code -Dstatuskit.bench.pgUrl} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); the trial's schema is dropped at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES) // the first iteration includes writing the table
public class PostgresRecoveryBenchmark {
  /** Events in the table. */
  @Param({"1000000"})
  public int records;

  /** Events after the snapshot, replayed at start-up. */
  @Param({"0", "10000"})
  public int tail;

  private static final String URL =
      System.getProperty("statuskit.bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private String schema = "";
  private @Nullable StatusTracker started;

  /** Writes the events and the snapshot. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    byte[] random = new byte[5];
    new SecureRandom().nextBytes(random);
    schema = "statuskit_bench_" + HexFormat.of().formatHex(random);
    long t0 = System.nanoTime();
    try (PostgresStatusStore store =
            PostgresStatusStore.builder().url(URL).schema(schema).snapshotEvery(Integer.MAX_VALUE).build();
        StatusTracker tracker =
            StatusTracker.builder()
                .store(store)
                .clock(new TickingClock(Fixtures.END))
                .listenerExecutor(MoreExecutors.directExecutor())
                .build()) {
      List<Server> servers = Fixtures.servers(100);
      servers.forEach(tracker::addServer);
      write(tracker, servers, records - tail);
      store.snapshot();
      write(tracker, servers, records);
      if (tracker.board().version() != records) {
        throw new IllegalStateException("wrote version " + tracker.board().version() + ", expected " + records);
      }
    }
    try (Connection connection = DriverManager.getConnection(URL);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT (SELECT count(*) FROM " + schema + ".events), pg_size_pretty(pg_total_relation_size('" + schema + ".events'))")) {
      rows.next();
      System.err.printf(Locale.ROOT, "recovery: wrote %d events in %.1f s; table holds %d events, %s%n",
          records, (System.nanoTime() - t0) / 1e9, rows.getLong(1), rows.getString(2));
    }
  }

  /** Sixteen writers until the board reaches {@code version}. */
  private static void write(StatusTracker tracker, List<Server> servers, int version) throws InterruptedException {
    AtomicInteger next = new AtomicInteger((int) tracker.board().version());
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      Thread writer = new Thread(() -> {
        for (int i = next.getAndIncrement(); i < version; i = next.getAndIncrement()) {
          int round = i / servers.size();
          Status status = round % 10 == 9 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL;
          tracker.observe(servers.get(i % servers.size()).id(), status, "probe round " + round);
        }
      });
      writer.start();
      writers.add(writer);
    }
    for (Thread writer : writers) {
      writer.join();
    }
  }

  /** Closes the node the last invocation started. */
  @TearDown(Level.Invocation)
  public void stopNode() {
    StatusTracker tracker = started;
    started = null;
    if (tracker != null) {
      tracker.close();
    }
  }

  /** Drops the trial's schema. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** A node starts: store, tracker, board loaded. */
  @Benchmark
  public long startNode() {
    long t0 = System.nanoTime();
    PostgresStatusStore store = PostgresStatusStore.builder().url(URL).schema(schema).build();
    long t1 = System.nanoTime();
    StatusTracker tracker = StatusTracker.builder().store(store).build();
    started = tracker;
    System.err.printf(Locale.ROOT, "%nstore open %.0f ms, tracker (board loaded) %.0f ms%n", (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
    long version = tracker.board().version();
    if (version != records) {
      throw new IllegalStateException("loaded version " + version + ", expected " + records);
    }
    return version;
  }
}
