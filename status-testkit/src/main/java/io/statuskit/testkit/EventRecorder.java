package io.statuskit.testkit;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Subscription;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusListener;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.internal.Describe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StatusListener} that records every event it receives, with the board after the latest,
 * so a test can assert on what a tracker published. Listeners run on the tracker's listener
 * executor, so a test waits for them with {@link #awaitCount(int, Duration)}; with {@code
 * listenerExecutor(Runnable::run)} they arrive before {@code execute} returns.
 *
 * <pre>{@code
 * try (EventRecorder events = EventRecorder.subscribe(tracker)) {
 *   tracker.observe("NC027", Status.MAJOR_OUTAGE);
 *   events.awaitCount(1, Duration.ofSeconds(5));
 *   assertThat(events).containsSubsequence(observed("NC027", Status.MAJOR_OUTAGE));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EventRecorder implements StatusListener, AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<StatusEvent> events = new ArrayList<>(); // guarded by lock
  private @Nullable StatusBoard lastBoard; // guarded by lock
  private @Nullable Subscription subscription; // guarded by lock

  /** A recorder not yet subscribed to anything; pass it to {@link StatusTracker#subscribe}. */
  public EventRecorder() {}

  /** A recorder subscribed to {@code tracker}; {@link #close()} unsubscribes it. */
  public static EventRecorder subscribe(StatusTracker tracker) {
    EventRecorder recorder = new EventRecorder();
    Subscription subscription = tracker.subscribe(recorder);
    recorder.lock.lock();
    try {
      recorder.subscription = subscription;
    } finally {
      recorder.lock.unlock();
    }
    return recorder;
  }

  @Override
  public void onEvent(StatusEvent event, StatusBoard board) {
    requireNonNull(event, "event");
    requireNonNull(board, "board");
    lock.lock();
    try {
      events.add(event);
      lastBoard = board;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The events recorded so far, in the order they arrived. */
  public ImmutableList<StatusEvent> events() {
    lock.lock();
    try {
      return ImmutableList.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  /** The recorded events of one type, in the order they arrived. */
  public <T extends StatusEvent> ImmutableList<T> events(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).collect(ImmutableList.toImmutableList());
  }

  /** How many events were recorded. */
  public int size() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  /** The board that came with the latest event, if any arrived. */
  public Optional<StatusBoard> lastBoard() {
    lock.lock();
    try {
      return Optional.ofNullable(lastBoard);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code count} events were recorded, at most {@code timeout}.
   *
   * @return the events recorded by then (perhaps more than {@code count})
   * @throws AssertionError if fewer arrived in time, listing those that did; also when
   *     interrupted (the interrupt flag is kept)
   * @throws IllegalArgumentException if {@code count} or {@code timeout} is negative
   */
  public ImmutableList<StatusEvent> awaitCount(int count, Duration timeout) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    lock.lock();
    try {
      long remaining = timeout.toNanos();
      while (events.size() < count) {
        if (remaining <= 0) {
          throw new AssertionError(
              "Expected at least " + count + " events within " + timeout + " but " + events.size()
                  + " arrived:\n" + Describe.events(events));
        }
        remaining = arrived.awaitNanos(remaining);
      }
      return ImmutableList.copyOf(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + count + " events", e);
    } finally {
      lock.unlock();
    }
  }

  /** Shorthand for {@code awaitCount(count, Duration.of(timeout, unit.toChronoUnit()))}. */
  public ImmutableList<StatusEvent> awaitCount(int count, long timeout, TimeUnit unit) {
    return awaitCount(count, Duration.ofNanos(unit.toNanos(timeout)));
  }

  /** Forgets every event recorded so far. */
  public void clear() {
    lock.lock();
    try {
      events.clear();
      lastBoard = null;
    } finally {
      lock.unlock();
    }
  }

  /** Unsubscribes from the tracker given to {@link #subscribe}, if any; recorded events stay. */
  @Override
  public void close() {
    @Nullable Subscription current;
    lock.lock();
    try {
      current = subscription;
      subscription = null;
    } finally {
      lock.unlock();
    }
    if (current != null) {
      current.close();
    }
  }

  @Override
  public String toString() {
    return "EventRecorder[" + size() + " events]";
  }
}
