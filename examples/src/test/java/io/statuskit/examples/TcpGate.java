package io.statuskit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on 127.0.0.1 in front of a local port, so a test can take a server away (cut every
 * connection and refuse new ones) and bring it back on the same port without touching the real
 * server. Thread-safe.
 */
final class TcpGate implements AutoCloseable {
  private final int port;
  private final int upstreamPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private @Nullable ServerSocket server; // guarded by this

  TcpGate(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.port = socket.getLocalPort();
    listen(socket);
  }

  int port() {
    return port;
  }

  /** The server goes away: open connections are cut, new ones refused. */
  synchronized void down() throws IOException {
    ServerSocket socket = server;
    server = null;
    if (socket != null) {
      socket.close();
    }
    for (Socket open : sockets) {
      closeQuietly(open);
    }
    sockets.clear();
  }

  /** The server comes back on the same port. */
  synchronized void up() throws IOException {
    if (server == null) {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      listen(socket);
    }
  }

  @Override
  public void close() throws IOException {
    down();
  }

  private synchronized void listen(ServerSocket socket) {
    server = socket;
    Thread acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket client = socket.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          sockets.add(client);
          sockets.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          // closed, or the upstream refused: the client sees its connection closed
        }
      }
    }, "tcp-gate-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // cut: the other direction notices too
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-gate-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
