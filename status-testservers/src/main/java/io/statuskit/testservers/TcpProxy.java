package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 in front of a local port, so a test can take a real server away and
 * bring it back without touching it: {@link #down()} cuts every connection and refuses new ones,
 * {@link #up()} listens again on the same port, {@link #cutAll()} cuts the open connections only.
 * A {@link Tap} can also cut one connection at an exact point of its protocol: before a message
 * reaches the server, or after the server acted on it but before its answer reaches the client
 * (a commit that the client never hears of).
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.to(5432)) {
 *   String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";
 *   proxy.down(); // the database is gone
 *   proxy.up();   // and back
 * }
 * }</pre>
 *
 * <p>Each connection is pumped by two daemon threads; {@link #close()} cuts everything and waits
 * for them. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
  /** How long {@link Verdict#FORWARD_THEN_CUT} waits for the upstream's answer before cutting anyway. */
  private static final long ANSWER_WAIT_MILLIS = 10_000;

  /**
   * Looks at what a client sends to the upstream, one chunk as read at a time, and decides what
   * happens to it. Each connection has a tap of its own (from the supplier given to {@link
   * #to(int, Supplier)}), called on one thread, so a tap may keep the connection's state in plain
   * fields.
   */
  @FunctionalInterface
  public interface Tap {
    /**
     * What to do with a chunk the client sent.
     *
     * @param chunk the bytes as read from the client (a copy the tap may keep)
     */
    Verdict onClientData(byte[] chunk);
  }

  /** A {@link Tap}'s decision about one chunk from the client. */
  public enum Verdict {
    /** Pass it on to the upstream. */
    FORWARD,
    /** Drop it (the upstream never sees it) and cut the connection. */
    CUT,
    /**
     * Pass it on, drop what the upstream answers, and cut the connection as soon as the answer
     * begins: the upstream has acted on the chunk, the client never learns of it.
     */
    FORWARD_THEN_CUT
  }

  private final int port;
  private final int upstreamPort;
  private final Supplier<? extends Tap> taps;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private @Nullable ServerSocket listener; // guarded by this

  private TcpProxy(int upstreamPort, Supplier<? extends Tap> taps) throws IOException {
    if (upstreamPort < 1 || upstreamPort > 65_535) {
      throw new IllegalArgumentException("upstreamPort must be 1 to 65535: " + upstreamPort);
    }
    this.upstreamPort = upstreamPort;
    this.taps = requireNonNull(taps, "taps");
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = socket.getLocalPort();
    listen(socket);
  }

  /**
   * A proxy on a free port of 127.0.0.1 that passes everything on to {@code upstreamPort} on
   * 127.0.0.1.
   *
   * @throws IllegalArgumentException if the port is not 1 to 65535
   */
  public static TcpProxy to(int upstreamPort) throws IOException {
    return new TcpProxy(upstreamPort, () -> chunk -> Verdict.FORWARD);
  }

  /**
   * A proxy to {@code upstreamPort} on 127.0.0.1 whose connections each get a tap from {@code
   * taps}.
   *
   * @throws IllegalArgumentException if the port is not 1 to 65535
   */
  public static TcpProxy to(int upstreamPort, Supplier<? extends Tap> taps) throws IOException {
    return new TcpProxy(upstreamPort, taps);
  }

  /** The port clients connect to, the same after {@link #down()} and {@link #up()}. */
  public int port() {
    return port;
  }

  /** How many connections a tap cut ({@link Verdict#CUT} or {@link Verdict#FORWARD_THEN_CUT}). */
  public int cuts() {
    return cuts.get();
  }

  /** The server goes away: every open connection is cut and new ones are refused. */
  public synchronized void down() throws IOException {
    ServerSocket socket = listener;
    listener = null;
    if (socket != null) {
      socket.close();
    }
    cutAll();
  }

  /** The server comes back on the same port; nothing happens if it is up. */
  public synchronized void up() throws IOException {
    if (listener == null) {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      listen(socket);
    }
  }

  /** Cuts every open connection; new ones are still accepted. */
  public void cutAll() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Cuts everything, stops listening and waits for the proxy's threads to end. */
  @Override
  public void close() throws IOException {
    down();
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void listen(ServerSocket socket) {
    listener = socket;
    start("tcp-proxy-accept-" + port, () -> {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          Socket upstream;
          try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          } catch (IOException e) {
            closeQuietly(client); // the upstream refused: so does the proxy
            continue;
          }
          Connection connection = new Connection(client, upstream, requireNonNull(taps.get(), "tap"));
          sockets.add(client);
          sockets.add(upstream);
          if (socket.isClosed()) {
            connection.cut(); // down() came while this one was being accepted
            continue;
          }
          start("tcp-proxy-up-" + port, connection::toUpstream);
          start("tcp-proxy-down-" + port, connection::toClient);
        } catch (IOException e) {
          // closed: down() or close()
        }
      }
    });
  }

  private void start(String name, Runnable task) {
    threads.removeIf(thread -> !thread.isAlive());
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** One proxied connection: the client, the upstream, and the tap deciding about it. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream;
    private final Tap tap;
    private final CountDownLatch answered = new CountDownLatch(1);
    private volatile boolean dropAnswers;

    Connection(Socket client, Socket upstream, Tap tap) {
      this.client = client;
      this.upstream = upstream;
      this.tap = tap;
    }

    void toUpstream() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          Verdict verdict = tap.onClientData(Arrays.copyOf(buffer, n));
          if (verdict == Verdict.CUT) {
            cuts.incrementAndGet();
            return;
          }
          if (verdict == Verdict.FORWARD_THEN_CUT) {
            dropAnswers = true;
          }
          out.write(buffer, 0, n);
          out.flush();
          if (verdict == Verdict.FORWARD_THEN_CUT) {
            answered.await(ANSWER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            cuts.incrementAndGet();
            return;
          }
        }
      } catch (IOException e) {
        // cut
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        cut();
      }
    }

    void toClient() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (dropAnswers) {
            answered.countDown();
            return;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut
      } finally {
        answered.countDown();
        cut();
      }
    }

    private void cut() {
      closeQuietly(client);
      closeQuietly(upstream);
      sockets.remove(client);
      sockets.remove(upstream);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }
}
