package io.statuskit.store.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells followers when other writers may have kept events: one thread on a dedicated connection
 * that {@code LISTEN}s on the schema's channel and waits in {@link
 * PGConnection#getNotifications(int)}, ignoring the notices of its own store's commits. As a
 * fallback it also asks for the newest version every poll interval (a notice is lost while the
 * connection is down), and it tells followers once after every (re)connection, since something
 * may have been kept meanwhile. Started by the first follower. Thread-safe.
 */
public final class Listener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Listener.class);
  /** The longest wait in one call, so that closing never waits longer. */
  private static final long MAX_WAIT_MILLIS = 200;

  private final Connections connections;
  private final Sql sql;
  private final Settings settings;
  private final String ownPrefix;
  private final LongSupplier ownLastCommitted;
  private final CopyOnWriteArrayList<Runnable> followers = new CopyOnWriteArrayList<>();

  private volatile boolean closed;
  private @Nullable Thread thread; // guarded by this

  /** A listener on {@code sql}'s channel that ignores notices of {@code writer}'s commits. */
  public Listener(Connections connections, Sql sql, Settings settings, UUID writer, LongSupplier ownLastCommitted) {
    this.connections = connections;
    this.sql = sql;
    this.settings = settings;
    this.ownPrefix = writer + " ";
    this.ownLastCommitted = ownLastCommitted;
  }

  /** Adds a follower, starting the thread if it is the first; returns what removes it. */
  public Runnable add(Runnable follower) {
    followers.add(follower);
    synchronized (this) {
      if (closed) {
        followers.remove(follower);
        throw new IllegalStateException("store is closed: " + connections.target());
      }
      if (thread == null) {
        Thread started = settings.threadFactory().newThread(this::run);
        thread = started;
        started.start();
      }
    }
    return () -> followers.remove(follower);
  }

  private void run() {
    @Nullable Connection connection = null;
    long seen = 0;
    long nextPoll = 0;
    long backoff = 50;
    boolean failing = false;
    long pollNanos = settings.pollInterval().toNanos();
    int waitMillis = (int) Math.max(1, Math.min(MAX_WAIT_MILLIS, settings.pollInterval().toMillis()));
    while (!closed) {
      try {
        if (connection == null) {
          connection = connections.open("listener");
          connection.setAutoCommit(true);
          try (Statement statement = connection.createStatement()) {
            statement.execute(sql.listen());
          }
          seen = head(connection);
          nextPoll = settings.ticker().read() + pollNanos;
          if (failing) {
            log.info("PostgreSQL store ({}): listening again", connections.target());
          }
          failing = false;
          backoff = 50;
          tellFollowers(); // something may have been kept while nobody listened
        }
        PGNotification[] notices = connection.unwrap(PGConnection.class).getNotifications(waitMillis);
        boolean news = false;
        if (notices != null) {
          for (PGNotification notice : notices) {
            if (!notice.getParameter().startsWith(ownPrefix)) {
              news = true;
            }
          }
        }
        if (settings.ticker().read() - nextPoll >= 0) {
          long head = head(connection);
          if (head > Math.max(seen, ownLastCommitted.getAsLong())) {
            news = true;
          }
          seen = Math.max(seen, head);
          nextPoll = settings.ticker().read() + pollNanos;
        }
        if (news) {
          tellFollowers();
        }
      } catch (SQLException | RuntimeException e) {
        Connections.closeQuietly(connection);
        connection = null;
        if (closed) {
          break;
        }
        if (!failing) {
          log.warn("PostgreSQL store ({}): cannot listen for other writers ({}); retrying",
              connections.target(), e instanceof SQLException sqlException ? Errors.describe(sqlException) : e.toString());
          failing = true;
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, Math.max(50, settings.pollInterval().toMillis()));
      }
    }
    Connections.closeQuietly(connection);
  }

  private long head(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.head())) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void tellFollowers() {
    for (Runnable follower : followers) {
      try {
        follower.run();
      } catch (RuntimeException e) {
        log.warn("follower {} failed", follower, e);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread (within about 200 ms) and closes its connection. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closed = true;
      running = thread;
    }
    followers.clear();
    if (running != null) {
      boolean interrupted = false;
      while (running.isAlive()) {
        try {
          running.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
