package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writers that observe servers with a unique detail per command ("a3-17": tracker a, thread 3,
 * command 17), remembering which commands were acknowledged and which failed, so that a test can
 * check afterwards that every acknowledged command is kept exactly once and a failed one at most
 * once.
 */
final class Workload {
  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  final Set<String> failed = ConcurrentHashMap.newKeySet();
  final Map<String, String> failures = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> writers = new ArrayList<>();

  /** Adds the servers the writers use (one per thread and tracker name), on {@code tracker}. */
  static void addServers(StatusTracker tracker, String name, int threads) {
    for (int t = 0; t < threads; t++) {
      String id = serverId(name, t);
      if (tracker.board().server(id).isEmpty()) {
        tracker.addServer(Server.builder(id).build());
      }
    }
  }

  static String serverId(String name, int thread) {
    return "W" + name.toUpperCase(Locale.ROOT) + thread;
  }

  /** Starts {@code threads} writers on {@code tracker}, each running up to {@code commands} commands or until stopped. */
  void start(StatusTracker tracker, String name, int threads, int commands) {
    CountDownLatch started = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      String id = serverId(name, t);
      String prefix = name + t + "-";
      Thread thread = new Thread(() -> {
        started.countDown();
        for (int i = 0; i < commands && !stop.get(); i++) {
          String detail = prefix + i;
          try {
            tracker.observe(id, i % 2 == 0 ? Status.MAJOR_OUTAGE : Status.OPERATIONAL, detail);
            acknowledged.add(detail);
          } catch (StoreException e) {
            failed.add(detail);
            failures.putIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), detail);
            try {
              Thread.sleep(20);
            } catch (InterruptedException interrupted) {
              return;
            }
          }
        }
      }, "writer-" + prefix);
      writers.add(thread);
      thread.start();
    }
    try {
      started.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop() {
    stop.set(true);
  }

  /** Waits for the writers to finish. */
  void join(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : writers) {
      thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      assertThat(thread.isAlive()).as("%s finished within %s", thread.getName(), timeout).isFalse();
    }
  }

  /**
   * Checks the kept events: every acknowledged command exactly once, a failed one at most once,
   * nothing else of the workload, sequences 1.. without gaps.
   */
  void assertKeptExactly(List<StatusEvent> kept) {
    Map<String, Integer> counts = new HashMap<>();
    long expected = 1;
    for (StatusEvent event : kept) {
      assertThat(event.sequence()).as("sequence without gaps").isEqualTo(expected++);
      if (event instanceof StatusEvent.StatusObserved observed && observed.detail() != null) {
        counts.merge(observed.detail(), 1, Integer::sum);
      }
    }
    for (String detail : acknowledged) {
      assertThat(counts.getOrDefault(detail, 0)).as("acknowledged command %s is kept exactly once", detail).isEqualTo(1);
    }
    for (Map.Entry<String, Integer> entry : counts.entrySet()) {
      assertThat(entry.getValue()).as("command %s is kept at most once", entry.getKey()).isEqualTo(1);
      assertThat(acknowledged.contains(entry.getKey()) || failed.contains(entry.getKey()))
          .as("kept command %s was issued", entry.getKey())
          .isTrue();
    }
  }
}
