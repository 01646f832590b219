package io.statuskit.core.store;

import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.spi.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that keeps events in memory only: for tests and short-lived tools. Nothing survives
 * the JVM.
 *
 * <p>{@link #share()} gives another store on the same events, as a second node gets another
 * connection to one shared database: two trackers, one on each, race for each version, and each
 * is told of ({@link #follow}) and reads ({@link #eventsAfter}) what the other kept. That makes
 * the multi-writer behaviour of the tracker testable without a database.
 *
 * <p>Thread-safe.
 */
public final class InMemoryStatusStore implements StatusStore {
  private static final Logger log = LoggerFactory.getLogger(InMemoryStatusStore.class);
  /** How long a writer that lost a race has the next turn. */
  private static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Log shared;
  private boolean closed; // guarded by this

  /** An empty store. */
  public InMemoryStatusStore() {
    this(new Log());
  }

  private InMemoryStatusStore(Log shared) {
    this.shared = shared;
  }

  /**
   * Another store on the same events, with its own lifecycle: what one keeps, the other reads,
   * and each is told when the other appends.
   */
  public InMemoryStatusStore share() {
    return new InMemoryStatusStore(shared);
  }

  @Override
  public StatusBoard load() {
    checkOpen();
    StatusBoard board = StatusBoard.empty();
    for (StatusEvent event : shared.events()) {
      board = board.apply(event);
    }
    return board;
  }

  @Override
  public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    checkOpen();
    synchronized (shared) {
      // Fairness: a writer that just lost a race gets the next turn (for at most TURN_NANOS), so a
      // busy writer cannot starve another into giving up, as the PostgreSQL store does with a lock.
      long waitUntil = shared.ticker.read() + TURN_NANOS;
      while (shared.owedTo != null && shared.owedTo != this && shared.ticker.read() - shared.owedUntil < 0) {
        long left = Math.min(shared.owedUntil, waitUntil) - shared.ticker.read();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(shared, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      long kept = shared.events.size();
      if (event.sequence() <= kept) {
        shared.owedTo = this;
        shared.owedUntil = shared.ticker.read() + TURN_NANOS;
        return CompletableFuture.failedFuture(new StoreConflictException(event.sequence(), kept, "the in-memory store"));
      }
      if (shared.owedTo == this) {
        shared.owedTo = null;
        shared.notifyAll();
      }
      if (event.sequence() != kept + 1) {
        return CompletableFuture.failedFuture(
            new StoreException("event.sequence must be " + (kept + 1) + ", was " + event.sequence()));
      }
      shared.events.add(event);
    }
    for (Follower follower : shared.followers) {
      if (follower.store != this) {
        try {
          follower.listener.run();
        } catch (RuntimeException e) {
          log.warn("follower {} failed", follower.listener, e);
        }
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public List<StatusEvent> eventsAfter(long version) {
    checkOpen();
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    synchronized (shared) {
      int from = (int) Math.min(version, shared.events.size());
      return ImmutableList.copyOf(shared.events.subList(from, shared.events.size()));
    }
  }

  @Override
  public io.statuskit.core.Subscription follow(Runnable listener) {
    checkOpen();
    Follower follower = new Follower(this, listener);
    shared.followers.add(follower);
    return () -> shared.followers.remove(follower);
  }

  /** The events kept so far, in order. */
  public ImmutableList<StatusEvent> events() {
    return shared.events();
  }

  /**
   * Answers at once: memory cannot fail to keep an event.
   *
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public void ping() {
    checkOpen();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    shared.followers.removeIf(follower -> follower.store == this);
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }

  private record Follower(InMemoryStatusStore store, Runnable listener) {}

  /** The events and followers that shared stores have in common. */
  private static final class Log {
    final List<StatusEvent> events = new ArrayList<>(); // guarded by this
    final CopyOnWriteArrayList<Follower> followers = new CopyOnWriteArrayList<>();
    @Nullable InMemoryStatusStore owedTo; // guarded by this: the writer whose turn it is
    /** Times the turns; Guava's system ticker, as the journal's options default to. */
    final Ticker ticker = Ticker.systemTicker();
    long owedUntil; // guarded by this: the ticker's reading when that turn ends

    synchronized ImmutableList<StatusEvent> events() {
      return ImmutableList.copyOf(events);
    }
  }
}
