package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets by key (a client address, an e-mail address): each key may take {@code capacity}
 * requests at once, and gets one back every {@code per / capacity}. Buckets of keys not seen for
 * {@code per} are forgotten (they would be full again), and at most {@code maxKeys} are kept (the
 * least recently used go first: a flood of addresses cannot fill the memory). Thread-safe.
 */
public final class RateLimiter {
  private final int capacity;
  private final long refillNanos;
  private final Ticker ticker;
  private final Cache<String, Bucket> buckets;

  /**
   * A limiter.
   *
   * @param capacity the most requests one key may make at once, 1 or more
   * @param per the time in which a key gets {@code capacity} requests back
   * @param maxKeys the most keys remembered
   * @param ticker the time source
   */
  public RateLimiter(int capacity, Duration per, int maxKeys, Ticker ticker) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    requireNonNull(per, "per");
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("per must be positive: " + per);
    }
    this.capacity = capacity;
    this.refillNanos = Math.max(1, per.toNanos() / capacity);
    this.ticker = requireNonNull(ticker, "ticker");
    this.buckets =
        CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterAccess(per.toNanos(), TimeUnit.NANOSECONDS)
            .maximumSize(maxKeys)
            .build();
  }

  /**
   * Takes one request for a key.
   *
   * @return empty when the request may go on; otherwise how many seconds (at least 1) until the
   *     key has a request again, for {@code Retry-After}
   */
  public OptionalLong take(String key) {
    requireNonNull(key, "key");
    Bucket bucket;
    try {
      bucket = buckets.get(key, () -> new Bucket(capacity, ticker.read()));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    synchronized (bucket) {
      long now = ticker.read();
      long earned = (now - bucket.refilledAt) / refillNanos;
      if (earned > 0) {
        bucket.tokens = (int) Math.min(capacity, bucket.tokens + earned);
        bucket.refilledAt = bucket.tokens == capacity ? now : bucket.refilledAt + earned * refillNanos;
      }
      if (bucket.tokens > 0) {
        bucket.tokens--;
        return OptionalLong.empty();
      }
      long waitNanos = bucket.refilledAt + refillNanos - now;
      return OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)));
    }
  }

  private static final class Bucket {
    int tokens;
    long refilledAt;

    Bucket(int tokens, long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }
  }
}
