package io.statuskit.core.spi;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link io.statuskit.core.StatusTracker} keeps its events so the board survives a
 * restart.
 *
 * <p>The contract, which {@code StatusStoreContract} in status-testkit checks:
 *
 * <ul>
 *   <li>{@link #load()} returns the board that replaying every kept event gives (a store may
 *       start from a snapshot of it).
 *   <li>{@link #append} is called with events in sequence order, each one following the last
 *       (sequence + 1), from one thread at a time. It must not block waiting on its own
 *       completions; it returns a stage that completes once the event is durable as the store
 *       promises (for a journal: on disk). Stages complete in sequence order.
 *   <li>If an append fails, the store keeps nothing of it, and refuses every later append whose
 *       sequence does not directly follow the last event it keeps; the tracker then rolls back to
 *       that event.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface StatusStore extends AutoCloseable {
  /**
   * Reads what the store holds.
   *
   * @return the board as of the last kept event, or the empty board
   * @throws StoreException if what is stored cannot be read; the message names file and offset
   */
  StatusBoard load();

  /**
   * Keeps an event.
   *
   * @param event the event, whose sequence follows the last kept one
   * @param after the board after the event, which a store may snapshot
   * @return a stage completing when the event is durable, or failing with a {@link
   *     StoreException} when it cannot be kept
   */
  CompletionStage<Void> append(StatusEvent event, StatusBoard after);

  /** Releases files, locks and threads; later calls fail. */
  @Override
  void close();
}
