package io.statuskit.store.postgres.internal;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.json.StatusJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots with the journal's retention rule: every {@code snapshotEvery} versions the writer
 * whose batch crossed the multiple hands the board after it to this store's snapshot thread,
 * which inserts it (a second node writing the same version does nothing), keeps the newest two
 * snapshots, and deletes older snapshots and the events the older retained snapshot covers. Under
 * a transaction-scoped advisory lock, so two nodes never compact at once. Thread-safe.
 */
public final class Snapshots implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

  private final Connections connections;
  private final Sql sql;
  private final Settings settings;
  private final Counters counters;
  private final ExecutorService executor;
  private final AtomicReference<@Nullable StatusBoard> wanted = new AtomicReference<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** Snapshots of {@code sql}'s schema. */
  public Snapshots(Connections connections, Sql sql, Settings settings, Counters counters) {
    this.connections = connections;
    this.sql = sql;
    this.settings = settings;
    this.counters = counters;
    this.executor = Executors.newSingleThreadExecutor(settings.threadFactory());
  }

  /** After a commit of events {@code first} to {@code last}: schedules a snapshot if they crossed a multiple. */
  public void committed(long first, long last, StatusBoard after) {
    long every = settings.snapshotEvery();
    if (last / every == (first - 1) / every) {
      return;
    }
    wanted.set(after);
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::task);
      } catch (RuntimeException e) {
        scheduled.set(false);
      }
    }
  }

  private void task() {
    scheduled.set(false);
    StatusBoard board = wanted.getAndSet(null);
    if (board == null) {
      return;
    }
    try {
      write(board);
    } catch (SQLException | RuntimeException e) {
      log.warn("PostgreSQL store ({}): could not write a snapshot at version {}; the events table still holds every event",
          connections.target(), board.version(), e);
    }
  }

  /**
   * Writes a snapshot of {@code board} and compacts, on the calling thread.
   *
   * @throws SQLException if the database refuses
   */
  public void write(StatusBoard board) throws SQLException {
    String json = new String(StatusJson.writeBoard(board), StandardCharsets.UTF_8);
    try (Connection connection = connections.open("snapshot")) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.advisoryLock(Sql.LOCK_SNAPSHOT));
        try (PreparedStatement insert = connection.prepareStatement(sql.insertSnapshot())) {
          insert.setLong(1, board.version());
          insert.setString(2, json);
          if (insert.executeUpdate() > 0) {
            counters.snapshots.incrementAndGet();
          }
        }
        Long covered = null;
        try (ResultSet rows = statement.executeQuery(sql.olderRetainedSnapshot())) {
          if (rows.next()) {
            covered = rows.getLong(1);
          }
        }
        if (covered != null) {
          int snapshots;
          int events;
          try (PreparedStatement delete = connection.prepareStatement(sql.deleteSnapshotsBefore())) {
            delete.setLong(1, covered);
            snapshots = delete.executeUpdate();
          }
          try (PreparedStatement delete = connection.prepareStatement(sql.deleteEventsUpTo())) {
            delete.setLong(1, covered);
            events = delete.executeUpdate();
          }
          log.debug("PostgreSQL store ({}): snapshot at {}; deleted {} snapshots and {} events up to {}",
              connections.target(), board.version(), snapshots, events, covered);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Connections.rollbackQuietly(connection);
        throw e;
      }
    }
  }

  /**
   * Keeps {@code board} as a snapshot if the store holds nothing yet, in one transaction that
   * holds the turn lock exclusively, so no batch can be kept between the check and the insert.
   *
   * @return the newest kept version found, 0 when the board was imported
   * @throws SQLException if the database refuses
   */
  public long importBoard(StatusBoard board) throws SQLException {
    String json = new String(StatusJson.writeBoard(board), StandardCharsets.UTF_8);
    try (Connection connection = connections.open("import")) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql.advisoryLock(Sql.LOCK_TURN));
        long head;
        try (ResultSet rows = statement.executeQuery(sql.head())) {
          rows.next();
          head = rows.getLong(1);
        }
        if (head == 0) {
          try (PreparedStatement insert = connection.prepareStatement(sql.insertSnapshot())) {
            insert.setLong(1, board.version());
            insert.setString(2, json);
            insert.executeUpdate();
          }
          counters.snapshots.incrementAndGet();
        }
        connection.commit();
        return head;
      } catch (SQLException | RuntimeException e) {
        Connections.rollbackQuietly(connection);
        throw e;
      }
    }
  }

  /** Lets a running snapshot finish and stops the thread. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
