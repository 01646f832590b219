package io.statuskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void standsStillUntilMoved() {
    ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");

    assertThat(clock.instant()).isEqualTo(Instant.parse("2016-11-23T07:09:00Z"));
    Instant first = clock.instant();
    Instant second = clock.instant();
    assertThat(second).isEqualTo(first);
    assertThat(clock.read()).isZero();
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceMovesWallTimeAndTickerTogether() {
    ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");

    Instant after = clock.advance(Duration.ofMinutes(8));

    assertThat(after).isEqualTo(Instant.parse("2016-11-23T07:17:00Z"));
    assertThat(clock.instant()).isEqualTo(after);
    assertThat(clock.millis()).isEqualTo(after.toEpochMilli());
    assertThat(clock.read()).isEqualTo(Duration.ofMinutes(8).toNanos());
    assertThat(clock.ticker().read()).isEqualTo(clock.read());
  }

  @Test
  void advancingByANegativeAmountIsRejected() {
    ManualClock clock = ManualClock.create();

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount must not be negative: PT-1S");
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
  }

  @Test
  void settingForwardMovesTheTickerBySameAmount() {
    ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");

    Instant before = clock.set("2016-11-23T07:28:27Z");

    assertThat(before).isEqualTo(Instant.parse("2016-11-23T07:09:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2016-11-23T07:28:27Z"));
    assertThat(clock.read()).isEqualTo(Duration.ofSeconds(19 * 60 + 27).toNanos());
  }

  @Test
  void settingBackwardLeavesTheTickerWhereItIs() {
    ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");
    clock.advanceSeconds(60);

    clock.set("2016-11-23T06:00:00Z");

    assertThat(clock.instant()).isEqualTo(Instant.parse("2016-11-23T06:00:00Z"));
    assertThat(clock.read()).isEqualTo(Duration.ofSeconds(60).toNanos());
  }

  @Test
  void zoneViewsShareTheTime() {
    ManualClock utc = ManualClock.at("2016-11-23T07:09:00Z");
    ManualClock lusaka = utc.withZone(ZoneId.of("Africa/Lusaka"));

    utc.advanceSeconds(30);

    assertThat(lusaka.instant()).isEqualTo(utc.instant());
    assertThat(lusaka.read()).isEqualTo(utc.read());
    assertThat(lusaka.now().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(lusaka).isNotEqualTo(utc).isEqualTo(utc.withZone(ZoneId.of("Africa/Lusaka")));
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
  }

  @Test
  void concurrentAdvancesAllCountAndKeepWallTimeAndTickerInStep() throws Exception {
    ManualClock clock = ManualClock.at("2016-11-23T00:00:00Z");
    Instant start = clock.instant();
    int threads = 4;
    int steps = 5_000;
    CyclicBarrier barrier = new CyclicBarrier(threads + 1);
    List<Thread> advancers = new ArrayList<>();
    List<String> tornReads = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                await(barrier);
                for (int i = 0; i < steps; i++) {
                  clock.advance(Duration.ofMillis(1));
                }
              });
      advancers.add(thread);
      thread.start();
    }
    await(barrier);
    // Read while others advance: instant() and read() are separate reads, so only check each
    // stays monotonic; the final state checks that no step was lost.
    Instant lastInstant = start;
    long lastNanos = 0;
    for (int i = 0; i < 10_000; i++) {
      long nanos = clock.read();
      Instant instant = clock.instant();
      if (instant.isBefore(lastInstant) || nanos < lastNanos) {
        tornReads.add(instant + " / " + nanos);
      }
      lastInstant = instant;
      lastNanos = nanos;
    }
    for (Thread thread : advancers) {
      thread.join(10_000);
    }

    assertThat(tornReads).isEmpty();
    Duration total = Duration.ofMillis((long) threads * steps);
    assertThat(clock.instant()).isEqualTo(start.plus(total));
    assertThat(clock.read()).isEqualTo(total.toNanos());
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
