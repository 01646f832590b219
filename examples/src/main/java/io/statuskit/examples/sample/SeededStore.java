package io.statuskit.examples.sample;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.spi.StatusStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A store in memory that starts from a given board instead of the empty one: the page's data
 * when it is not kept on disk. Thread-safe.
 */
public final class SeededStore implements StatusStore {
  private StatusBoard board; // guarded by this

  /** A store whose first load returns {@code seed}. */
  public SeededStore(StatusBoard seed) {
    this.board = requireNonNull(seed, "seed");
  }

  @Override
  public synchronized StatusBoard load() {
    return board;
  }

  @Override
  public synchronized CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    board = requireNonNull(after, "after");
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
