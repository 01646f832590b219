package io.statuskit.probes.internal;

import com.google.common.base.Ticker;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Deadlines for probe attempts, fired on one timer thread: cheap to add and to cancel from any
 * thread, because the timer thread alone owns the ordering.
 *
 * <p>Adding hands a {@link Deadline} to the thread through a lock-free queue and wakes it only
 * when the new deadline is earlier than the one it sleeps until; cancelling sets a flag and drops
 * the action (the entry itself leaves when it comes due). Actions run on the timer thread, in
 * deadline order, and must be short. Uses the ticker for time, so it must be the real {@link
 * Ticker#systemTicker()} ticker in production (the thread sleeps in real time).
 *
 * <p>Thread-safe.
 */
public final class DeadlineTimer implements AutoCloseable {
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);
  /** Subtracted from now while awake: no deadline is earlier, so no adder unparks the thread. */
  private static final long AWAKE = 1L << 62;

  private final Ticker ticker;
  private final ConcurrentLinkedQueue<Deadline> incoming = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  /** When the timer thread will next wake by itself (ticker time); read by adders. */
  private volatile long wakeAt;
  private volatile boolean closed;

  /** Starts a timer whose thread comes from {@code threads}. */
  public DeadlineTimer(Ticker ticker, ThreadFactory threads) {
    this.ticker = ticker;
    this.wakeAt = ticker.read();
    this.thread = threads.newThread(this::loop);
    thread.start();
  }

  /**
   * Runs {@code action} on the timer thread {@code delayNanos} from now unless cancelled first.
   *
   * @throws IllegalStateException when the timer is closed
   */
  public Deadline schedule(long delayNanos, Runnable action) {
    if (closed) {
      throw new IllegalStateException("the deadline timer is closed");
    }
    Deadline d = new Deadline(ticker.read() + Math.max(0, delayNanos), action);
    incoming.add(d);
    if (d.at - wakeAt < 0) {
      LockSupport.unpark(thread);
    }
    if (closed) {
      // raced with close(): the thread may be gone, so nothing will fire it
      d.cancel();
      throw new IllegalStateException("the deadline timer is closed");
    }
    return d;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Stops the thread without running pending actions and without waiting for it, so it may be
   * called from an action on the timer thread.
   */
  public void shutdown() {
    closed = true;
    LockSupport.unpark(thread);
  }

  /** Stops the thread without running pending actions; waits up to {@code millis} for it. */
  public void close(long millis) throws InterruptedException {
    closed = true;
    LockSupport.unpark(thread);
    thread.join(millis);
  }

  @Override
  public void close() {
    try {
      close(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    PriorityQueue<Deadline> due = new PriorityQueue<>(256, (a, b) -> Long.compare(a.at, b.at));
    while (!closed) {
      // announce that we are awake so that adders do not unpark us needlessly, then drain
      wakeAt = ticker.read() - AWAKE;
      drain(due);
      long now = ticker.read();
      Deadline head;
      while ((head = due.peek()) != null && head.at - now <= 0) {
        due.poll();
        head.fire();
        now = ticker.read();
      }
      long next = head == null ? now + IDLE_NANOS : head.at;
      wakeAt = next;
      // an adder that raced with the drain above either sees the new wakeAt or is drained now
      if (!incoming.isEmpty()) {
        continue;
      }
      long sleep = next - ticker.read();
      if (sleep > 0) {
        LockSupport.parkNanos(this, sleep);
      }
    }
    incoming.clear();
    due.clear();
  }

  private void drain(PriorityQueue<Deadline> due) {
    Deadline d;
    while ((d = incoming.poll()) != null) {
      if (!d.isCancelled()) {
        due.add(d);
      }
    }
  }

  /** One deadline; {@link #cancel()} it when the work finished in time. Thread-safe. */
  public static final class Deadline {
    private final long at;
    private volatile @Nullable Runnable action;

    private Deadline(long at, Runnable action) {
      this.at = at;
      this.action = action;
    }

    /** Stops the action from running (if it has not started); idempotent. */
    public void cancel() {
      action = null;
    }

    /** Whether it was cancelled or has fired. */
    public boolean isCancelled() {
      return action == null;
    }

    private void fire() {
      Runnable a = action;
      action = null;
      if (a != null) {
        try {
          a.run();
        } catch (RuntimeException e) {
          // an action failing must not stop the timer; actions report through their futures
        }
      }
    }
  }
}
