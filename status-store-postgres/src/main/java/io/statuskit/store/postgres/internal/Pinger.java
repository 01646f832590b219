package io.statuskit.store.postgres.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import io.statuskit.core.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The store's readiness check: {@code SELECT 1} on a connection of its own, with a short network
 * timeout, its outcome (either way) kept for a moment so that frequent probes cost no more than
 * one query a second. A kept connection that fails is replaced by a new one at once, once. Thread-safe (one check at a
 * time; a caller arriving meanwhile waits for it and gets its outcome).
 */
public final class Pinger implements AutoCloseable {
  private final Connections connections;
  private final Ticker ticker;
  private final long cacheNanos;
  private final int timeoutMillis;

  private @Nullable Connection connection; // guarded by this
  private long checkedAt; // guarded by this
  private boolean checked; // guarded by this
  private @Nullable String failure; // guarded by this: why the last check failed, or null

  /**
   * A pinger.
   *
   * @param cacheFor how long an outcome is kept
   * @param timeout the longest a query may take (its socket's timeout)
   */
  public Pinger(Connections connections, Ticker ticker, Duration cacheFor, Duration timeout) {
    this.connections = requireNonNull(connections, "connections");
    this.ticker = requireNonNull(ticker, "ticker");
    this.cacheNanos = cacheFor.toNanos();
    this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
  }

  /**
   * Checks that the database answers, or answers from a check made within the cache time.
   *
   * @throws StoreException saying why it does not
   */
  public synchronized void ping() {
    long now = ticker.read();
    if (!checked || now - checkedAt >= cacheNanos) {
      failure = check();
      checkedAt = ticker.read();
      checked = true;
    }
    String why = failure;
    if (why != null) {
      throw new StoreException(why);
    }
  }

  private @Nullable String check() {
    boolean reused = connection != null;
    try {
      query();
      return null;
    } catch (SQLException | RuntimeException e) {
      Connections.closeQuietly(connection);
      connection = null;
      if (reused) {
        // A connection that sat idle may have been cut (a restarted database, a terminated
        // backend, a proxy's idle timeout) while the database answers: try a new one once.
        return check();
      }
      return "PostgreSQL store (" + connections.target() + ") does not answer: " + e.getMessage();
    }
  }

  private void query() throws SQLException {
    Connection open = connection;
    if (open == null) {
      open = connections.open("health");
      connection = open;
      open.setNetworkTimeout(Runnable::run, timeoutMillis);
    }
    try (Statement statement = open.createStatement()) {
      statement.setQueryTimeout(Math.max(1, (timeoutMillis + 999) / 1000));
      statement.execute("SELECT 1");
    }
  }

  /** Closes the connection. */
  @Override
  public synchronized void close() {
    Connections.closeQuietly(connection);
    connection = null;
  }
}
