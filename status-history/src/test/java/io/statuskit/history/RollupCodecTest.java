package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.history.spi.RollupCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollupCodecTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final SeriesKey KEY = SeriesKey.of("NC027", "ams");

  @Test
  void bucketsInAnyOrderComeBackByStart() {
    for (long seed = 1; seed <= 50; seed++) {
      Random random = new Random(seed);
      Resolution resolution = Resolution.values()[random.nextInt(3)];
      List<Rollup> rollups = new ArrayList<>();
      int n = random.nextInt(70);
      for (int i = 0; i < n; i++) {
        long[] failures = new long[FailureKind.COUNT];
        failures[random.nextInt(FailureKind.COUNT)] = random.nextInt(4);
        long[] latencies = new long[random.nextInt(30)];
        for (int k = 0; k < latencies.length; k++) {
          latencies[k] = (long) Math.exp(random.nextGaussian() * 2 + 9);
        }
        rollups.add(Rollup.of(KEY, resolution, T0.plus(resolution.duration().multipliedBy(i * 3L)), 100 + latencies.length,
            random.nextInt(5), failures, LatencyHistogram.of(latencies)));
      }
      List<Rollup> shuffled = new ArrayList<>(rollups);
      Collections.shuffle(shuffled, random);

      byte[] blob = RollupCodec.encode(resolution, shuffled);

      assertThat(RollupCodec.decode(KEY, resolution, blob)).as("seed %s", seed).containsExactlyElementsOf(rollups);
    }
  }

  @Test
  void maintenanceCountsRoundTripAndTheTagSaysFormatTwo() {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      Resolution resolution = Resolution.values()[random.nextInt(3)];
      List<Rollup> rollups = new ArrayList<>();
      int n = 1 + random.nextInt(70);
      for (int i = 0; i < n; i++) {
        long[] failures = new long[FailureKind.COUNT];
        failures[random.nextInt(FailureKind.COUNT)] = random.nextInt(4);
        long failed = java.util.Arrays.stream(failures).sum();
        long degraded = random.nextInt(5);
        long count = 100 + random.nextInt(50);
        long maintenanceFailed = random.nextInt((int) failed + 1);
        long maintenanceDegraded = random.nextInt((int) degraded + 1);
        long maintenanceCount = random.nextBoolean() ? 0 : maintenanceFailed + maintenanceDegraded + random.nextInt(20);
        if (maintenanceCount == 0) {
          maintenanceFailed = 0;
          maintenanceDegraded = 0;
        }
        rollups.add(Rollup.of(KEY, resolution, T0.plus(resolution.duration().multipliedBy(i * 2L)), count, degraded, failures,
            LatencyHistogram.of(1_000 + i, 20_000), maintenanceCount, maintenanceDegraded, maintenanceFailed));
      }
      byte[] blob = RollupCodec.encode(resolution, rollups);
      assertThat(blob[0] & 2).as("format-2 tag bit, seed %s", seed).isEqualTo(2);
      assertThat(RollupCodec.decode(KEY, resolution, blob)).as("seed %s", seed).containsExactlyElementsOf(rollups);
    }
  }

  @Test
  void maintenanceCountsMustBeASubsetOfTheResults() {
    long[] failures = new long[FailureKind.COUNT];
    failures[0] = 2;
    assertThatThrownBy(() -> Rollup.of(KEY, Resolution.MINUTE, T0, 5, 1, failures, LatencyHistogram.empty(), 6, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maintenance counts (6, degraded 0, failed 0)");
    assertThatThrownBy(() -> Rollup.of(KEY, Resolution.MINUTE, T0, 5, 1, failures, LatencyHistogram.empty(), 3, 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failed 3");
    assertThatThrownBy(() -> Rollup.of(KEY, Resolution.MINUTE, T0, 5, 1, failures, LatencyHistogram.empty(), 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maintenanceCount 1 must cover maintenanceDegraded 1 and maintenanceFailed 1");
  }

  @Test
  void mixedSeriesResolutionsOrRepeatedStartsAreRefused() {
    Rollup ams = Rollup.empty(KEY, Resolution.MINUTE, T0);
    Rollup nyc = Rollup.empty(SeriesKey.of("NC027", "nyc"), Resolution.MINUTE, T0.plus(Duration.ofMinutes(1)));
    assertThatThrownBy(() -> RollupCodec.encode(Resolution.MINUTE, List.of(ams, nyc)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different series");
    assertThatThrownBy(() -> RollupCodec.encode(Resolution.HOUR, List.of(ams)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MINUTE");
    assertThatThrownBy(() -> RollupCodec.encode(Resolution.MINUTE, List.of(ams, ams)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same start");
    assertThatThrownBy(() -> RollupCodec.decode(KEY, Resolution.MINUTE, new byte[] {0, 5, 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
