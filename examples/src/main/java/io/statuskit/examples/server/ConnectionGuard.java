package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two limits Jetty does not have built in, kept on every connection of a connector:
 *
 * <ul>
 *   <li>A cap on connections open at once from one client address: one more is closed as soon as
 *       it is opened, before anything is read from it.
 *   <li>A header-read timeout: a connection that has started sending a request (bytes arrived
 *       while no request was being handled) but has not finished its header within the timeout
 *       is closed. Jetty's idle timeout alone does not stop a client that sends one byte every
 *       few seconds; this does. A silent kept-alive connection is left to the idle timeout.
 * </ul>
 *
 * <p>One daemon thread looks at every connection a few times per timeout (a few microseconds
 * per thousand connections). Thread-safe; close it to stop that thread.
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

  private final int maxPerAddress;
  private final long headerTimeoutNanos;
  private final Ticker ticker;
  private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final Map<Connection, Watch> watches = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper;
  private final LongAdder refused = new LongAdder();
  private final LongAdder timedOut = new LongAdder();

  ConnectionGuard(int maxPerAddress, Duration headerTimeout, Ticker ticker) {
    this.maxPerAddress = maxPerAddress;
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.ticker = requireNonNull(ticker, "ticker");
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("statuskit-header-timeout").setDaemon(true).build());
    long period = Math.max(50, Math.min(1000, headerTimeout.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /** The state of one connection as the sweeper sees it. */
  private static final class Watch {
    final @Nullable InetAddress address;
    volatile boolean active;
    volatile long idleBytes;
    volatile long partialSince = -1;

    Watch(@Nullable InetAddress address) {
      this.address = address;
    }
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = address(connection.getEndPoint().getRemoteSocketAddress());
    watches.put(connection, new Watch(address));
    if (address == null) {
      return;
    }
    int open = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    if (open > maxPerAddress) {
      refused.increment();
      log.debug("closing a connection from {}: {} open, at most {}", address.getHostAddress(), open, maxPerAddress);
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    Watch watch = watches.remove(connection);
    if (watch == null || watch.address == null) {
      return;
    }
    perAddress.computeIfPresent(watch.address, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /** A request on the connection is being handled: its header arrived in time. */
  void requestStarted(Connection connection) {
    Watch watch = watches.get(connection);
    if (watch != null) {
      watch.active = true;
      watch.partialSince = -1;
    }
  }

  /** A request on the connection was answered: the clock for the next header starts again. */
  void requestFinished(Connection connection) {
    Watch watch = watches.get(connection);
    if (watch != null) {
      watch.idleBytes = connection.getBytesIn();
      watch.partialSince = -1;
      watch.active = false;
    }
  }

  /** Connections closed because their address had too many open. */
  long refused() {
    return refused.sum();
  }

  /** Connections closed because their header took too long. */
  long timedOut() {
    return timedOut.sum();
  }

  private void sweep() {
    try {
      long now = ticker.read();
      for (Map.Entry<Connection, Watch> entry : watches.entrySet()) {
        Watch watch = entry.getValue();
        if (watch.active) {
          continue;
        }
        Connection connection = entry.getKey();
        if (watch.partialSince < 0) {
          if (connection.getBytesIn() > watch.idleBytes) {
            watch.partialSince = now;
          }
        } else if (now - watch.partialSince >= headerTimeoutNanos) {
          timedOut.increment();
          log.debug("closing {}: no complete request header within the header timeout", connection.getEndPoint().getRemoteSocketAddress());
          watches.remove(connection, watch);
          connection.getEndPoint().close();
          InetAddress address = watch.address;
          if (address != null) {
            perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("header timeout sweep failed", e);
    }
  }

  private static @Nullable InetAddress address(@Nullable SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
