package io.statuskit.notify.store;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.internal.StateBuilder;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.spi.NotificationStore;
import io.statuskit.notify.spi.SenderElection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A notification store that keeps nothing past the JVM: for tests and short-lived tools. Several
 * notifiers in one JVM may share it: it has an {@link InProcessSenderElection} and fences cursor
 * writes with its tokens. Thread-safe.
 */
public final class InMemoryNotificationStore implements NotificationStore {
  private final InProcessSenderElection election = new InProcessSenderElection();
  private final StateBuilder state = new StateBuilder(); // guarded by this
  private boolean closed; // guarded by this

  /** An empty store. */
  public InMemoryNotificationStore() {}

  @Override
  public synchronized NotificationState load() {
    checkOpen();
    return state.build();
  }

  @Override
  public synchronized void put(Subscriber subscriber) {
    checkOpen();
    state.put(requireNonNull(subscriber, "subscriber"));
  }

  @Override
  public synchronized void remove(String subscriberId) {
    checkOpen();
    state.remove(requireNonNull(subscriberId, "subscriberId"));
  }

  @Override
  public synchronized void record(List<DeadLetter> deadLetters, Map<String, Long> cursors) {
    checkOpen();
    state.record(deadLetters, cursors);
  }

  @Override
  public synchronized boolean record(List<DeadLetter> deadLetters, Map<String, Long> cursors, long fencingToken) {
    checkOpen();
    if (!election.isCurrent(fencingToken)) {
      return false;
    }
    state.record(deadLetters, cursors);
    return true;
  }

  @Override
  public Optional<SenderElection> senderElection() {
    return Optional.of(election);
  }

  @Override
  public synchronized void clearDeadLetters(String subscriberId) {
    checkOpen();
    state.clearDeadLetters(subscriberId);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    checkState(!closed, "the notification store is closed");
  }
}
