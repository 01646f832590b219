package io.statuskit.examples.live;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Status;
import io.statuskit.monitor.MonitorEvent;
import io.statuskit.monitor.MonitorListener;
import io.statuskit.page.Ping;
import io.statuskit.page.PingSource;
import io.statuskit.probes.ProbeResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest live checks per server, at most {@code capacity} each (the oldest are dropped),
 * as the page reads them. It listens to a monitor ({@code monitor.subscribe(pings)}): every
 * probe result of every round becomes a check, including the results the engine made itself (a
 * hard timeout). Thread-safe.
 */
public final class LivePings implements PingSource, MonitorListener {
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

  /** Records every result of a completed round as a check of its server. */
  @Override
  public void onEvent(MonitorEvent event) {
    if (event instanceof MonitorEvent.RoundCompleted round) {
      for (ProbeResult result : round.results()) {
        record(round.serverId(), toPing(result, round.at()));
      }
    }
  }

  /** A probe result as the page shows it. */
  static Ping toPing(ProbeResult result, Instant at) {
    Status status;
    switch (result.outcome()) {
      case UP:
        status = Status.OPERATIONAL;
        break;
      case DEGRADED:
        status = Status.DEGRADED_PERFORMANCE;
        break;
      default:
        status = Status.MAJOR_OUTAGE;
    }
    String detail = result.message().isBlank() ? null : result.message();
    return new Ping(at, status, result.latency(), detail);
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
