package io.statuskit.store.postgres.internal;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Reads for callers' threads ({@code load}, {@code eventsAfter}), each in a read-only REPEATABLE
 * READ transaction so that a snapshot and the events after it are one consistent view even while
 * another node compacts. Keeps a few idle connections; a read that finds its connection broken
 * (a restarted database) is tried once more on a fresh one, since reading twice changes nothing.
 * Thread-safe.
 */
public final class Readers implements AutoCloseable {
  private static final int MAX_IDLE = 2;
  private static final int FETCH_SIZE = 1000;

  private final Connections connections;
  private final Sql sql;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>(); // guarded by itself
  private boolean closed; // guarded by idle

  /** Reads of {@code sql}'s schema through {@code connections}. */
  public Readers(Connections connections, Sql sql) {
    this.connections = connections;
    this.sql = sql;
  }

  /** Work on a connection inside a read-only transaction. */
  @FunctionalInterface
  interface Read<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * The board: the newest snapshot, then every event after it.
   *
   * @throws StoreException if the database cannot be read or holds something that does not decode
   */
  public StatusBoard load() {
    return read("cannot load the board", connection -> {
      StatusBoard board = StatusBoard.empty();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql.newestSnapshot())) {
        if (rows.next()) {
          long version = rows.getLong(1);
          board = decodeBoard(version, rows.getString(2));
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(sql.eventsAfter())) {
        statement.setFetchSize(FETCH_SIZE);
        statement.setLong(1, board.version());
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            long sequence = rows.getLong(1);
            if (sequence != board.version() + 1) {
              throw new StoreException(
                  "PostgreSQL store (" + connections.target() + "): event " + (board.version() + 1)
                      + " is missing (the next kept one is " + sequence + "); the events table was changed by hand?");
            }
            board = board.apply(decodeEvent(sequence, rows.getString(2)));
          }
        }
      }
      return board;
    });
  }

  /**
   * The kept events after {@code version}, in order.
   *
   * @throws StoreException if they cannot be read, or some were compacted into a snapshot
   */
  public ImmutableList<StatusEvent> eventsAfter(long version) {
    return read("cannot read the events after version " + version, connection -> {
      long head = head(connection);
      if (head <= version) {
        return ImmutableList.of();
      }
      ImmutableList.Builder<StatusEvent> events = ImmutableList.builder();
      long expected = version + 1;
      try (PreparedStatement statement = connection.prepareStatement(sql.eventsAfter())) {
        statement.setFetchSize(FETCH_SIZE);
        statement.setLong(1, version);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            long sequence = rows.getLong(1);
            if (sequence != expected) {
              throw new StoreException(
                  "PostgreSQL store (" + connections.target() + "): the events after version " + version
                      + " are no longer kept (compacted into a snapshot; the oldest kept is " + sequence
                      + "); load the board instead");
            }
            events.add(decodeEvent(sequence, rows.getString(2)));
            expected++;
          }
        }
      }
      if (expected <= head) {
        throw new StoreException(
            "PostgreSQL store (" + connections.target() + "): the events after version " + version
                + " are no longer kept (compacted into a snapshot at version " + head + "); load the board instead");
      }
      return events.build();
    });
  }

  /** The newest kept version (event or snapshot). */
  public long head() {
    return read("cannot read the newest version", this::head);
  }

  long head(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.head())) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private StatusBoard decodeBoard(long version, String json) {
    try {
      StatusBoard board = StatusJson.readBoard(json.getBytes(StandardCharsets.UTF_8));
      if (board.version() != version) {
        throw new StoreException("the document is of version " + board.version());
      }
      return board;
    } catch (RuntimeException e) {
      throw new StoreException(
          "PostgreSQL store (" + connections.target() + "): snapshot " + version + " does not decode: " + e.getMessage(), e);
    }
  }

  private StatusEvent decodeEvent(long sequence, String json) {
    try {
      StatusEvent event = StatusJson.readEvent(json.getBytes(StandardCharsets.UTF_8));
      if (event.sequence() != sequence) {
        throw new StoreException("the document has sequence " + event.sequence());
      }
      return event;
    } catch (RuntimeException e) {
      throw new StoreException(
          "PostgreSQL store (" + connections.target() + "): event " + sequence + " does not decode: " + e.getMessage(), e);
    }
  }

  <T> T read(String what, Read<T> work) {
    for (int attempt = 1; ; attempt++) {
      Connection connection;
      try {
        connection = borrow();
      } catch (SQLException e) {
        throw unavailable(what, e);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        giveBack(connection);
        return result;
      } catch (SQLException e) {
        boolean lost = Errors.connectionLost(e, connection);
        Connections.closeQuietly(connection);
        if (lost && attempt == 1) {
          continue; // an idle connection that the database dropped (a restart): once more, on a new one
        }
        throw unavailable(what, e);
      } catch (RuntimeException e) {
        Connections.rollbackQuietly(connection);
        giveBack(connection);
        throw e;
      }
    }
  }

  private StoreException unavailable(String what, SQLException e) {
    return new StoreException(
        "PostgreSQL store (" + connections.target() + "): " + what + ": " + Errors.describe(e)
            + "; the store reconnects by itself once the database answers", e);
  }

  private Connection borrow() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new IllegalStateException("store is closed: " + connections.target());
      }
      Connection connection = idle.pollFirst();
      if (connection != null) {
        return connection;
      }
    }
    Connection connection = connections.open("reader");
    try {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    } catch (SQLException e) {
      Connections.closeQuietly(connection);
      throw e;
    }
    return connection;
  }

  private void giveBack(Connection connection) {
    @Nullable Connection surplus = connection;
    synchronized (idle) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.addFirst(connection);
        surplus = null;
      }
    }
    Connections.closeQuietly(surplus);
  }

  /** Closes the idle connections; reads after this fail. */
  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      for (Connection connection : idle) {
        Connections.closeQuietly(connection);
      }
      idle.clear();
    }
  }
}
