package io.statuskit.benchmarks;

import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.store.postgres.PostgresStatusStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time from a command committed on node A to its event delivered to a listener of node B, on one
 * PostgreSQL schema: two stores with their own connections (LISTEN/NOTIFY, and the default poll
 * as the fallback) and two trackers, in one JVM. One operation is one command on A, acknowledged
 * once committed, then a wait until B's listener has the event; the sample-time distribution is
 * that whole time (A's commit included). The part after A's acknowledgement alone (B learning of
 * the event, reading it and delivering it) is recorded per operation and printed at the end of
 * each iteration as percentiles.
 *
 * <p>PostgreSQL: {@code -Dstatuskit.bench.pgUrl} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); the trial's schema is dropped at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PostgresFollowBenchmark {
  private static final String URL =
      System.getProperty("statuskit.bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private String schema = "";

  @SuppressWarnings("NullAway.Init") // set in setUp
  private StatusTracker nodeA;

  private @Nullable StatusTracker nodeB;
  private volatile long seenOnB;
  private String[] ids = new String[0];
  private int next;
  private long[] follow = new long[1 << 20];
  private int samples;

  /** Two nodes on a new schema, 100 servers added through A and seen by B. */
  @Setup(Level.Trial)
  public void setUp() {
    byte[] random = new byte[5];
    new SecureRandom().nextBytes(random);
    schema = "statuskit_bench_" + HexFormat.of().formatHex(random);
    nodeA = StatusTracker.builder().store(PostgresStatusStore.builder().url(URL).schema(schema).build()).build();
    List<Server> servers = Fixtures.servers(100);
    ids = new String[servers.size()];
    for (int i = 0; i < ids.length; i++) {
      nodeA.addServer(servers.get(i));
      ids[i] = servers.get(i).id();
    }
    StatusTracker b = StatusTracker.builder().store(PostgresStatusStore.builder().url(URL).schema(schema).build()).build();
    nodeB = b;
    seenOnB = b.board().version();
    b.subscribe((event, board) -> seenOnB = event.sequence());
  }

  /** Starts an iteration's follow-only samples. */
  @Setup(Level.Iteration)
  public void startIteration() {
    samples = 0;
  }

  /** Prints the iteration's follow-only percentiles (after A acknowledged). */
  @TearDown(Level.Iteration)
  public void printIteration() {
    long[] sorted = Arrays.copyOf(follow, samples);
    Arrays.sort(sorted);
    if (sorted.length > 0) {
      System.err.printf(Locale.ROOT, "%nfollow after A's acknowledgement: %d samples, p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us%n",
          sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e3);
    }
  }

  private static double at(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e3;
  }

  /** Closes both nodes and drops the schema. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    nodeA.close();
    StatusTracker b = nodeB;
    if (b != null) {
      b.close();
    }
    try (Connection connection = DriverManager.getConnection(URL); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** One command on A, until B's listener has its event. */
  @Benchmark
  public long commitOnAThenSeenOnB() {
    int n = next++;
    Status status = (n / ids.length) % 2 == 0 ? Status.DEGRADED_PERFORMANCE : Status.OPERATIONAL;
    long before = nodeA.board().version();
    nodeA.observe(ids[n % ids.length], status, "check " + n);
    long version = nodeA.board().version();
    if (version <= before) {
      throw new IllegalStateException("the command made no event (version " + version + ")");
    }
    long acknowledged = System.nanoTime();
    long deadline = acknowledged + Duration.ofSeconds(10).toNanos();
    while (seenOnB < version) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node B did not see version " + version + " within 10 s (it has " + seenOnB + ")");
      }
      LockSupport.parkNanos(20_000);
    }
    if (samples < follow.length) {
      follow[samples++] = System.nanoTime() - acknowledged;
    }
    return version;
  }
}
