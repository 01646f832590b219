package io.statuskit.examples.live;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.page.Ping;
import io.statuskit.page.PingSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest live checks per server, at most {@code capacity} each (the oldest are dropped),
 * as the page reads them. Thread-safe.
 */
public final class LivePings implements PingSource {
  private final int capacity;
  private final Map<String, Deque<Ping>> history = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();

  /**
   * A store of pings.
   *
   * @throws IllegalArgumentException if capacity is not positive
   */
  public LivePings(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records a check of a server. */
  public void record(String serverId, Ping ping) {
    requireNonNull(serverId, "serverId");
    requireNonNull(ping, "ping");
    Deque<Ping> pings = history.computeIfAbsent(serverId, id -> new ArrayDeque<>());
    synchronized (pings) {
      pings.addLast(ping);
      while (pings.size() > capacity) {
        pings.removeFirst();
      }
    }
    version.incrementAndGet();
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public Optional<Ping> latest(String serverId) {
    Deque<Ping> pings = history.get(serverId);
    if (pings == null) {
      return Optional.empty();
    }
    synchronized (pings) {
      return Optional.ofNullable(pings.peekLast());
    }
  }

  @Override
  public ImmutableList<Ping> history(String serverId) {
    Deque<Ping> pings = history.get(serverId);
    if (pings == null) {
      return ImmutableList.of();
    }
    synchronized (pings) {
      return ImmutableList.copyOf(pings);
    }
  }
}
