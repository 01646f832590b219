package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners the way {@link StatusTracker} does, for anything else that
 * publishes events (a monitor): each listener has its own queue, drained in order on an executor,
 * so a slow or throwing listener delays or harms only itself, and {@link #publish} never blocks.
 * A listener that falls {@code maxBacklog} events behind loses its oldest ones, with a warning.
 *
 * <pre>{@code
 * EventDispatcher<MonitorListener, MonitorEvent> events =
 *     new EventDispatcher<>(executor, 10_000, MonitorListener::onEvent);
 * Subscription s = events.subscribe(event -> System.out.println(event));
 * events.publish(new MonitorEvent.WentDown(...));
 * }</pre>
 *
 * <p>Thread-safe. Deliveries stop for good after {@link #clear()}.
 *
 * @param <L> the listener type
 * @param <E> the event type
 */
public final class EventDispatcher<L, E> {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  private final Executor executor;
  private final int maxBacklog;
  private final BiConsumer<L, E> deliver;
  private final CopyOnWriteArrayList<Queue> queues = new CopyOnWriteArrayList<>();

  /**
   * A dispatcher.
   *
   * @param executor where listeners run
   * @param maxBacklog how many undelivered events a listener may fall behind
   * @param deliver how one event reaches one listener
   */
  public EventDispatcher(Executor executor, int maxBacklog, BiConsumer<L, E> deliver) {
    this.executor = requireNonNull(executor, "executor");
    checkArgument(maxBacklog > 0, "maxBacklog must be positive: %s", maxBacklog);
    this.maxBacklog = maxBacklog;
    this.deliver = requireNonNull(deliver, "deliver");
  }

  /** Adds a listener; it receives every event published from now on, in order. */
  public Subscription subscribe(L listener) {
    Queue queue = new Queue(requireNonNull(listener, "listener"));
    queues.add(queue);
    return () -> queues.remove(queue);
  }

  /** Queues an event for every listener; returns at once. */
  public void publish(E event) {
    requireNonNull(event, "event");
    for (Queue queue : queues) {
      queue.offer(event);
    }
  }

  /** Whether any listener is subscribed: a publisher may skip building an event nobody hears. */
  public boolean hasListeners() {
    return !queues.isEmpty();
  }

  /** Removes every listener; queued deliveries still run. */
  public void clear() {
    queues.clear();
  }

  private final class Queue implements Runnable {
    private final L listener;
    private final ArrayDeque<E> events = new ArrayDeque<>(); // guarded by itself
    private boolean draining; // guarded by events
    private long dropped; // guarded by events

    Queue(L listener) {
      this.listener = listener;
    }

    void offer(E event) {
      boolean start;
      synchronized (events) {
        if (events.size() >= maxBacklog) {
          events.pollFirst();
          if (dropped++ % 1000 == 0) {
            log.warn("listener {} is {} events behind; dropping its oldest events", listener, maxBacklog);
          }
        }
        events.addLast(event);
        start = !draining;
        draining = true;
      }
      if (start) {
        try {
          executor.execute(this);
        } catch (RuntimeException e) {
          synchronized (events) {
            draining = false;
          }
          log.warn("listener executor refused to run listener {}", listener, e);
        }
      }
    }

    @Override
    public void run() {
      while (true) {
        E next;
        synchronized (events) {
          next = events.pollFirst();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          deliver.accept(listener, next);
        } catch (RuntimeException | Error e) {
          log.warn("listener {} failed on {}", listener, next, e);
        }
      }
    }
  }
}
