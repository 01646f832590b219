package io.statuskit.benchmarks;

import com.google.common.util.concurrent.MoreExecutors;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.JournalStatistics;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.store.postgres.PostgresStatusStore;
import io.statuskit.store.postgres.PostgresStoreStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable commands per second from 16 writer threads on one tracker: on the PostgreSQL store
 * with group commit (the default), on the same store with one commit per command ({@code
 * maxBatchEvents(1)}: the usual JDBC way, one transaction per insert), and on the journal (fsync
 * before acknowledging). The group-commit factor (events per transaction or per fsync) is printed
 * at the end of each trial.
 *
 * <p>PostgreSQL: {@code -Dstatuskit.bench.pgUrl} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); each trial makes a schema of its own and
 * drops it. The journal writes to {@code -Dstatuskit.bench.dir} (default: the temp directory;
 * on tmpfs an fsync costs nothing, so point it at the disk PostgreSQL uses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PostgresWriteBenchmark {
  /** Which store: {@code postgres}, {@code postgresCommitPerCommand} or {@code journal}. */
  @Param({"postgres", "postgresCommitPerCommand", "journal"})
  public String store = "postgres";

  private static final String URL =
      System.getProperty("statuskit.bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  @SuppressWarnings("NullAway.Init") // set in setUp
  private StatusTracker tracker;
  private @Nullable PostgresStatusStore postgres;
  private @Nullable JournalStatusStore journal;
  private @Nullable Path dir;
  private String schema = "";
  private String[] ids = new String[0];
  private final AtomicInteger next = new AtomicInteger();

  /** Opens the store and a tracker with 100 servers on it. */
  @Setup
  public void setUp() throws IOException {
    StatusStore opened;
    switch (store) {
      case "postgres", "postgresCommitPerCommand" -> {
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        schema = "statuskit_bench_" + HexFormat.of().formatHex(random);
        PostgresStatusStore.Builder builder = PostgresStatusStore.builder().url(URL).schema(schema);
        if (store.equals("postgresCommitPerCommand")) {
          builder.maxBatchEvents(1);
        }
        postgres = builder.build();
        opened = postgres;
      }
      case "journal" -> {
        Path base = Path.of(System.getProperty("statuskit.bench.dir", System.getProperty("java.io.tmpdir")));
        dir = Files.createTempDirectory(base, "statuskit-pg-bench");
        journal = JournalStatusStore.open(dir.resolve("journal"));
        opened = journal;
      }
      default -> throw new IllegalArgumentException("store must be postgres, postgresCommitPerCommand or journal: " + store);
    }
    tracker =
        StatusTracker.builder()
            .store(opened)
            .clock(new TickingClock(Fixtures.END))
            .listenerExecutor(MoreExecutors.directExecutor())
            .build();
    List<Server> servers = Fixtures.servers(100);
    ids = new String[servers.size()];
    for (int i = 0; i < ids.length; i++) {
      tracker.addServer(servers.get(i));
      ids[i] = servers.get(i).id();
    }
  }

  /** Prints the group-commit factor, closes the store and removes what it wrote. */
  @TearDown
  public void tearDown() throws IOException, SQLException {
    PostgresStatusStore pg = postgres;
    JournalStatusStore jn = journal;
    if (pg != null) {
      PostgresStoreStatistics stats = pg.statistics();
      System.err.printf(Locale.ROOT, "%s: %d events, %d transactions (%.1f events per commit), %d conflicts%n",
          store, stats.eventsKept(), stats.transactions(), (double) stats.eventsKept() / Math.max(1, stats.transactions()),
          stats.conflicts());
    }
    if (jn != null) {
      JournalStatistics stats = jn.statistics();
      System.err.printf(Locale.ROOT, "journal: %d events, %d fsyncs (%.1f events per fsync)%n",
          stats.eventsWritten(), stats.forces(), (double) stats.eventsWritten() / Math.max(1, stats.forces()));
    }
    tracker.close();
    if (pg != null) {
      try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    Path written = dir;
    if (written != null) {
      DurableWriteBenchmark.deleteTree(written);
    }
  }

  /** Sixteen writers, each command acknowledged once durable. */
  @Benchmark
  @Threads(16)
  public Status observe16() {
    int n = next.getAndIncrement();
    return tracker.observe(ids[Math.floorMod(n, ids.length)], Status.OPERATIONAL, "connect ok in 3 ms");
  }
}
