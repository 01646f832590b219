package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.history.store.InMemoryHistoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Writers fold results while a compactor thread flushes and compacts in a loop and a reader
 * summarizes: every result is counted exactly once (in a bucket, or as a late drop), and the
 * writers never wait for the compactor beyond a series' lock.
 */
class ConcurrentCompactionTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /** A clock the writers move forward together. */
  static final class SharedClock extends Clock {
    final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Test
  void everyResultIsCountedOnceWhileCompactionRuns() throws Exception {
    SharedClock clock = new SharedClock();
    InMemoryHistoryStore store = new InMemoryHistoryStore();
    HistoryRecorder recorder = HistoryRecorder.builder(store).clock(clock).build();
    int writers = 4;
    int perWriter = 60_000;
    CountDownLatch done = new CountDownLatch(writers);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      long seed = w + 1;
      threads.add(new Thread(() -> {
        Random random = new Random(seed);
        try {
          for (int i = 0; i < perWriter; i++) {
            long now = clock.millis.addAndGet(250);
            recorder.record("NC0" + (10 + random.nextInt(3)), random.nextBoolean() ? "ams" : "nyc", now - random.nextInt(30_000),
                random.nextInt(20) == 0 ? Outcome.DOWN : Outcome.UP, FailureKind.TIMEOUT, 1_000 + random.nextInt(50_000));
          }
        } catch (Throwable t) {
          failure.set(t);
        } finally {
          done.countDown();
        }
      }));
    }
    threads.add(new Thread(() -> {
      try {
        while (!stop.get()) {
          recorder.compact();
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }));
    threads.add(new Thread(() -> {
      try {
        while (!stop.get()) {
          recorder.summarize(SeriesKey.of("NC010", "ams"), T0, clock.instant());
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }));
    threads.forEach(Thread::start);
    assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    assertThat(failure.get()).isNull();
    clock.millis.addAndGet(3_600_000);
    recorder.compact();
    long counted = 0;
    for (SeriesKey key : store.series()) {
      counted += recorder.summarize(key, T0.minusSeconds(3600), clock.instant()).count(); // the first results are up to 30 s before T0
    }
    assertThat(counted + recorder.lateDrops()).as("counted %s, late drops %s", counted, recorder.lateDrops())
        .isEqualTo((long) writers * perWriter);
    assertThat(store.watermark(Resolution.HOUR)).isAfter(T0.plusSeconds(3600 * 10));
  }
}
