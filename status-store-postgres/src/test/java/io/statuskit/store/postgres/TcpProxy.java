package io.statuskit.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 in front of the test database, so a test can take the database away
 * (refuse connections, cut them) and bring it back without touching the real server, and can cut
 * a connection at an exact point of the protocol: before a statement reaches the server, or
 * after a {@code COMMIT} reached it but before its answer came back.
 */
final class TcpProxy implements AutoCloseable {
  /** Where to cut the next writer connection (one that has sent an insert into the events). */
  enum Cut {
    /** Drop the insert before the server sees it: nothing was kept. */
    BEFORE_INSERT,
    /** Let the COMMIT through, drop its answer, then cut: the batch was kept. */
    AFTER_COMMIT
  }

  private final int port;
  private final int upstreamPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicReference<@Nullable Cut> armed = new AtomicReference<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private volatile @Nullable ServerSocket server;

  TcpProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = socket.getLocalPort();
    listen(socket);
  }

  int port() {
    return port;
  }

  /** Cuts a writer connection once, at the given point. */
  void arm(Cut cut) {
    armed.set(cut);
  }

  /** How many armed cuts happened. */
  int cuts() {
    return cuts.get();
  }

  /** The database goes away: open connections are cut and new ones refused. */
  synchronized void down() throws IOException {
    ServerSocket socket = server;
    server = null;
    if (socket != null) {
      socket.close();
    }
    cutAll();
  }

  /** The database comes back on the same port. */
  synchronized void up() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    listen(socket);
  }

  /** Cuts every open connection. */
  void cutAll() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  private void listen(ServerSocket socket) {
    server = socket;
    Thread acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          sockets.add(client);
          sockets.add(upstream);
          Connection connection = new Connection(client, upstream);
          start(() -> connection.pump(client, upstream, true));
          start(() -> connection.pump(upstream, client, false));
        } catch (IOException e) {
          // closed, or the upstream refused: the client sees its connection closed
        }
      }
    }, "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void start(Runnable pump) {
    Thread thread = new Thread(pump, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** One proxied connection, with what the cut needs to know about it. */
  private final class Connection {
    final Socket client;
    final Socket upstream;
    volatile boolean writer;
    volatile boolean dropAnswers;
    boolean notified; // pump thread to the server only

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void pump(Socket from, Socket to, boolean toServer) {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (toServer) {
            String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            if (System.getProperty("proxy.debug") != null) {
              System.err.println("proxy " + writer + ": " + text.replaceAll("[^ -~]", "."));
            }
            if (text.contains(".events (sequence")) {
              writer = true;
              if (armed.compareAndSet(Cut.BEFORE_INSERT, null)) {
                cuts.incrementAndGet();
                cut();
                return;
              }
            }
            // The writer's COMMIT is a server-prepared statement after its first use (no text to
            // match), but it is always the message after the pg_notify.
            boolean commit = notified;
            notified = writer && text.contains("pg_notify");
            if (commit && armed.compareAndSet(Cut.AFTER_COMMIT, null)) {
              dropAnswers = true;
              out.write(buffer, 0, n);
              out.flush();
              Thread.sleep(500); // the server commits; its answer is dropped
              cuts.incrementAndGet();
              cut();
              return;
            }
          } else if (dropAnswers) {
            continue;
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        cut();
      }
    }

    void cut() {
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

  @Override
  public void close() throws IOException {
    down();
  }
}
