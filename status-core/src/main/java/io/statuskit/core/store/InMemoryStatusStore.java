package io.statuskit.core.store;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A store that keeps events in memory only: for tests and short-lived tools. Nothing survives
 * the JVM. Thread-safe.
 */
public final class InMemoryStatusStore implements StatusStore {
  private final List<StatusEvent> events = new ArrayList<>();
  private boolean closed;

  /** An empty store. */
  public InMemoryStatusStore() {}

  @Override
  public synchronized StatusBoard load() {
    checkOpen();
    StatusBoard board = StatusBoard.empty();
    for (StatusEvent event : events) {
      board = board.apply(event);
    }
    return board;
  }

  @Override
  public synchronized CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    checkOpen();
    long expected = events.isEmpty() ? 1 : events.get(events.size() - 1).sequence() + 1;
    if (event.sequence() != expected) {
      return CompletableFuture.failedFuture(
          new StoreException("event.sequence must be " + expected + ", was " + event.sequence()));
    }
    events.add(event);
    return CompletableFuture.completedFuture(null);
  }

  /** The events kept so far, in order. */
  public synchronized ImmutableList<StatusEvent> events() {
    return ImmutableList.copyOf(events);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }
}
