package io.statuskit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void bucketsAreContiguousAndEachValueFallsInsideItsBucket() {
    for (int i = 0; i + 1 < LatencyHistogram.BUCKETS; i++) {
      assertThat(LatencyHistogram.highestValue(i) + 1).as("bucket %s", i).isEqualTo(LatencyHistogram.lowestValue(i + 1));
      long low = LatencyHistogram.lowestValue(i);
      long high = LatencyHistogram.highestValue(i);
      assertThat(LatencyHistogram.index(low)).isEqualTo(i);
      assertThat(LatencyHistogram.index(high)).isEqualTo(i);
      assertThat((double) (high - low)).as("width of bucket %s", i).isLessThanOrEqualTo(low * LatencyHistogram.RELATIVE_ERROR);
    }
    assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
    assertThat(LatencyHistogram.index(-5)).isZero();
  }

  @Test
  void percentilesLieWithinTheStatedErrorOfTheExactNearestRank() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(2_000);
      long[] values = new long[n];
      for (int i = 0; i < n; i++) {
        values[i] = (long) Math.exp(random.nextGaussian() * 1.5 + 9); // around 8 ms, wide
      }
      LatencyHistogram histogram = LatencyHistogram.of(values);
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      for (double p : new double[] {0, 1, 50, 90, 95, 99, 99.9, 100}) {
        long exact = sorted[(int) Math.max(0, Math.ceil(p / 100 * n) - 1)];
        long reported = histogram.valueAtPercentile(p);
        assertThat(reported).as("seed %s, p%s", seed, p).isBetween(exact, (long) (exact * (1 + LatencyHistogram.RELATIVE_ERROR)) + 1);
      }
    }
  }

  @Test
  void mergingEqualsHistogramOfTheUnion() {
    for (long seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      long[] a = random.longs(random.nextInt(300), 0, 5_000_000).toArray();
      long[] b = random.longs(random.nextInt(300), 0, 5_000_000).toArray();
      long[] both = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      assertThat(LatencyHistogram.of(a).merge(LatencyHistogram.of(b))).as("seed %s", seed).isEqualTo(LatencyHistogram.of(both));
    }
  }
}
