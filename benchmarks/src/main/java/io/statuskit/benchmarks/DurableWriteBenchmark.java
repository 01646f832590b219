package io.statuskit.benchmarks;

import com.google.common.util.concurrent.MoreExecutors;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatistics;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.json.StatusJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
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
 * Durable commands per second: status observations into a {@link StatusTracker} on a {@link
 * JournalStatusStore} (fsync before acknowledging, the default) from 1, 4 and 16 writer threads,
 * against the floor every journal is measured by: one {@code fdatasync} per command, a bare
 * {@link FileChannel} loop appending records of the journal's size (length, CRC32C, payload)
 * and forcing each to disk before the next. The journal's group-commit factor (events per
 * fsync) and bytes per event are printed at the end of each trial.
 *
 * <p>Files go to {@code -Dstatuskit.bench.dir} (default: the JVM's temp directory); on tmpfs an
 * fsync costs nothing and the figures mean nothing, so point it at a real disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class DurableWriteBenchmark {
  /**
   * Payload bytes of one record; 0 means the size of the statuskit/1 JSON of a status
   * observation, as the journal would write it.
   */
  @Param({"0"})
  public int recordBytes;

  private Path dir = Path.of(".");
  @SuppressWarnings("NullAway.Init") // opened in setUp
  private FileChannel channel;
  private ByteBuffer record = ByteBuffer.allocate(0);

  @SuppressWarnings("NullAway.Init") // set in setUp
  private StatusTracker tracker;
  @SuppressWarnings("NullAway.Init")
  private JournalStatusStore journal;
  private final AtomicInteger next = new AtomicInteger();
  private String[] ids = new String[0];

  /** Opens a fresh floor file and a fresh journal with 100 servers on it. */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory(Path.of(System.getProperty("statuskit.bench.dir", System.getProperty("java.io.tmpdir"))), "statuskit-fsync");
    channel = FileChannel.open(dir.resolve("floor.log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    byte[] payload = recordBytes > 0 ? filler(recordBytes) : observationJson();
    System.err.println("fsync floor: records of " + payload.length + " payload bytes + 8 bytes framing");
    CRC32C crc = new CRC32C();
    crc.update(payload);
    record = ByteBuffer.allocate(8 + payload.length);
    record.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
    journal = JournalStatusStore.open(dir.resolve("journal"));
    tracker =
        StatusTracker.builder()
            .store(journal)
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

  /** Closes and deletes the file. */
  @TearDown
  public void tearDown() throws IOException {
    JournalStatistics stats = journal.statistics();
    tracker.close();
    if (stats.eventsWritten() > ids.length) {
      System.err.printf(Locale.ROOT, "journal: %d events, %d fsyncs (%.1f events per fsync), %.0f bytes per event%n",
          stats.eventsWritten(), stats.forces(), (double) stats.eventsWritten() / Math.max(1, stats.forces()),
          (double) stats.bytesWritten() / stats.eventsWritten());
    }
    channel.close();
    deleteTree(dir);
  }

  private static byte[] filler(int size) {
    byte[] payload = new byte[size];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) ('a' + i % 26);
    }
    return payload;
  }

  /** The JSON of a typical observation event: a server going down with a short detail. */
  static byte[] observationJson() {
    return StatusJson.writeEvent(
        new StatusEvent.StatusObserved(
            123_456, Fixtures.END, Fixtures.serverId(42), Status.MAJOR_OUTAGE, "connect timed out after 5 s"));
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The floor: append one record and fdatasync it, one command at a time. */
  @Benchmark
  @Threads(1)
  public long fsyncPerCommand() throws IOException {
    ByteBuffer buffer = record.duplicate();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
    return channel.position();
  }

  private Status observe() {
    int n = next.getAndIncrement();
    return tracker.observe(ids[Math.floorMod(n, ids.length)], Status.OPERATIONAL, "connect ok in 3 ms");
  }

  /** The journal, one writer: each command waits for its own fsync. */
  @Benchmark
  @Threads(1)
  public Status journal1() {
    return observe();
  }

  /** The journal, four writers sharing fsyncs. */
  @Benchmark
  @Threads(4)
  public Status journal4() {
    return observe();
  }

  /** The journal, sixteen writers sharing fsyncs. */
  @Benchmark
  @Threads(16)
  public Status journal16() {
    return observe();
  }
}
