package io.statuskit.notify.spi;

import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link io.statuskit.notify.Notifier} keeps subscribers, each subscriber's delivery
 * cursor and the dead letters. The notifications themselves are not kept here: the outbox is the
 * status store's event log, read from the lowest cursor on (see docs/notify.md).
 *
 * <p>The contract: every method returns once what it was given is durable as the store promises
 * (for the file store: fsync'd), and {@link #load()} afterwards returns it. A cursor never moves
 * back: {@link #record} keeps the larger of the kept and the given value. Cursors and dead
 * letters of a subscriber that is not (or no longer) kept are ignored. Implementations are
 * thread-safe.
 *
 * <p>A store that several nodes share also offers a {@link SenderElection} ({@link
 * #senderElection()}), and fences cursor writes with its tokens ({@link #record(List, Map,
 * long)}), so that one notifier sends at a time.
 */
public interface NotificationStore extends AutoCloseable {
  /** Everything kept. */
  NotificationState load();

  /**
   * Adds a subscriber or replaces the one with its id (a confirmation), and sets its cursor to
   * its {@code since}.
   */
  void put(Subscriber subscriber);

  /** Removes a subscriber with its cursor and dead letters; does nothing when it is not kept. */
  void remove(String subscriberId);

  /**
   * Keeps dead letters, then moves cursors forward, as one step where the store can: a crash
   * keeps both, neither, or (in a store that cannot) the letters without the cursors, which
   * only repeats a delivery.
   *
   * @param deadLetters notifications given up on
   * @param cursors per subscriber id, the version now delivered through
   */
  void record(List<DeadLetter> deadLetters, Map<String, Long> cursors);

  /**
   * {@link #record(List, Map)}, only while {@code fencingToken} is the newest token of this
   * store's {@link #senderElection()}: checked and written in one step, so a notifier whose lease
   * was taken over cannot move a cursor any more. The default, for stores that one node uses
   * alone, ignores the token.
   *
   * @return whether it was kept; {@code false} (nothing kept) when a newer lease was handed out
   */
  default boolean record(List<DeadLetter> deadLetters, Map<String, Long> cursors, long fencingToken) {
    record(deadLetters, cursors);
    return true;
  }

  /**
   * The election shared by every notifier on this store, when several nodes may share it; empty
   * (the default) for a store that one node uses alone, where the notifier elects itself.
   */
  default Optional<SenderElection> senderElection() {
    return Optional.empty();
  }

  /** Forgets a subscriber's dead letters (after an operator looked at them). */
  void clearDeadLetters(String subscriberId);

  /** Releases files and locks; later calls fail. */
  @Override
  void close();
}
