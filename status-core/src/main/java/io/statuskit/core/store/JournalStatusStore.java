package io.statuskit.core.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.internal.ChannelOpener;
import io.statuskit.core.store.internal.Journal;
import io.statuskit.core.store.internal.JournalConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The durable default {@link StatusStore}: an append-only journal of checksummed records in a
 * directory of its own, with periodic snapshots, so every acknowledged change survives a crash
 * and start-up time does not grow with history. No server to install. The format, durability,
 * recovery and locking are described in {@code docs/storage.md}.
 *
 * <pre>{@code
 * try (StatusTracker tracker = StatusTracker.builder()
 *     .store(JournalStatusStore.open(Path.of("/var/lib/status")))
 *     .build()) {
 *   tracker.observe("NC027", Status.MAJOR_OUTAGE);   // returns once the event is on disk
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Durability.</b> {@link #append} completes only after the record is written and the
 *       segment fsync'd ({@code FileChannel.force}); directories are fsync'd when files are created,
 *       renamed or deleted. Concurrent appends are written and fsync'd together by the store's
 *       writer thread (group commit). {@link Options.Builder#fsyncInterval} trades this for speed.
 *   <li><b>Recovery.</b> Opening cuts a torn last record (a crash mid-append) and reports it in
 *       {@link #recoveryReport()}; a corrupt record elsewhere makes opening fail with the file and
 *       offset, unless {@link Options.Builder#truncateAtCorruption} allows keeping what precedes it.
 *   <li><b>Locking.</b> One store per directory: a second process (or a second store in this JVM)
 *       is refused with a {@link StoreException} naming the lock file.
 *   <li><b>Failure.</b> When a write or fsync fails (disk full, read-only) the append fails, the
 *       partial write is cut off, and only an event following the last kept one is accepted next.
 * </ul>
 *
 * <p>Thread-safe. It owns a writer thread and a snapshot thread; {@link #close()} stops them
 * after writing what was already queued.
 */
public final class JournalStatusStore implements StatusStore {
  private final Journal journal;

  private JournalStatusStore(Journal journal) {
    this.journal = journal;
  }

  /**
   * Opens (and creates if needed) the journal in {@code directory} with default options.
   *
   * @throws StoreException if the directory is locked by another store, cannot be created or read,
   *     or holds a corrupt record (the message names the file and offset)
   */
  public static JournalStatusStore open(Path directory) {
    return open(directory, Options.defaults());
  }

  /**
   * Opens (and creates if needed) the journal in {@code directory}.
   *
   * @throws StoreException if the directory is locked by another store, cannot be created or read,
   *     or holds a corrupt record that the options do not allow cutting
   */
  public static JournalStatusStore open(Path directory, Options options) {
    return open(directory, options, ChannelOpener.DEFAULT);
  }

  /** Opens with a channel opener of the test's choice (a failing disk, say). */
  static JournalStatusStore open(Path directory, Options options, ChannelOpener opener) {
    return new JournalStatusStore(Journal.open(config(directory, options, opener)));
  }

  private static JournalConfig config(Path directory, Options options, ChannelOpener opener) {
    requireNonNull(directory, "directory");
    requireNonNull(options, "options");
    return new JournalConfig(
            directory.toAbsolutePath(),
            options.segmentBytes(),
            options.snapshotEvery(),
            options.fsyncInterval(),
            options.truncateAtCorruption(),
            options.threadFactory(),
            options.ticker(),
            opener);
  }

  /** A builder of options, starting from the defaults. */
  public static Options.Builder options() {
    return new Options.Builder();
  }

  /**
   * Creates a journal in {@code directory} holding the board of a {@link StatusJson} board
   * document (a backup made by {@link #exportTo} or {@link StatusJson#exportBoard}), and opens it.
   * The next event continues from the board's version.
   *
   * @throws IllegalStateException if the directory already holds a journal
   * @throws io.statuskit.core.json.StatusJsonException if the document is not a valid board
   * @throws IOException if reading {@code in} fails
   */
  public static JournalStatusStore importFrom(InputStream in, Path directory, Options options) throws IOException {
    StatusBoard board = StatusJson.readBoard(requireNonNull(in, "in"));
    return new JournalStatusStore(Journal.open(config(directory, options, ChannelOpener.DEFAULT), board));
  }

  @Override
  public StatusBoard load() {
    return journal.kept();
  }

  @Override
  public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    requireNonNull(event, "event");
    requireNonNull(after, "after");
    return journal.append(event, after);
  }

  /**
   * The kept events after {@code version}, read back from the segments. A journal has one writer
   * (its directory lock), so a tracker needs this only after it lost track of its own events; the
   * events before the oldest segment are gone once a snapshot made them unnecessary.
   *
   * @throws StoreException if the events after {@code version} are no longer in a segment, or a
   *     segment cannot be read
   */
  @Override
  public List<StatusEvent> eventsAfter(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    return journal.eventsAfter(version);
  }

  /**
   * Checks that the journal can keep events now: it has not given up after a failed write or
   * fsync (then it refuses events until reopened), and its directory is there and writable.
   *
   * @throws StoreException saying why not
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public void ping() {
    journal.ping();
  }

  /** What opening found and did: snapshot used, events replayed, torn tail or corruption cut. */
  public RecoveryReport recoveryReport() {
    return journal.report();
  }

  /** Counters since the store opened: events, batches, fsyncs, snapshots. */
  public JournalStatistics statistics() {
    return journal.statistics();
  }

  /** How many appends wait for the writer thread; for tests of group commit. */
  int queuedAppends() {
    return journal.queued();
  }

  /** The journal directory, absolute. */
  public Path directory() {
    return journal.directory();
  }

  /**
   * Writes the board as of the last kept event to {@code out} as an indented {@link StatusJson}
   * board document: a backup that {@link #importFrom} or {@link StatusJson#readBoard} reads.
   *
   * @throws IOException if {@code out} fails
   */
  public void exportTo(OutputStream out) throws IOException {
    StatusJson.exportBoard(journal.kept(), requireNonNull(out, "out"));
  }

  /**
   * Writes a snapshot of the durable board now and deletes what the retained snapshots make
   * unnecessary, on the calling thread. The store also does this by itself every {@link
   * Options#snapshotEvery()} events.
   *
   * @return the board version of the snapshot
   * @throws UncheckedIOException if the snapshot cannot be written
   */
  public long snapshot() {
    try {
      return journal.snapshotNow();
    } catch (IOException e) {
      throw new UncheckedIOException("journal " + directory() + ": cannot write a snapshot: " + e, e);
    }
  }

  /** Writes what is queued, stops the store's threads and releases the directory lock. */
  @Override
  public void close() {
    journal.close();
  }

  @Override
  public String toString() {
    return "JournalStatusStore{" + directory() + "}";
  }

  /**
   * How a {@link JournalStatusStore} writes and recovers. Immutable and thread-safe; make one with
   * {@link JournalStatusStore#options()}.
   */
  public static final class Options {
    private static final Options DEFAULTS = new Builder().build();

    private final long segmentBytes;
    private final int snapshotEvery;
    private final Duration fsyncInterval;
    private final boolean truncateAtCorruption;
    private final ThreadFactory threadFactory;
    private final Ticker ticker;

    private Options(Builder builder) {
      this.segmentBytes = builder.segmentBytes;
      this.snapshotEvery = builder.snapshotEvery;
      this.fsyncInterval = builder.fsyncInterval;
      this.truncateAtCorruption = builder.truncateAtCorruption;
      this.threadFactory = builder.threadFactory != null ? builder.threadFactory : defaultThreads();
      this.ticker = builder.ticker;
    }

    private static ThreadFactory defaultThreads() {
      return new ThreadFactoryBuilder().setNameFormat("statuskit-journal-%d").setDaemon(true).build();
    }

    /** The defaults: 16 MiB segments, a snapshot every 10,000 events, fsync before every acknowledgement. */
    public static Options defaults() {
      return DEFAULTS;
    }

    /** Size after which the writer starts a new segment file. */
    public long segmentBytes() {
      return segmentBytes;
    }

    /** Events between automatic snapshots. */
    public int snapshotEvery() {
      return snapshotEvery;
    }

    /** Zero (the default): fsync before acknowledging; positive: acknowledge once written, fsync this often. */
    public Duration fsyncInterval() {
      return fsyncInterval;
    }

    /** Whether opening may cut at a corrupt record (keeping what precedes it) instead of failing. */
    public boolean truncateAtCorruption() {
      return truncateAtCorruption;
    }

    /** Makes the store's writer and snapshot threads. */
    public ThreadFactory threadFactory() {
      return threadFactory;
    }

    /** Measures the fsync interval. */
    public Ticker ticker() {
      return ticker;
    }

    /** Builds {@link Options}; not thread-safe. */
    public static final class Builder {
      private long segmentBytes = 16L << 20;
      private int snapshotEvery = 10_000;
      private Duration fsyncInterval = Duration.ZERO;
      private boolean truncateAtCorruption;
      private @Nullable ThreadFactory threadFactory;
      private Ticker ticker = Ticker.systemTicker();

      private Builder() {}

      /** Size after which a new segment starts: 4 KiB to 1 GiB, default 16 MiB. */
      public Builder segmentBytes(long bytes) {
        this.segmentBytes = bytes;
        return this;
      }

      /**
       * Events between automatic snapshots, default 10,000. Start-up reads the newest snapshot and
       * replays at most about this many events after it.
       */
      public Builder snapshotEvery(int events) {
        this.snapshotEvery = events;
        return this;
      }

      /**
       * The durability knob. {@link Duration#ZERO} (the default): an append completes only after
       * its record is fsync'd. A positive interval: an append completes once its record is written
       * to the operating system, which survives a crash of the JVM but not of the machine, and the
       * writer fsyncs at most this often; up to this much acknowledged work can be lost on power
       * failure or kernel crash.
       */
      public Builder fsyncInterval(Duration interval) {
        this.fsyncInterval = requireNonNull(interval, "fsyncInterval");
        return this;
      }

      /**
       * Whether opening a journal with a corrupt record keeps everything before it, moves the rest
       * into {@code .corrupt} files beside the journal and reports the cut in {@link
       * RecoveryReport}, instead of failing (the default). Use it after reading the failure message
       * and deciding the rest is lost; a newer format version is never cut.
       */
      public Builder truncateAtCorruption(boolean truncate) {
        this.truncateAtCorruption = truncate;
        return this;
      }

      /** Makes the writer and snapshot threads; default: daemon threads named statuskit-journal-N. */
      public Builder threadFactory(ThreadFactory factory) {
        this.threadFactory = requireNonNull(factory, "threadFactory");
        return this;
      }

      /** Measures the fsync interval; default {@link Ticker#systemTicker()}. */
      public Builder ticker(Ticker ticker) {
        this.ticker = requireNonNull(ticker, "ticker");
        return this;
      }

      /**
       * Builds the options.
       *
       * @throws IllegalArgumentException naming the option whose value is out of range
       */
      public Options build() {
        checkArgument(
            segmentBytes >= 4096 && segmentBytes <= (1L << 30),
            "segmentBytes must be 4096 to 1073741824: %s",
            segmentBytes);
        checkArgument(snapshotEvery > 0, "snapshotEvery must be positive: %s", snapshotEvery);
        checkArgument(!fsyncInterval.isNegative(), "fsyncInterval must not be negative: %s", fsyncInterval);
        return new Options(this);
      }
    }
  }
}
