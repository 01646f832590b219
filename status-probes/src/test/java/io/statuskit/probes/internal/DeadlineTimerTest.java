package io.statuskit.probes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.base.Ticker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private static DeadlineTimer timer() {
    return new DeadlineTimer(Ticker.systemTicker(), r -> new Thread(r, "test-deadlines"));
  }

  @Test
  void deadlinesFireInDeadlineOrderWhateverTheOrderTheyWereAdded() throws Exception {
    try (DeadlineTimer timer = timer()) {
      List<Integer> fired = new CopyOnWriteArrayList<>();
      CountDownLatch all = new CountDownLatch(4);
      timer.schedule(120 * MS, () -> { fired.add(3); all.countDown(); });
      timer.schedule(40 * MS, () -> { fired.add(1); all.countDown(); });
      timer.schedule(160 * MS, () -> { fired.add(4); all.countDown(); });
      timer.schedule(80 * MS, () -> { fired.add(2); all.countDown(); });
      assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).containsExactly(1, 2, 3, 4);
    }
  }

  @Test
  void anEarlierDeadlineWakesATimerSleepingUntilALaterOne() throws Exception {
    try (DeadlineTimer timer = timer()) {
      timer.schedule(TimeUnit.SECONDS.toNanos(30), () -> {});
      Thread.sleep(50); // the thread now sleeps until the 30s deadline
      long start = System.nanoTime();
      CountDownLatch fired = new CountDownLatch(1);
      timer.schedule(20 * MS, fired::countDown);
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20 * MS).isLessThan(2_000 * MS);
    }
  }

  @Test
  void aCancelledDeadlineNeverFires() throws Exception {
    try (DeadlineTimer timer = timer()) {
      AtomicInteger cancelledRuns = new AtomicInteger();
      DeadlineTimer.Deadline d = timer.schedule(30 * MS, cancelledRuns::incrementAndGet);
      d.cancel();
      assertThat(d.isCancelled()).isTrue();
      CountDownLatch later = new CountDownLatch(1);
      timer.schedule(80 * MS, later::countDown);
      assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(cancelledRuns).hasValue(0);
    }
  }

  @Test
  void manyThreadsAddingAndCancellingLoseNoDeadline() throws Exception {
    try (DeadlineTimer timer = timer()) {
      int perThread = 5_000;
      AtomicInteger fired = new AtomicInteger();
      AtomicInteger wrong = new AtomicInteger();
      CountDownLatch kept = new CountDownLatch(4 * perThread / 2);
      Thread[] adders = new Thread[4];
      for (int t = 0; t < adders.length; t++) {
        adders[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    boolean keep = i % 2 == 0;
                    DeadlineTimer.Deadline d =
                        timer.schedule(
                            (i % 50) * MS,
                            () -> {
                              fired.incrementAndGet();
                              if (!keep) {
                                wrong.incrementAndGet();
                              }
                              kept.countDown();
                            });
                    if (!keep) {
                      d.cancel();
                    }
                  }
                });
        adders[t].start();
      }
      for (Thread a : adders) {
        a.join();
      }
      assertThat(kept.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100);
      assertThat(wrong).hasValue(0);
      assertThat(fired).hasValue(4 * perThread / 2);
    }
  }

  @Test
  void aFailingActionDoesNotStopTheTimer() throws Exception {
    try (DeadlineTimer timer = timer()) {
      timer.schedule(10 * MS, () -> { throw new IllegalStateException("boom"); });
      CountDownLatch after = new CountDownLatch(1);
      timer.schedule(40 * MS, after::countDown);
      assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closingStopsTheThreadDropsPendingDeadlinesAndRejectsNewOnes() throws Exception {
    AtomicInteger fired = new AtomicInteger();
    DeadlineTimer timer = timer();
    timer.schedule(100 * MS, fired::incrementAndGet);
    timer.close(5_000);
    assertThat(timer.isClosed()).isTrue();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("test-deadlines"));
    Thread.sleep(200);
    assertThat(fired).hasValue(0);
    assertThatThrownBy(() -> timer.schedule(MS, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the deadline timer is closed");
  }
}
