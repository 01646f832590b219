package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;

import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The last results of one probe, in compact memory (13 bytes a result: time, latency in
 * microseconds, outcome), for latency percentiles and uptime over windows. When full, the oldest
 * result is dropped.
 *
 * <p>Thread-safe.
 */
public final class ProbeHistory {
  private final long[] atMillis;
  private final int[] latencyMicros;
  private final byte[] outcomes;
  private int start;
  private int size;

  /**
   * A history keeping at most {@code capacity} results.
   *
   * @throws IllegalArgumentException unless {@code capacity} is 1 to 1,000,000
   */
  public ProbeHistory(int capacity) {
    checkArgument(capacity >= 1 && capacity <= 1_000_000, "historyCapacity must be 1 to 1000000: %s", capacity);
    this.atMillis = new long[capacity];
    this.latencyMicros = new int[capacity];
    this.outcomes = new byte[capacity];
  }

  /**
   * Latency percentiles of the good (up or degraded) results in a window.
   *
   * @param count how many results the figures come from
   * @param p50 the median
   * @param p95 the 95th percentile
   * @param p99 the 99th percentile
   */
  public record LatencyPercentiles(int count, Duration p50, Duration p95, Duration p99) {}

  /** Adds a result observed at {@code at}. */
  public synchronized void add(Instant at, ProbeResult result) {
    int i;
    if (size < atMillis.length) {
      i = (start + size++) % atMillis.length;
    } else {
      i = start;
      start = (start + 1) % atMillis.length;
    }
    atMillis[i] = at.toEpochMilli();
    latencyMicros[i] = (int) Math.min(Integer.MAX_VALUE, result.latency().toNanos() / 1000);
    outcomes[i] = (byte) result.outcome().ordinal();
  }

  /** How many results are kept. */
  public synchronized int size() {
    return size;
  }

  /** The capacity. */
  public int capacity() {
    return atMillis.length;
  }

  /**
   * Nearest-rank percentiles of the latencies of good results observed in {@code [from, to)}; all
   * zero with a count of 0 when there are none.
   */
  public synchronized LatencyPercentiles latency(Instant from, Instant to) {
    long lo = from.toEpochMilli();
    long hi = to.toEpochMilli();
    int[] values = new int[size];
    int n = 0;
    for (int k = 0; k < size; k++) {
      int i = (start + k) % atMillis.length;
      Outcome o = Outcome.values()[outcomes[i]];
      if (atMillis[i] >= lo && atMillis[i] < hi && (o == Outcome.UP || o == Outcome.DEGRADED)) {
        values[n++] = latencyMicros[i];
      }
    }
    if (n == 0) {
      return new LatencyPercentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
    int[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return new LatencyPercentiles(n, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
  }

  private static Duration rank(int[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return Duration.ofNanos(sorted[Math.max(0, index)] * 1000L);
  }

  /**
   * The share of results in {@code [from, to)} that were not down (unsupported ones do not
   * count), or empty when there are none.
   */
  public synchronized OptionalDouble uptime(Instant from, Instant to) {
    long lo = from.toEpochMilli();
    long hi = to.toEpochMilli();
    int counted = 0;
    int good = 0;
    for (int k = 0; k < size; k++) {
      int i = (start + k) % atMillis.length;
      Outcome o = Outcome.values()[outcomes[i]];
      if (atMillis[i] >= lo && atMillis[i] < hi && o != Outcome.UNSUPPORTED) {
        counted++;
        if (o != Outcome.DOWN) {
          good++;
        }
      }
    }
    return counted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) good / counted);
  }
}
