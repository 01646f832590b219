package io.statuskit.core.store.internal;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.JournalStatistics;
import io.statuskit.core.store.RecoveryReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable journal: recovery on open, a writer thread that group-commits appends (one write
 * and one fsync per batch), periodic snapshots on a second thread, and compaction of segments the
 * snapshots cover. Thread-safe.
 */
public final class Journal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  static final String LOCK_FILE = "statuskit.lock";
  private static final int RETAINED_SNAPSHOTS = 2;

  private final JournalConfig config;
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final RecoveryReport report;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
  private long nextSequence; // guarded by lock: the sequence the next append must have
  private boolean closed; // guarded by lock
  private @Nullable String broken; // guarded by lock: why appends are refused for good

  // owned by the writer thread (and by the constructor before it starts)
  private FileChannel active;
  private long activeFirst;
  private long activeSize;
  private long lastWrittenSequence;
  private @Nullable StatusBoard lastWrittenBoard;
  private boolean dirty;
  private long lastForceNanos;
  private long eventsSinceSnapshot;

  private final NavigableMap<Long, Path> segments; // guarded by itself
  private volatile StatusBoard kept;
  private volatile StatusBoard durable;

  private final Thread writer;
  private final ExecutorService snapshotter;
  private final AtomicReference<@Nullable StatusBoard> snapshotWanted = new AtomicReference<>();
  private final AtomicBoolean snapshotScheduled = new AtomicBoolean();
  private final Object snapshotLock = new Object();

  private final AtomicLong eventsWritten = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong forces = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final AtomicLong snapshotsWritten = new AtomicLong();
  private final AtomicLong snapshotFailures = new AtomicLong();
  private final AtomicLong segmentsDeleted = new AtomicLong();

  private static final class Pending {
    final StatusEvent event;
    final StatusBoard after;
    final ByteBuffer record;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(StatusEvent event, StatusBoard after, ByteBuffer record) {
      this.event = event;
      this.after = after;
      this.record = record;
    }
  }

  /**
   * Opens (creating if needed) and recovers a journal directory, and starts its threads.
   *
   * @throws StoreException if the directory is locked, unreadable or corrupt
   */
  public static Journal open(JournalConfig config) {
    return open(config, null);
  }

  /**
   * Opens a journal as {@link #open(JournalConfig)} does; with {@code initial}, first makes the
   * (empty) directory start from that board, as an import does, while holding the lock.
   *
   * @throws StoreException if the directory is locked, unreadable or corrupt
   * @throws IllegalStateException if {@code initial} is given and the directory holds a journal
   */
  public static Journal open(JournalConfig config, @Nullable StatusBoard initial) {
    Path dir = config.directory();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create journal directory " + dir + ": " + e, e);
    }
    FileChannel lockChannel;
    FileLock fileLock;
    Path lockPath = dir.resolve(LOCK_FILE);
    try {
      boolean created = !Files.exists(lockPath);
      lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (created) {
        Files2.fsyncDirectory(dir);
      }
    } catch (IOException e) {
      throw new StoreException("cannot open lock file " + lockPath + " (is the directory read-only?): " + e, e);
    }
    try {
      FileLock acquired;
      try {
        acquired = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        throw new StoreException(
            "journal directory " + dir + " is in use: a store in this JVM already has it open (" + lockPath
                + " is locked). Close that store first, or open a different directory.");
      }
      if (acquired == null) {
        String holder = readHolder(lockPath);
        throw new StoreException(
            "journal directory " + dir + " is in use by another process" + holder + ": it holds the lock on "
                + lockPath + ". Stop that process first, or open a different directory.");
      }
      fileLock = acquired;
      lockChannel.truncate(0);
      lockChannel.write(
          ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel);
      if (e instanceof StoreException) {
        throw (StoreException) e;
      }
      throw new StoreException("cannot lock journal directory " + dir + ": " + e, e);
    }
    try {
      if (initial != null) {
        if (!Recovery.list(dir, Recovery.SEGMENT).isEmpty() || !Recovery.list(dir, Recovery.SNAPSHOT).isEmpty()) {
          throw new IllegalStateException("directory: " + dir + " already holds a journal; import into an empty directory");
        }
        writeSnapshotFile(dir, config.opener(), initial);
      }
      return new Journal(config, lockChannel, fileLock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(lockChannel);
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new StoreException("cannot open journal " + dir + ": " + e, e);
    }
  }

  private static String readHolder(Path lockPath) {
    try {
      String text = Files.readString(lockPath, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? "" : " (" + text + ")";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private Journal(JournalConfig config, FileChannel lockChannel, FileLock fileLock) throws IOException {
    this.config = config;
    this.dir = config.directory();
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
    Recovery.Result recovered = new Recovery(config).run();
    this.report = recovered.report();
    this.segments = recovered.segments();
    StatusBoard board = recovered.board();
    this.kept = board;
    this.durable = board;
    this.nextSequence = board.version() + 1;
    this.lastWrittenSequence = board.version();
    Long activeFirstKey = recovered.activeFirst();
    if (activeFirstKey == null || recovered.activeLastEvent() != board.version()) {
      this.activeFirst = board.version() + 1;
      this.active = createSegment(activeFirst);
      this.activeSize = Format.HEADER_BYTES;
    } else {
      this.activeFirst = activeFirstKey;
      Path path = dir.resolve(Recovery.segmentName(activeFirst));
      this.active = config.opener().open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      this.activeSize = active.size();
      active.position(activeSize);
    }
    if (!report.isClean()) {
      log.warn("journal {} recovered to version {}: {}", dir, board.version(), report);
    } else {
      log.debug("journal {} opened at version {}: {}", dir, board.version(), report);
    }
    this.lastForceNanos = config.ticker().read();
    this.snapshotter = Executors.newSingleThreadExecutor(config.threadFactory());
    this.writer = config.threadFactory().newThread(this::writeLoop);
    writer.start();
  }

  /** What recovery found. */
  public RecoveryReport report() {
    return report;
  }

  /**
   * The board as of the last acknowledged event.
   *
   * @throws IllegalStateException if the journal is closed
   */
  public StatusBoard kept() {
    checkOpen();
    return kept;
  }

  /** The journal directory. */
  public Path directory() {
    return dir;
  }

  /** How many appends wait for the writer thread. */
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** The counters so far. */
  public JournalStatistics statistics() {
    return new JournalStatistics(
        eventsWritten.get(),
        batches.get(),
        forces.get(),
        bytesWritten.get(),
        failedBatches.get(),
        snapshotsWritten.get(),
        snapshotFailures.get(),
        segmentsDeleted.get());
  }

  // ---------------------------------------------------------------- appending

  /** Queues an event for the writer thread; see {@code StatusStore.append}. */
  /**
   * The durable events after {@code version}, read back from the segments.
   *
   * @throws StoreException if they are no longer in a segment or cannot be read
   */
  public List<StatusEvent> eventsAfter(long version) {
    checkOpen();
    long last = durable.version();
    if (version >= last) {
      return List.of();
    }
    NavigableMap<Long, Path> files;
    synchronized (segments) {
      files = new java.util.TreeMap<>(segments);
    }
    Map.Entry<Long, Path> start = files.floorEntry(version + 1);
    if (start == null) {
      throw new StoreException(
          "journal " + dir + ": events after " + version + " are no longer kept in a segment; load the board instead");
    }
    List<StatusEvent> events = new ArrayList<>();
    long expected = version + 1;
    try {
      for (Path file : files.tailMap(start.getKey(), true).values()) {
        byte[] bytes = Files.readAllBytes(file);
        int offset = Format.HEADER_BYTES;
        while (expected <= last && offset + Format.RECORD_HEADER_BYTES <= bytes.length) {
          int length = ByteBuffer.wrap(bytes, offset, 4).getInt();
          int end = offset + Format.RECORD_HEADER_BYTES + length;
          if (length < 0 || end > bytes.length) {
            break; // a record being written; durable ones never end here
          }
          StatusEvent event =
              StatusJson.readEvent(java.util.Arrays.copyOfRange(bytes, offset + Format.RECORD_HEADER_BYTES, end));
          if (event.sequence() == expected) {
            events.add(event);
            expected++;
          }
          offset = end;
        }
        if (expected > last) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new StoreException("journal " + dir + ": cannot read events after " + version + ": " + e, e);
    }
    if (expected <= last) {
      throw new StoreException(
          "journal " + dir + ": event " + expected + " is no longer kept in a segment; load the board instead");
    }
    return events;
  }

  public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    ByteBuffer record;
    try {
      record = Format.record(StatusJson.writeEvent(event));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new StoreException("cannot encode event " + event.sequence() + ": " + e, e));
    }
    Pending pending = new Pending(event, after, record);
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("store is closed: " + dir);
      }
      if (broken != null) {
        return CompletableFuture.failedFuture(new StoreException(broken));
      }
      if (event.sequence() < nextSequence) {
        return CompletableFuture.failedFuture(
            new io.statuskit.core.spi.StoreConflictException(event.sequence(), nextSequence - 1, "journal " + dir));
      }
      if (event.sequence() != nextSequence) {
        return CompletableFuture.failedFuture(
            new StoreException(
                "event.sequence must be " + nextSequence + " (the journal " + dir + " keeps events up to "
                    + (nextSequence - 1) + "), was " + event.sequence()));
      }
      nextSequence++;
      queue.addLast(pending);
      wake.signal();
    } finally {
      lock.unlock();
    }
    return pending.done;
  }

  private void writeLoop() {
    long intervalNanos = config.fsyncInterval().toNanos();
    while (true) {
      List<Pending> batch = new ArrayList<>();
      boolean stop = false;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          if (intervalNanos > 0 && dirty) {
            long wait = intervalNanos - (config.ticker().read() - lastForceNanos);
            if (wait <= 0) {
              break;
            }
            wake.awaitNanos(wait);
          } else {
            wake.await();
          }
        }
        batch.addAll(queue);
        queue.clear();
        stop = closed && batch.isEmpty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop = true;
      } finally {
        lock.unlock();
      }
      if (!batch.isEmpty()) {
        writeBatch(batch);
      }
      if (intervalNanos > 0 && dirty && (stop || config.ticker().read() - lastForceNanos >= intervalNanos)) {
        periodicForce();
      }
      if (stop) {
        return;
      }
    }
  }

  private void writeBatch(List<Pending> batch) {
    boolean sync = config.fsyncInterval().isZero();
    long start = activeSize;
    @Nullable Throwable failure = null;
    try {
      if (activeSize >= config.segmentBytes() && activeSize > Format.HEADER_BYTES) {
        rotate(batch.get(0).event.sequence());
        start = activeSize;
      }
      ByteBuffer[] buffers = new ByteBuffer[batch.size()];
      long bytes = 0;
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = batch.get(i).record.duplicate();
        bytes += buffers[i].remaining();
      }
      long written = 0;
      while (written < bytes) {
        written += active.write(buffers);
      }
      activeSize = start + bytes;
      if (sync) {
        active.force(false);
        forces.incrementAndGet();
        lastForceNanos = config.ticker().read();
      } else {
        dirty = true;
      }
      batches.incrementAndGet();
      eventsWritten.addAndGet(batch.size());
      bytesWritten.addAndGet(bytes);
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    if (failure != null) {
      failBatch(batch, start, failure);
      return;
    }
    Pending last = batch.get(batch.size() - 1);
    lastWrittenSequence = last.event.sequence();
    lastWrittenBoard = last.after;
    kept = last.after;
    if (sync) {
      durable = last.after;
    }
    for (Pending pending : batch) {
      pending.done.complete(null);
    }
    eventsSinceSnapshot += batch.size();
    if (sync) {
      maybeSnapshot();
    }
  }

  private void failBatch(List<Pending> batch, long start, Throwable failure) {
    failedBatches.incrementAndGet();
    String rollback = null;
    try {
      active.truncate(start);
      active.position(start);
      active.force(false);
      activeSize = start;
    } catch (IOException | RuntimeException e) {
      rollback = e.toString();
      failure.addSuppressed(e);
    }
    long firstFailed = batch.get(0).event.sequence();
    String message =
        "journal "
            + dir
            + " could not keep event"
            + (batch.size() == 1 ? " " + firstFailed : "s " + firstFailed + " to " + batch.get(batch.size() - 1).event.sequence())
            + " (segment "
            + Recovery.segmentName(activeFirst)
            + " at offset "
            + start
            + "): "
            + failure;
    List<Pending> alsoFailed = new ArrayList<>();
    lock.lock();
    try {
      nextSequence = lastWrittenSequence + 1;
      alsoFailed.addAll(queue);
      queue.clear();
      if (rollback != null) {
        broken = message + "; rolling back failed too (" + rollback + "), so the journal refuses further events until it is reopened";
      }
    } finally {
      lock.unlock();
    }
    log.error("{}{}", message, rollback == null ? "; rolled back to the last kept event " + lastWrittenSequence : "; rollback failed: " + rollback);
    StoreException error = new StoreException(message, failure);
    for (Pending pending : batch) {
      pending.done.completeExceptionally(error);
    }
    for (Pending pending : alsoFailed) {
      pending.done.completeExceptionally(
          new StoreException("journal " + dir + " did not keep event " + pending.event.sequence() + " because event " + firstFailed + " before it failed", failure));
    }
  }

  private void periodicForce() {
    try {
      active.force(false);
      forces.incrementAndGet();
      dirty = false;
      lastForceNanos = config.ticker().read();
      StatusBoard board = lastWrittenBoard;
      if (board != null) {
        durable = board;
      }
      maybeSnapshot();
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        broken = "journal " + dir + " could not fsync " + Recovery.segmentName(activeFirst) + ": " + e
            + "; events acknowledged since the last fsync may be lost on power failure, and the journal refuses further events until it is reopened";
      } finally {
        lock.unlock();
      }
      log.error("{}", broken, e);
    }
  }

  private void rotate(long firstSequence) throws IOException {
    if (dirty) {
      active.force(false);
      forces.incrementAndGet();
      dirty = false;
      StatusBoard board = lastWrittenBoard;
      if (board != null) {
        durable = board;
      }
    }
    FileChannel next = createSegment(firstSequence);
    FileChannel old = active;
    active = next;
    activeFirst = firstSequence;
    activeSize = Format.HEADER_BYTES;
    closeQuietly(old);
  }

  /** Creates a segment through a temporary file, so a crash never leaves a half-written header. */
  private FileChannel createSegment(long firstSequence) throws IOException {
    Path path = dir.resolve(Recovery.segmentName(firstSequence));
    Path tmp = dir.resolve(Recovery.segmentName(firstSequence) + ".tmp");
    try {
      try (FileChannel channel =
          config.opener().open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer header = Format.header(Format.SEGMENT_MAGIC, firstSequence);
        while (header.hasRemaining()) {
          channel.write(header);
        }
        channel.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
      Files2.fsyncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    FileChannel channel = config.opener().open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(Format.HEADER_BYTES);
    synchronized (segments) {
      segments.put(firstSequence, path);
    }
    return channel;
  }

  // ---------------------------------------------------------------- snapshots and compaction

  private void maybeSnapshot() {
    if (eventsSinceSnapshot < config.snapshotEvery()) {
      return;
    }
    eventsSinceSnapshot = 0;
    snapshotWanted.set(durable);
    if (snapshotScheduled.compareAndSet(false, true)) {
      try {
        snapshotter.execute(this::snapshotTask);
      } catch (RuntimeException e) {
        snapshotScheduled.set(false);
        log.warn("journal {}: could not schedule a snapshot", dir, e);
      }
    }
  }

  private void snapshotTask() {
    snapshotScheduled.set(false);
    StatusBoard board = snapshotWanted.getAndSet(null);
    if (board == null) {
      return;
    }
    try {
      snapshot(board);
    } catch (IOException | RuntimeException e) {
      snapshotFailures.incrementAndGet();
      log.warn("journal {}: could not write a snapshot at version {}; the segments still hold every event", dir, board.version(), e);
    }
  }

  /**
   * Writes a snapshot of the durable board now and compacts, on the calling thread.
   *
   * @return the version of the snapshot
   */
  public long snapshotNow() throws IOException {
    checkOpen();
    StatusBoard board = durable;
    snapshot(board);
    return board.version();
  }

  private void snapshot(StatusBoard board) throws IOException {
    synchronized (snapshotLock) {
      Path path = dir.resolve(Recovery.snapshotName(board.version()));
      if (!Files.exists(path)) {
        writeSnapshotFile(dir, config.opener(), board);
        snapshotsWritten.incrementAndGet();
        log.debug("journal {}: snapshot at version {}", dir, board.version());
      }
      compact();
    }
  }

  /** Writes a snapshot file through a temporary file and a rename, then fsyncs the directory. */
  private static void writeSnapshotFile(Path dir, ChannelOpener opener, StatusBoard board) throws IOException {
    Path path = dir.resolve(Recovery.snapshotName(board.version()));
    Path tmp = dir.resolve(Recovery.snapshotName(board.version()) + ".tmp");
    ByteBuffer record = Format.record(StatusJson.writeBoard(board));
    ByteBuffer header = Format.header(Format.SNAPSHOT_MAGIC, board.version());
    try {
      try (FileChannel channel =
          opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer[] buffers = {header, record};
        long total = header.remaining() + (long) record.remaining();
        long written = 0;
        while (written < total) {
          written += channel.write(buffers);
        }
        channel.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
      Files2.fsyncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Keeps the newest two snapshots and deletes the segments whose events the older of them
   * covers; the active segment is never deleted.
   */
  private void compact() throws IOException {
    NavigableMap<Long, Path> snapshots = Recovery.list(dir, Recovery.SNAPSHOT);
    if (snapshots.size() < RETAINED_SNAPSHOTS) {
      return;
    }
    List<Long> newest = new ArrayList<>(snapshots.descendingKeySet()).subList(0, RETAINED_SNAPSHOTS);
    long covered = newest.get(RETAINED_SNAPSHOTS - 1);
    boolean deleted = false;
    for (Map.Entry<Long, Path> snapshot : snapshots.headMap(covered, false).entrySet()) {
      Files.deleteIfExists(snapshot.getValue());
      deleted = true;
    }
    List<Path> doomed = new ArrayList<>();
    synchronized (segments) {
      List<Map.Entry<Long, Path>> entries = new ArrayList<>(segments.entrySet());
      for (int i = 0; i + 1 < entries.size(); i++) {
        long nextFirst = entries.get(i + 1).getKey();
        if (nextFirst - 1 <= covered) {
          doomed.add(entries.get(i).getValue());
          segments.remove(entries.get(i).getKey());
        }
      }
    }
    for (Path segment : doomed) {
      Files.deleteIfExists(segment);
      segmentsDeleted.incrementAndGet();
      deleted = true;
    }
    if (deleted) {
      Files2.fsyncDirectory(dir);
    }
  }

  /**
   * Whether the journal can keep events now: open, not given up after a failed write or fsync,
   * and its directory there and writable.
   *
   * @throws StoreException saying why not
   * @throws IllegalStateException if the journal is closed
   */
  public void ping() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("store is closed: " + dir);
      }
      if (broken != null) {
        throw new StoreException(broken);
      }
    } finally {
      lock.unlock();
    }
    if (!Files.isDirectory(dir)) {
      throw new StoreException("journal " + dir + ": the directory is gone");
    }
    if (!Files.isWritable(dir)) {
      throw new StoreException("journal " + dir + ": the directory is not writable");
    }
  }

  // ---------------------------------------------------------------- closing

  private void checkOpen() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("store is closed: " + dir);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes what is queued, stops the threads, and releases the files and the lock. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    try {
      writer.join();
    } catch (InterruptedException e) {
      interrupted = true;
    }
    snapshotter.shutdown();
    try {
      if (!snapshotter.awaitTermination(60, TimeUnit.SECONDS)) {
        log.warn("journal {}: a snapshot is still being written after 60 s; closing anyway", dir);
        snapshotter.shutdownNow();
      }
    } catch (InterruptedException e) {
      interrupted = true;
      snapshotter.shutdownNow();
    }
    closeQuietly(active);
    try {
      fileLock.release();
    } catch (IOException e) {
      log.debug("journal {}: releasing the lock failed", dir, e);
    }
    closeQuietly(lockChannel);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing a channel failed", e);
    }
  }
}
