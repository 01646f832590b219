package io.statuskit.history;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * An immutable, mergeable latency histogram in microseconds with logarithmic buckets: values
 * below 32 µs are exact; above, each power of two is split into 32 equal buckets, so a bucket is
 * at most 1/32 of its lower bound wide. {@link #valueAtPercentile} reports the highest value of
 * the bucket that holds the nearest-rank percentile, so the figure is never below the exact one
 * and at most {@link #RELATIVE_ERROR} (3.125 %) above it. Values from 2^40 µs (about 12.7 days)
 * up are counted in the last bucket. Only non-empty buckets are kept, which is what keeps a
 * one-minute bucket with one result at a few bytes on disk. Thread-safe.
 */
public final class LatencyHistogram {
  /** The largest relative error of a reported percentile: it lies in {@code [exact, exact × (1 + this))}. */
  public static final double RELATIVE_ERROR = 1.0 / 32;

  static final int SUB_BITS = 5;
  static final int SUB = 1 << SUB_BITS;
  /** The largest value kept exactly in its own bucket range; larger values are clamped to it. */
  public static final long MAX_VALUE = (1L << 40) - 1;
  /** The number of buckets a dense histogram needs. */
  public static final int BUCKETS = index(MAX_VALUE) + 1;

  private static final LatencyHistogram EMPTY = new LatencyHistogram(new int[0], new long[0], 0);

  private final int[] indexes;
  private final long[] counts;
  private final long total;

  private LatencyHistogram(int[] indexes, long[] counts, long total) {
    this.indexes = indexes;
    this.counts = counts;
    this.total = total;
  }

  /** The histogram with no values. */
  public static LatencyHistogram empty() {
    return EMPTY;
  }

  /** A histogram of these values in microseconds (for tests and small inputs). */
  public static LatencyHistogram of(long... micros) {
    long[] dense = new long[BUCKETS];
    for (long value : micros) {
      dense[index(value)]++;
    }
    return fromDense(dense);
  }

  /** A histogram from dense per-bucket counts (copied); {@code dense.length} must be {@link #BUCKETS}. */
  public static LatencyHistogram fromDense(long[] dense) {
    checkArgument(dense.length == BUCKETS, "dense must have %s buckets, had %s", BUCKETS, dense.length);
    return fromDense(dense, 0, BUCKETS - 1);
  }

  static LatencyHistogram fromDense(long[] dense, int lowest, int highest) {
    int n = 0;
    for (int i = lowest; i <= highest; i++) {
      if (dense[i] != 0) {
        n++;
      }
    }
    if (n == 0) {
      return EMPTY;
    }
    int[] indexes = new int[n];
    long[] counts = new long[n];
    long total = 0;
    int j = 0;
    for (int i = lowest; i <= highest; i++) {
      if (dense[i] != 0) {
        checkArgument(dense[i] > 0, "bucket %s count must not be negative: %s", i, dense[i]);
        indexes[j] = i;
        counts[j++] = dense[i];
        total += dense[i];
      }
    }
    return new LatencyHistogram(indexes, counts, total);
  }

  /** A histogram from sparse bucket indexes (strictly increasing) and positive counts; the arrays are kept. */
  public static LatencyHistogram fromSparse(int[] indexes, long[] counts) {
    checkArgument(indexes.length == counts.length, "indexes and counts differ in length: %s, %s", indexes.length, counts.length);
    long total = 0;
    for (int i = 0; i < indexes.length; i++) {
      checkArgument(indexes[i] >= 0 && indexes[i] < BUCKETS, "bucket index out of range: %s", indexes[i]);
      checkArgument(i == 0 || indexes[i] > indexes[i - 1], "bucket indexes must increase: %s", Arrays.toString(indexes));
      checkArgument(counts[i] > 0, "bucket counts must be positive: %s", counts[i]);
      total += counts[i];
    }
    return indexes.length == 0 ? EMPTY : new LatencyHistogram(indexes, counts, total);
  }

  /** The bucket that holds this value in microseconds (negative values count as 0, huge ones as {@link #MAX_VALUE}). */
  public static int index(long micros) {
    long v = micros < 0 ? 0 : Math.min(micros, MAX_VALUE);
    if (v < SUB) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v);
    return (exponent - SUB_BITS + 1) * SUB + (int) (v >>> (exponent - SUB_BITS)) - SUB;
  }

  /** The smallest value in this bucket. */
  public static long lowestValue(int index) {
    if (index < SUB) {
      return index;
    }
    int exponent = index / SUB + SUB_BITS - 1;
    long mantissa = index % SUB + SUB;
    return mantissa << (exponent - SUB_BITS);
  }

  /** The largest value in this bucket. */
  public static long highestValue(int index) {
    return index < SUB ? index : lowestValue(index + 1) - 1;
  }

  /** The number of values. */
  public long totalCount() {
    return total;
  }

  /** The number of non-empty buckets. */
  public int bucketCount() {
    return indexes.length;
  }

  /** The index of the {@code i}th non-empty bucket. */
  public int bucketIndex(int i) {
    return indexes[i];
  }

  /** The count of the {@code i}th non-empty bucket. */
  public long bucketValueCount(int i) {
    return counts[i];
  }

  /**
   * The nearest-rank percentile in microseconds (the highest value of its bucket), 0 if empty.
   *
   * @param percentile 0 to 100
   */
  public long valueAtPercentile(double percentile) {
    checkArgument(percentile >= 0 && percentile <= 100, "percentile must be 0 to 100: %s", percentile);
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100 * total));
    long seen = 0;
    for (int i = 0; i < indexes.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return highestValue(indexes[i]);
      }
    }
    return highestValue(indexes[indexes.length - 1]);
  }

  /** The sum of this and that histogram. */
  public LatencyHistogram merge(LatencyHistogram that) {
    if (that.total == 0) {
      return this;
    }
    if (total == 0) {
      return that;
    }
    int[] mergedIndexes = new int[indexes.length + that.indexes.length];
    long[] mergedCounts = new long[mergedIndexes.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < indexes.length || j < that.indexes.length) {
      if (j == that.indexes.length || (i < indexes.length && indexes[i] < that.indexes[j])) {
        mergedIndexes[n] = indexes[i];
        mergedCounts[n++] = counts[i++];
      } else if (i == indexes.length || that.indexes[j] < indexes[i]) {
        mergedIndexes[n] = that.indexes[j];
        mergedCounts[n++] = that.counts[j++];
      } else {
        mergedIndexes[n] = indexes[i];
        mergedCounts[n++] = counts[i++] + that.counts[j++];
      }
    }
    return new LatencyHistogram(
        Arrays.copyOf(mergedIndexes, n), Arrays.copyOf(mergedCounts, n), total + that.total);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram that
        && Arrays.equals(indexes, that.indexes)
        && Arrays.equals(counts, that.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indexes) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return total == 0
        ? "LatencyHistogram{empty}"
        : "LatencyHistogram{n=" + total + ", p50=" + valueAtPercentile(50) + "µs, p99=" + valueAtPercentile(99) + "µs}";
  }
}
