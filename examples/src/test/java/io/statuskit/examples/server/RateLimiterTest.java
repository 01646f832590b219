package io.statuskit.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void aBurstOfCapacityThenOneBackPerIntervalAndKeysApart() {
    ManualTicker ticker = new ManualTicker();
    RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(30), 1000, ticker); // one back every 10 min
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEqualTo(OptionalLong.of(600));
    assertThat(limiter.take("b")).as("another key has its own bucket").isEmpty();

    ticker.advance(Duration.ofMinutes(4));
    assertThat(limiter.take("a")).isEqualTo(OptionalLong.of(360));
    ticker.advance(Duration.ofMinutes(6));
    assertThat(limiter.take("a")).as("one back after 10 min").isEmpty();
    assertThat(limiter.take("a")).isEqualTo(OptionalLong.of(600));

    ticker.advance(Duration.ofMinutes(25)); // two more back, and time towards a third
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEqualTo(OptionalLong.of(300));
  }

  @Test
  void aFullBucketDoesNotSaveUpBeyondItsCapacity() {
    ManualTicker ticker = new ManualTicker();
    RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(2), 1000, ticker);
    limiter.take("a");
    ticker.advance(Duration.ofDays(1));
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEmpty();
    assertThat(limiter.take("a")).isEqualTo(OptionalLong.of(60));
  }

  /** A ticker that moves only when told. */
  private static final class ManualTicker extends Ticker {
    private long nanos;

    @Override
    public long read() {
      return nanos;
    }

    void advance(Duration d) {
      nanos += d.toNanos();
    }
  }
}
