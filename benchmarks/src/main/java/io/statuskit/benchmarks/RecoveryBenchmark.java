package io.statuskit.benchmarks;

import com.google.common.util.concurrent.MoreExecutors;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.core.store.RecoveryReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up time of a {@link JournalStatusStore} holding {@code records} events (status
 * observations of 100 servers, a change of status every tenth): opening and loading the board
 * from the journal alone (every event replayed), and from a snapshot taken after the last event.
 * The journals are written once per trial (with a relaxed fsync interval, to build them
 * quickly) into {@code -Dstatuskit.bench.dir} or the temp directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class RecoveryBenchmark {
  /** Events in the journal. */
  @Param({"1000000"})
  public int records;

  private Path dir = Path.of(".");
  private Path plain = Path.of(".");
  private Path snapshotted = Path.of(".");

  /** Writes the journal, copies it and gives the copy a snapshot. */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory(Path.of(System.getProperty("statuskit.bench.dir", System.getProperty("java.io.tmpdir"))), "statuskit-recovery");
    plain = dir.resolve("plain");
    snapshotted = dir.resolve("snapshotted");
    long t0 = System.nanoTime();
    JournalStatusStore.Options fast =
        JournalStatusStore.options().fsyncInterval(Duration.ofSeconds(1)).snapshotEvery(Integer.MAX_VALUE).build();
    try (StatusTracker tracker =
        StatusTracker.builder()
            .store(JournalStatusStore.open(plain, fast))
            .clock(new TickingClock(Fixtures.END))
            .listenerExecutor(MoreExecutors.directExecutor())
            .build()) {
      List<Server> servers = Fixtures.servers(100);
      servers.forEach(tracker::addServer);
      for (int i = servers.size(); i < records; i++) {
        int round = i / servers.size();
        Status status = round % 10 == 9 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL;
        tracker.observe(servers.get(i % servers.size()).id(), status, "probe round " + round);
      }
    }
    copyTree(plain, snapshotted);
    try (JournalStatusStore store = JournalStatusStore.open(snapshotted, fast)) {
      store.load();
      store.snapshot();
    }
    System.err.printf(Locale.ROOT, "recovery: wrote %d events in %.1f s; journal %d MB%n",
        records, (System.nanoTime() - t0) / 1e9, size(plain) >> 20);
  }

  /** Deletes the journals. */
  @TearDown
  public void tearDown() throws IOException {
    DurableWriteBenchmark.deleteTree(dir);
  }

  private static StatusBoard open(Path directory, int expected) {
    try (JournalStatusStore store = JournalStatusStore.open(directory)) {
      StatusBoard board = store.load();
      RecoveryReport report = store.recoveryReport();
      if (board.version() != expected) {
        throw new IllegalStateException("recovered version " + board.version() + ", expected " + expected + ": " + report);
      }
      return board;
    }
  }

  /** Open and load, replaying every event. */
  @Benchmark
  public StatusBoard withoutSnapshot() {
    return open(plain, records);
  }

  /** Open and load from the snapshot. */
  @Benchmark
  public StatusBoard withSnapshot() {
    return open(snapshotted, records);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().endsWith(".lock")) {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static long size(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
    }
  }
}
