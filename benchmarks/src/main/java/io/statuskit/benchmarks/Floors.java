package io.statuskit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The raw JDK floors the probes are measured against: the least work the JDK needs to do the
 * same thing, with no result objects, no timers and no error handling beyond failing. Not
 * thread-safe; one per benchmark thread.
 */
final class Floors {
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);

  /**
   * Connects to every address in turn with a blocking {@code SocketChannel} and closes it: the
   * cheapest way the JDK has to learn that a port accepts, with no concurrency at all (so a round
   * of N takes N round trips). Returns how many succeeded.
   */
  static int connectEachBlocking(InetSocketAddress[] targets) {
    int done = 0;
    for (InetSocketAddress target : targets) {
      try (SocketChannel channel = SocketChannel.open(target)) {
        done++;
      } catch (IOException e) {
        // counted as not done
      }
    }
    return done;
  }

  /**
   * Connects to every address at once through one selector, closes each as soon as it is
   * connected (or, with {@code banner}, once its first line has arrived), and returns how many
   * succeeded.
   */
  int connectAll(InetSocketAddress[] targets, boolean banner, long timeoutMillis) throws IOException {
    int done = 0;
    int pending = 0;
    try (Selector selector = Selector.open()) {
      for (InetSocketAddress target : targets) {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        if (channel.connect(target)) {
          if (banner) {
            channel.register(selector, SelectionKey.OP_READ);
            pending++;
          } else {
            channel.close();
            done++;
          }
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT);
          pending++;
        }
      }
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      while (pending > 0) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          break;
        }
        selector.select(left);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          SocketChannel channel = (SocketChannel) key.channel();
          try {
            if (key.isConnectable()) {
              channel.finishConnect();
              if (banner) {
                key.interestOps(SelectionKey.OP_READ);
                continue;
              }
              done++;
            } else if (key.isReadable()) {
              buffer.clear();
              int n = channel.read(buffer);
              if (n > 0 && !endsLine(buffer)) {
                continue;
              }
              if (n > 0) {
                done++;
              }
            }
          } catch (IOException e) {
            // counted as not done
          }
          key.cancel();
          channel.close();
          pending--;
        }
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
    }
    return done;
  }

  private static boolean endsLine(ByteBuffer buffer) {
    for (int i = 0; i < buffer.position(); i++) {
      if (buffer.get(i) == '\n') {
        return true;
      }
    }
    return false;
  }

  /** One HTTP/1.1 GET with {@code Connection: close} on a blocking socket; returns the status. */
  static int httpGet(InetSocketAddress target, String path) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(target, 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + target.getHostString() + ":" + target.getPort()
                  + "\r\nUser-Agent: floor\r\nAccept: */*\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] response = in.readAllBytes();
      String head = new String(response, 0, Math.min(response.length, 12), StandardCharsets.US_ASCII);
      return Integer.parseInt(head.substring(9, 12));
    }
  }

  /**
   * One full TLS handshake on a blocking {@link SSLSocket} with SNI and host name verification,
   * then close; returns the negotiated protocol.
   */
  static String tlsHandshake(SSLContext context, InetSocketAddress target, String serverName) throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(target, 5_000);
      socket.setSoTimeout(5_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(java.util.List.of(new SNIHostName(serverName)));
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      String protocol = socket.getSession().getProtocol();
      socket.getSession().invalidate();
      return protocol;
    }
  }
}
