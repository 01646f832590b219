package io.statuskit.testservers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A TCP server on 127.0.0.1 and a free port that serves each connection on a thread of its own,
 * for tests. {@link #close()} closes the listening socket and every connection, and waits for its
 * threads to end.
 *
 * <p>Thread-safe.
 */
public abstract class LocalServer implements AutoCloseable {
  /** The loopback address servers bind to. */
  public static final String HOST = "127.0.0.1";

  private final ServerSocket listener;
  private final Thread acceptor;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger accepted = new AtomicInteger();
  private final String name;

  /**
   * Binds and starts accepting; subclasses finish their own fields before calling.
   *
   * @param name a name for threads
   */
  protected LocalServer(String name) {
    this.name = name;
    try {
      this.listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), 200);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind a test server on " + HOST, e);
    }
    this.acceptor = new Thread(this::acceptLoop, name + "-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
  }

  /** Starts the accept thread; call at the end of the subclass constructor. */
  protected final void start() {
    acceptor.start();
  }

  /** Serves one connection; the socket is closed afterwards. */
  protected abstract void serve(Socket socket) throws IOException;

  /** Wraps an accepted socket in TLS (server side) with the given context. */
  protected static SSLSocket tls(Socket socket, SSLContext context) throws IOException {
    SSLSocket ssl =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    ssl.setUseClientMode(false);
    return ssl;
  }

  private void acceptLoop() {
    while (!closed.get()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      Thread t =
          new Thread(
              () -> {
                try (socket) {
                  serve(socket);
                } catch (IOException | RuntimeException e) {
                  // the client went away or the test closed the server
                }
              },
              name + "-conn-" + listener.getLocalPort() + "-" + accepted.get());
      t.setDaemon(true);
      synchronized (this) {
        if (closed.get()) {
          closeQuietly(socket);
          return;
        }
        sockets.add(socket);
        threads.add(t);
      }
      t.start();
    }
  }

  /** The address to connect to: always {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /** The bound port. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code 127.0.0.1:port}. */
  public InetSocketAddress address() {
    return new InetSocketAddress(listener.getInetAddress(), port());
  }

  /** How many connections were accepted. */
  public int connections() {
    return accepted.get();
  }

  /** Whether the server is closed. */
  protected final boolean isClosed() {
    return closed.get();
  }

  /** Sleeps unless the server closes first; returns false when closed. */
  protected final boolean pause(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (!closed.get()) {
      long left = (end - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return true;
      }
      try {
        Thread.sleep(Math.min(left, 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** Closes the listener and every connection, and waits up to 5 seconds for the threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(listener);
    List<Socket> toClose;
    List<Thread> toJoin;
    synchronized (this) {
      toClose = new ArrayList<>(sockets);
      toJoin = new ArrayList<>(threads);
    }
    toClose.forEach(LocalServer::closeQuietly);
    try {
      acceptor.join(5_000);
      for (Thread t : toJoin) {
        t.interrupt();
        t.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeExtra();
  }

  /** Closes resources of a subclass; called once at the end of {@link #close()}. */
  protected void closeExtra() {}

  static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + HOST + ":" + port() + "]";
  }
}
