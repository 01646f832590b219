package io.statuskit.core.spi;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a {@link io.statuskit.core.StatusTracker} keeps its events so the board survives a
 * restart, and, for a shared store, how several trackers (several nodes, several monitors) agree
 * on one order of events.
 *
 * <p>The contract, which {@code StatusStoreContract} in status-testkit checks:
 *
 * <ul>
 *   <li>{@link #load()} returns the board that replaying every kept event gives (a store may
 *       start from a snapshot of it).
 *   <li>{@link #append} is conditional: an event's {@linkplain StatusEvent#sequence() sequence}
 *       names the version it expects to follow (sequence - 1). When another writer already kept
 *       an event with that sequence, the append fails with a {@link StoreConflictException} and
 *       nothing of it is kept. Appends from one writer come in sequence order, from one thread at
 *       a time; an append must not block waiting on its own completions; it returns a stage that
 *       completes once the event is durable as the store promises (for a journal: on disk).
 *       Stages complete in sequence order.
 *   <li>If an append fails, the store keeps nothing of it, and refuses every later append whose
 *       sequence does not directly follow the last event it keeps; the tracker then rolls back to
 *       that event, reads what others kept ({@link #eventsAfter}) and retries.
 *   <li>{@link #eventsAfter} returns the kept events after a version, in order, without gaps.
 *   <li>{@link #follow} tells a listener when events may have been kept by another writer; the
 *       listener then reads them with {@link #eventsAfter}. A store that only one writer can use
 *       (the journal holds a directory lock) never calls it.
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
   * Keeps an event if no other writer kept one with its sequence first.
   *
   * @param event the event, whose sequence follows the last kept one
   * @param after the board after the event, which a store may snapshot
   * @return a stage completing when the event is durable, or failing with a {@link
   *     StoreConflictException} when another writer kept an event with this sequence first, or
   *     with another {@link StoreException} when it cannot be kept
   */
  CompletionStage<Void> append(StatusEvent event, StatusBoard after);

  /**
   * The events kept after {@code version}, oldest first, up to the newest one kept.
   *
   * @param version a board version, at least 0
   * @return the events with sequences {@code version + 1} onwards, without gaps; empty when
   *     nothing newer is kept
   * @throws StoreException if they cannot be read, or are no longer kept (compacted into a
   *     snapshot); the caller then {@linkplain #load() loads} the whole board instead
   */
  List<StatusEvent> eventsAfter(long version);

  /**
   * Asks to be told when another writer may have kept events. The listener runs on a thread of
   * the store's and must return quickly; it may be called when nothing new was kept.
   *
   * @param listener called after other writers' appends (or a poll that may have found some)
   * @return a handle whose {@code close()} stops the calls
   */
  default io.statuskit.core.Subscription follow(Runnable listener) {
    return () -> {};
  }

  /**
   * Checks that the store answers now, for a readiness probe ({@code /readyz}): a journal that its
   * directory is there and writable and it has not given up after a failed write, a database store
   * that the database answers a trivial query within a short timeout. It is cheap enough to call
   * for every probe: a store may answer from a check it made a moment ago (at most a second or
   * so), and it never waits longer than its own short timeout. The default, for stores that keep
   * nothing outside the process, returns at once.
   *
   * @throws StoreException saying why, when the store cannot keep events now
   * @throws IllegalStateException if the store is closed
   */
  default void ping() {}

  /** Releases files, locks and threads; later calls fail. */
  @Override
  void close();
}
