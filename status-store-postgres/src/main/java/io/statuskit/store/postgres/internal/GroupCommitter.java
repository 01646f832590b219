package io.statuskit.store.postgres.internal;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's writer: appends queue here without blocking, and one thread takes everything
 * queued (up to the batch limits) into one transaction: one statement (the shared turn lock, a
 * conditional insert of the whole batch, a {@code pg_notify}) and one commit (one WAL flush): two
 * round trips per batch. Each append's stage completes after that
 * commit, in sequence order.
 *
 * <p>A batch that fails (a conflict, a refused gap, a database that is down) fails its stages
 * and every stage queued behind it, since those follow an event that was not kept. When the
 * connection breaks during a batch, the outcome is in doubt: the writer reconnects and reads
 * back whether the batch's sequences are there and written by this store. Kept: the stages
 * complete. Absent: the batch is inserted again. Kept by another writer: a conflict. When the
 * database does not answer within the in-doubt timeout, the stages fail saying the outcome is
 * unknown, and the writer reads it back (and logs it) as soon as it reconnects. Nothing is
 * guessed.
 *
 * <p>Fairness. Optimistic appends let a busy writer starve another: the loser of a race must
 * read what the winner kept before it can try again, while the winner's next batch is already
 * on its way. So every batch takes a shared advisory lock (the "turn" lock) in its statement,
 * and a writer whose batch lost a race takes that lock exclusively (session-level) until its
 * next batch commits, or for at most {@value #TURN_MILLIS} ms if none comes: the others' batches
 * wait that long, and the loser's retry goes in first. Thread-safe.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
  private static final long MAX_BACKOFF_MILLIS = 1000;
  /** How long a writer that lost a race keeps the turn waiting for its retry. */
  static final long TURN_MILLIS = 250;

  /** Told after each committed batch, on the writer thread. */
  @FunctionalInterface
  public interface Committed {
    /** Events {@code first} to {@code last} were committed; {@code after} is the board after the last. */
    void committed(long first, long last, StatusBoard after);
  }

  private static final class Pending {
    final StatusEvent event;
    final StatusBoard after;
    final String json;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(StatusEvent event, StatusBoard after, String json) {
      this.event = event;
      this.after = after;
      this.json = json;
    }

    long sequence() {
      return event.sequence();
    }
  }

  /** What reading back a batch's sequences found. */
  private record ReadBack(int ours, int others, long head) {}

  /**
   * The crash test's hook (status-store-postgres's {@code KilledNodeTest}): with the system
   * property {@code statuskit.postgres.test.pauseInBatch=n}, the n-th batch this process inserts
   * stops inside its open transaction, after the insert and before the commit, writes "first last"
   * to the file named by {@code statuskit.postgres.test.pauseMarker}, and waits there to be
   * killed. 0 (off) unless set.
   */
  private static final long PAUSE_IN_BATCH = Long.getLong("statuskit.postgres.test.pauseInBatch", 0);

  private long batchesInserted; // writer thread only; counted only with the crash test's hook

  private final Connections connections;
  private final Sql sql;
  private final Settings settings;
  private final UUID writer;
  private final Counters counters;
  private final Committed committed;
  private final AtomicLong lastCommitted = new AtomicLong();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
  private long lastQueued; // guarded by lock: sequence of the newest append in flight, 0 when none
  private boolean failing; // guarded by lock: a batch failed and its first stage has not failed yet
  private long failedChainEnd; // guarded by lock: while failing, the newest append that failed with it
  private boolean closed; // guarded by lock

  // owned by the writer thread
  private @Nullable Connection connection;
  private int opened;
  private boolean holdingTurn;
  private long turnUntil;
  private @Nullable String unresolved; // a range whose outcome is still unknown, "6 to 9"
  private long unresolvedFirst;
  private long unresolvedLast;

  private final Thread thread;

  /** A writer for {@code sql}'s schema; starts its thread. */
  public GroupCommitter(
      Connections connections, Sql sql, Settings settings, UUID writer, Counters counters, Committed committed) {
    this.connections = connections;
    this.sql = sql;
    this.settings = settings;
    this.writer = writer;
    this.counters = counters;
    this.committed = committed;
    this.thread = settings.threadFactory().newThread(this::run);
    thread.start();
  }

  /** The newest sequence this writer committed (0: none yet). */
  public long lastCommitted() {
    return lastCommitted.get();
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

  /**
   * Queues an event; see {@code StatusStore.append}.
   *
   * @throws IllegalStateException if the store is closed
   */
  public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    String json;
    try {
      json = new String(StatusJson.writeEvent(event), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new StoreException("cannot encode event " + event.sequence() + ": " + e, e));
    }
    Pending pending = new Pending(event, after, json);
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("store is closed: " + connections.target());
      }
      if (failing && event.sequence() == failedChainEnd + 1) {
        // Most likely appended by a caller not yet told that the event before it failed: it
        // follows a board the store does not keep. As a conflict, a tracker catches up and
        // retries it (also in the unlikely case that it had caught up to exactly this version).
        return CompletableFuture.failedFuture(
            new StoreConflictException(
                event.sequence(), failedChainEnd, connections.target() + " (it follows event " + failedChainEnd
                    + ", which was not kept)"));
      }
      if (lastQueued != 0 && event.sequence() != lastQueued + 1) {
        return CompletableFuture.failedFuture(
            new StoreException(
                prefix() + ": event.sequence must be " + (lastQueued + 1) + " (it follows the appends in flight), was "
                    + event.sequence()));
      }
      lastQueued = event.sequence();
      queue.addLast(pending);
      wake.signal();
    } finally {
      lock.unlock();
    }
    return pending.done;
  }

  private String prefix() {
    return "PostgreSQL store (" + connections.target() + ")";
  }

  // ---------------------------------------------------------------- the writer thread

  private void run() {
    try {
      while (true) {
        List<Pending> batch = take();
        if (batch == null) {
          return;
        }
        if (batch.isEmpty()) {
          releaseTurn(); // no retry came within the turn
          continue;
        }
        commit(batch);
      }
    } finally {
      Connections.closeQuietly(connection);
      connection = null;
    }
  }

  /**
   * Waits for appends and takes the next batch; empty when a held turn ran out first, null when
   * closed and drained.
   */
  private @Nullable List<Pending> take() {
    List<Pending> batch = new ArrayList<>();
    lock.lock();
    try {
      while (queue.isEmpty() && !closed) {
        if (holdingTurn) {
          long wait = turnUntil - settings.ticker().read();
          if (wait <= 0) {
            return batch;
          }
          try {
            wake.awaitNanos(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return batch;
          }
        } else {
          wake.awaitUninterruptibly();
        }
      }
      if (queue.isEmpty()) {
        return null;
      }
      long bytes = 0;
      while (!queue.isEmpty() && batch.size() < settings.maxBatchEvents()) {
        Pending next = queue.peekFirst();
        if (!batch.isEmpty() && bytes + next.json.length() > settings.maxBatchBytes()) {
          break;
        }
        bytes += next.json.length();
        batch.add(queue.pollFirst());
      }
    } finally {
      lock.unlock();
    }
    return batch;
  }

  /** After losing a race: makes the other writers wait until this one's retry is in. */
  private void takeTurn() {
    Connection c = connection;
    if (c == null || holdingTurn) {
      return;
    }
    try (Statement statement = c.createStatement()) {
      statement.execute(sql.takeTurn());
      c.commit();
      holdingTurn = true;
      turnUntil = settings.ticker().read() + TimeUnit.MILLISECONDS.toNanos(TURN_MILLIS);
    } catch (SQLException e) {
      Connections.rollbackQuietly(c);
      log.debug("{}: could not take the turn after a lost race", prefix(), e);
    }
  }

  private void releaseTurn() {
    if (!holdingTurn) {
      return;
    }
    holdingTurn = false;
    Connection c = connection;
    if (c == null) {
      return; // the session, and its lock, are gone
    }
    try (Statement statement = c.createStatement()) {
      statement.execute(sql.releaseTurn());
      c.commit();
    } catch (SQLException e) {
      Connections.rollbackQuietly(c);
      Connections.closeQuietly(c); // closing the session releases the lock for sure
      connection = null;
      log.debug("{}: could not release the turn; reconnecting", prefix(), e);
    }
  }

  private void commit(List<Pending> batch) {
    StoreException failure = keep(batch);
    if (failure instanceof StoreConflictException) {
      takeTurn();
    } else {
      releaseTurn();
    }
    if (failure == null) {
      Pending last = batch.get(batch.size() - 1);
      lastCommitted.set(last.sequence());
      counters.transactions.incrementAndGet();
      counters.eventsKept.addAndGet(batch.size());
      lock.lock();
      try {
        if (lastQueued == last.sequence()) {
          lastQueued = 0; // nothing in flight: the next append may follow any version
        }
      } finally {
        lock.unlock();
      }
      for (Pending pending : batch) {
        pending.done.complete(null);
      }
      try {
        committed.committed(batch.get(0).sequence(), last.sequence(), last.after);
      } catch (RuntimeException e) {
        log.warn("{}: after-commit work failed", prefix(), e);
      }
      return;
    }
    counters.failedBatches.incrementAndGet();
    if (failure instanceof StoreConflictException) {
      counters.conflicts.incrementAndGet();
    }
    List<Pending> behind = new ArrayList<>();
    lock.lock();
    try {
      failing = true;
      failedChainEnd = lastQueued;
      behind.addAll(queue);
      queue.clear();
      lastQueued = 0;
    } finally {
      lock.unlock();
    }
    // A tracker appends only while none of its stages has failed; it learns of the failure when
    // the first stage fails (its callback runs right here). Until then an append continues the
    // failed chain and is refused (see append); after it, appends come from the rolled-back board.
    try {
      batch.get(0).done.completeExceptionally(failure);
    } finally {
      lock.lock();
      try {
        failing = false;
      } finally {
        lock.unlock();
      }
    }
    long firstFailed = batch.get(0).sequence();
    for (Pending pending : batch.subList(1, batch.size())) {
      pending.done.completeExceptionally(following(pending, firstFailed, failure));
    }
    for (Pending pending : behind) {
      pending.done.completeExceptionally(following(pending, firstFailed, failure));
    }
  }

  /** The failure of an event queued behind a failed one: a conflict if that was one. */
  private StoreException following(Pending pending, long firstFailed, StoreException failure) {
    if (failure instanceof StoreConflictException conflict) {
      return new StoreConflictException(
          pending.sequence(), conflict.kept(), connections.target() + " (it follows event " + firstFailed
              + ", which another writer kept first)");
    }
    return new StoreException(
        prefix() + ": did not keep event " + pending.sequence() + " because event " + firstFailed + " before it failed: "
            + failure.getMessage(), failure);
  }

  /** Keeps a batch; null when committed, else why not. */
  private @Nullable StoreException keep(List<Pending> batch) {
    long first = batch.get(0).sequence();
    long last = batch.get(batch.size() - 1).sequence();
    boolean inDoubt = false;
    long deadline = 0;
    long backoff = 20;
    @Nullable SQLException lost = null;
    while (true) {
      Connection c = connection;
      if (c == null) {
        try {
          c = openWriter();
        } catch (SQLException e) {
          if (!inDoubt) {
            return new StoreException(
                prefix() + ": cannot connect to keep " + range(first, last) + "; not kept: " + Errors.describe(e)
                    + ". The store reconnects by itself once the database answers.", e);
          }
          if (settings.ticker().read() - deadline >= 0) {
            return inDoubtFailure(first, last, lost, e);
          }
          sleep(backoff);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
          continue;
        }
      }
      try {
        if (inDoubt) {
          ReadBack found = readBack(c, first, last);
          c.commit();
          if (found.ours() == batch.size()) {
            counters.inDoubtKept.incrementAndGet();
            log.info("{}: {} were kept before the connection broke (read back after reconnecting)", prefix(), range(first, last));
            return null;
          }
          if (found.ours() > 0 || found.others() > 0) {
            if (found.ours() > 0) {
              return new StoreException(prefix() + ": found only part of " + range(first, last) + " after reconnecting: "
                  + found + "; the events table was changed by hand?");
            }
            return new StoreConflictException(first, found.head(), connections.target());
          }
          log.info("{}: {} were not kept before the connection broke (read back after reconnecting); keeping them now",
              prefix(), range(first, last));
          inDoubt = false;
        }
        int inserted = insert(c, batch, first, last);
        if (inserted != batch.size()) {
          c.rollback();
          long head = head(c);
          c.commit();
          if (head >= first) {
            return new StoreConflictException(first, head, connections.target());
          }
          return new StoreException(
              prefix() + ": refused event " + first + ": event.sequence must be " + (head + 1) + " (the store keeps events up to "
                  + head + "), was " + first);
        }
        if (PAUSE_IN_BATCH > 0) {
          pauseForCrashTest(first, last);
        }
        c.commit();
        return null;
      } catch (SQLException e) {
        if (Errors.isUniqueViolation(e)) {
          Connections.rollbackQuietly(c);
          return new StoreConflictException(first, headAfterConflict(c, first), connections.target());
        }
        if (Errors.connectionLost(e, c)) {
          Connections.closeQuietly(c);
          connection = null;
          holdingTurn = false; // the session's lock went with it
          if (!inDoubt) {
            inDoubt = true;
            if (lost == null) { // the deadline counts from the first break, however many follow
              lost = e;
              counters.inDoubt.incrementAndGet();
              deadline = settings.ticker().read() + settings.inDoubtTimeout().toNanos();
            }
            log.warn("{}: the connection broke while keeping {} ({}); reading back whether they were kept",
                prefix(), range(first, last), Errors.describe(e));
          } else if (settings.ticker().read() - deadline >= 0) {
            return inDoubtFailure(first, last, lost, e);
          } else {
            sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
          }
          continue;
        }
        Connections.rollbackQuietly(c);
        return new StoreException(prefix() + ": could not keep " + range(first, last) + "; not kept: " + Errors.describe(e), e);
      }
    }
  }

  /** See {@link #PAUSE_IN_BATCH}. */
  private void pauseForCrashTest(long first, long last) {
    if (++batchesInserted != PAUSE_IN_BATCH) {
      return;
    }
    String marker = System.getProperty("statuskit.postgres.test.pauseMarker");
    if (marker != null) {
      try {
        Path temporary = Path.of(marker + ".tmp");
        Files.writeString(temporary, first + " " + last);
        Files.move(temporary, Path.of(marker), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        log.warn("{}: cannot write the crash test's marker {}", prefix(), marker, e);
      }
    }
    log.warn("{}: paused inside the transaction of {} for a crash test", prefix(), range(first, last));
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private StoreException inDoubtFailure(long first, long last, @Nullable SQLException lost, SQLException latest) {
    unresolved = range(first, last);
    unresolvedFirst = first;
    unresolvedLast = last;
    StoreException failure =
        new StoreException(
            prefix() + ": lost the connection while keeping " + range(first, last) + " ("
                + (lost == null ? "" : Errors.describe(lost)) + ") and the database has not answered for "
                + format(settings.inDoubtTimeout()) + " (" + Errors.describe(latest) + "), so whether they were kept is unknown."
                + " Nothing is guessed: if they were kept, a tracker finds them when it catches up; the store reads them back"
                + " as soon as it reconnects.", latest);
    log.error("{}", failure.getMessage());
    return failure;
  }

  private static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static String range(long first, long last) {
    return first == last ? "event " + first : "events " + first + " to " + last;
  }

  private Connection openWriter() throws SQLException {
    Connection c = connections.open("writer");
    try {
      c.setAutoCommit(false);
      if (opened++ > 0) {
        counters.reconnects.incrementAndGet();
      }
      String doubt = unresolved;
      if (doubt != null) {
        ReadBack found = readBack(c, unresolvedFirst, unresolvedLast);
        c.commit();
        log.warn("{}: {}, whose outcome was unknown, {}", prefix(), doubt,
            found.ours() > 0 ? "were kept after all" : "were not kept");
        unresolved = null;
      }
    } catch (SQLException e) {
      Connections.closeQuietly(c);
      throw e;
    }
    connection = c;
    return c;
  }

  /**
   * The batch's one statement: waits while a writer that lost a race holds the turn, inserts,
   * notifies; returns how many events it inserted (all or none).
   */
  private int insert(Connection c, List<Pending> batch, long first, long last) throws SQLException {
    Long[] sequences = new Long[batch.size()];
    String[] documents = new String[batch.size()];
    for (int i = 0; i < sequences.length; i++) {
      sequences[i] = batch.get(i).sequence();
      documents[i] = batch.get(i).json;
    }
    Array sequenceArray = c.createArrayOf("bigint", sequences);
    Array documentArray = c.createArrayOf("text", documents);
    try (PreparedStatement keep = c.prepareStatement(sql.keepBatch())) {
      keep.setString(1, writer.toString());
      keep.setArray(2, sequenceArray);
      keep.setArray(3, documentArray);
      keep.setLong(4, first - 1);
      keep.setString(5, sql.channel);
      keep.setString(6, writer + " " + last);
      try (ResultSet rows = keep.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } finally {
      sequenceArray.free();
      documentArray.free();
    }
  }

  private ReadBack readBack(Connection c, long first, long last) throws SQLException {
    int ours = 0;
    int others = 0;
    try (PreparedStatement read = c.prepareStatement(sql.readBack())) {
      read.setString(1, writer.toString());
      read.setLong(2, first);
      read.setLong(3, last);
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          if (rows.getBoolean(2)) {
            ours++;
          } else {
            others++;
          }
        }
      }
    }
    return new ReadBack(ours, others, head(c));
  }

  private long head(Connection c) throws SQLException {
    try (Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql.head())) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private long headAfterConflict(Connection c, long first) {
    try {
      long head = head(c);
      c.commit();
      return Math.max(head, first);
    } catch (SQLException e) {
      Connections.rollbackQuietly(c);
      return first;
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Keeps what is queued, stops the thread and closes the connection. */
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
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
