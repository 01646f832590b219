package io.statuskit.probes.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O threads of an engine: each runs one {@link Selector} over non-blocking channels.
 * Channels are spread over the loops round-robin; all registration and interest changes of a
 * channel happen on its loop's thread, handed over through a lock-free queue, and a loop's
 * selector is woken at most once per batch of hand-overs. {@link #close()} stops every thread and
 * closes every channel still registered.
 *
 * <p>Thread-safe.
 */
public final class IoLoops implements AutoCloseable {
  private final Loop[] loops;
  private final AtomicInteger next = new AtomicInteger();

  /** Opens {@code count} selectors and starts a thread for each. */
  public IoLoops(int count, ThreadFactory threads) {
    Loop[] made = new Loop[count];
    try {
      for (int i = 0; i < count; i++) {
        made[i] = new Loop(threads);
      }
    } catch (IOException e) {
      for (Loop l : made) {
        if (l != null) {
          l.close(1000);
        }
      }
      throw new UncheckedIOException("cannot open a selector", e);
    }
    this.loops = made;
    for (Loop l : loops) {
      l.thread.start();
    }
  }

  /** The loop for a new channel. */
  public Loop next() {
    return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
  }

  /** Stops the loops, closing their channels; waits up to five seconds for each thread. */
  @Override
  public void close() {
    for (Loop l : loops) {
      l.closed = true;
      l.selector.wakeup();
    }
    for (Loop l : loops) {
      l.close(5_000);
    }
  }

  /**
   * Stops the loops without waiting for their threads, so it may be called on a loop thread:
   * each loop ends after its current pass, closing the channels still registered.
   */
  public void shutdown() {
    for (Loop l : loops) {
      l.closed = true;
      l.selector.wakeup();
    }
  }

  /** What a loop tells a registered channel's attachment. */
  public interface Handler {
    /** The channel is ready for {@code readyOps}; runs on the loop thread. */
    void ready(int readyOps);

    /** The loop is closing; fail anything pending and close the channel. Runs once. */
    void abort();
  }

  /** One selector and its thread. Thread-safe. */
  public static final class Loop {
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private volatile boolean closed;

    private Loop(ThreadFactory threads) throws IOException {
      this.selector = Selector.open();
      this.thread = threads.newThread(this::run);
    }

    /** Whether the caller runs on this loop's thread. */
    public boolean inLoop() {
      return Thread.currentThread() == thread;
    }

    /** Whether the loop is closing or closed. */
    public boolean isClosed() {
      return closed;
    }

    /** The selector; use it only on the loop thread. */
    public Selector selector() {
      return selector;
    }

    /**
     * Runs {@code task} on the loop thread: now when called on it, else soon. A task handed over
     * while or after the loop closes still runs once (on some thread), and must then see {@link
     * #isClosed()} and fail instead of registering.
     */
    public void execute(Runnable task) {
      if (Thread.currentThread() == thread) {
        task.run();
        return;
      }
      tasks.add(task);
      if (closed) {
        runTasks();
        return;
      }
      if (!wakeupPending.getAndSet(true)) {
        selector.wakeup();
      }
    }

    private void runTasks() {
      Runnable t;
      while ((t = tasks.poll()) != null) {
        try {
          t.run();
        } catch (RuntimeException e) {
          // a task reports its own failures through its future
        }
      }
    }

    private void run() {
      try {
        while (!closed) {
          wakeupPending.set(false);
          runTasks();
          if (closed) {
            break;
          }
          selector.select(Loop::dispatch);
        }
      } catch (IOException | RuntimeException e) {
        closed = true;
      } finally {
        closed = true;
        runTasks();
        for (SelectionKey key : selector.keys()) {
          Object a = key.attachment();
          if (a instanceof Handler) {
            try {
              ((Handler) a).abort();
            } catch (RuntimeException e) {
              // keep closing the others
            }
          }
          try {
            key.channel().close();
          } catch (IOException e) {
            // nothing more to do
          }
        }
        try {
          selector.close();
        } catch (IOException e) {
          // nothing more to do
        }
        runTasks();
      }
    }

    private static void dispatch(SelectionKey key) {
      Object a = key.attachment();
      if (a instanceof Handler && key.isValid()) {
        try {
          ((Handler) a).ready(key.readyOps());
        } catch (RuntimeException e) {
          // handlers complete their futures themselves; a bug in one must not stop the loop
        }
      }
    }

    private void close(long millis) {
      closed = true;
      if (!thread.isAlive()) {
        if (thread.getState() == Thread.State.NEW) {
          try {
            selector.close();
          } catch (IOException e) {
            // nothing more to do
          }
        }
        return;
      }
      selector.wakeup();
      try {
        thread.join(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
