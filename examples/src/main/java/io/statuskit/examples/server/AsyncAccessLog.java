package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An access log writer that never makes a request thread wait: {@link #write} puts the formatted
 * line into a bounded queue and returns; one background thread hands the lines to the sink (the
 * SLF4J logger {@link ServerSettings#ACCESS_LOGGER} in the server). When the queue is full (the
 * sink cannot keep up) a line is dropped and counted ({@link #dropped()}), and the writer thread
 * logs how many were dropped when it catches up: a request is never slowed down by its log line.
 *
 * <p>Started and stopped with the Jetty server it belongs to (as a bean of its {@code
 * CustomRequestLog}): stopping writes every line still queued, for up to the flush timeout,
 * then ends the thread. Lines written while it is not running go to the sink at once, on the
 * caller's thread. Thread-safe.
 */
final class AsyncAccessLog extends AbstractLifeCycle implements RequestLog.Writer {
  /** How many lines may wait for the writer thread; about 2 MB of typical lines. */
  static final int DEFAULT_CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(AsyncAccessLog.class);
  private static final int BATCH = 256;

  private final ArrayBlockingQueue<String> queue;
  private final Consumer<String> sink;
  private final Duration flushTimeout;
  private final LongAdder dropped = new LongAdder();
  private volatile @Nullable Thread writer;
  private volatile boolean stopping;

  /**
   * A writer.
   *
   * @param capacity how many lines may wait; more are dropped and counted
   * @param sink where each line goes, on the writer thread
   * @param flushTimeout how long stopping waits for the queued lines to be written
   */
  AsyncAccessLog(int capacity, Consumer<String> sink, Duration flushTimeout) {
    if (capacity < 1) {
      throw new IllegalArgumentException("access log capacity must be at least 1: " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sink = requireNonNull(sink, "sink");
    this.flushTimeout = requireNonNull(flushTimeout, "flushTimeout");
  }

  /** A writer to the SLF4J logger {@code loggerName} at INFO level. */
  static AsyncAccessLog toSlf4j(String loggerName, int capacity, Duration flushTimeout) {
    Logger access = LoggerFactory.getLogger(requireNonNull(loggerName, "loggerName"));
    return new AsyncAccessLog(capacity, access::info, flushTimeout);
  }

  /** Queues the line, or drops and counts it when the queue is full; never blocks. */
  @Override
  public void write(String line) {
    if (writer == null) {
      sink.accept(line);
    } else if (!queue.offer(line)) {
      dropped.increment();
    }
  }

  /** Lines dropped so far because the queue was full. */
  long dropped() {
    return dropped.sum();
  }

  @Override
  protected void doStart() throws Exception {
    stopping = false;
    Thread thread = new Thread(this::drain, "statuskit-access-log");
    thread.setDaemon(true);
    writer = thread;
    thread.start();
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    Thread thread = writer;
    stopping = true;
    if (thread != null) {
      thread.join(Math.max(1, flushTimeout.toMillis()));
    }
    writer = null;
    List<String> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (thread != null && thread.isAlive()) {
      // the sink is stuck: give up on what is left rather than hang the shutdown
      dropped.add(rest.size());
      log.warn("access log: {} lines not written within {} of stopping, dropped", rest.size(), flushTimeout);
    } else {
      // lines queued after the writer thread saw the queue empty: written here
      rest.forEach(this::deliver);
    }
    super.doStop();
  }

  private void drain() {
    List<String> batch = new ArrayList<>(BATCH);
    long reported = 0;
    try {
      while (true) {
        String first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (stopping) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        for (String line : batch) {
          deliver(line);
        }
        batch.clear();
        long now = dropped.sum();
        if (now > reported && queue.isEmpty()) {
          log.warn("access log: {} lines dropped so far, the log could not keep up", now);
          reported = now;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(String line) {
    try {
      sink.accept(line);
    } catch (RuntimeException e) {
      log.warn("access log: writing a line failed", e);
    }
  }
}
