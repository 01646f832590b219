package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server that misbehaves in one chosen way: accepts and never speaks, resets the connection,
 * closes at once, or sends some bytes and then stalls.
 *
 * <p>Thread-safe.
 */
public final class HostileServer extends LocalServer {
  /** How a hostile server misbehaves. */
  public enum Behaviour {
    /** Accepts, reads and discards whatever comes, and never sends a byte. */
    SILENT,
    /** Accepts and resets the connection (TCP RST). */
    RESET,
    /** Accepts and closes the connection normally (FIN) without sending anything. */
    CLOSE,
    /** Sends the configured bytes and then stalls, never closing. */
    SEND_THEN_STALL,
    /** Sends the configured bytes and then closes. */
    SEND_THEN_CLOSE
  }

  private final Behaviour behaviour;
  private final byte[] bytes;

  private HostileServer(Behaviour behaviour, byte[] bytes) {
    super("hostile-" + behaviour.name().toLowerCase(java.util.Locale.ROOT));
    this.behaviour = requireNonNull(behaviour, "behaviour");
    this.bytes = bytes.clone();
    start();
  }

  /** Accepts and never sends anything (a tarpit). */
  public static HostileServer silent() {
    return new HostileServer(Behaviour.SILENT, new byte[0]);
  }

  /** Accepts and resets every connection. */
  public static HostileServer resetting() {
    return new HostileServer(Behaviour.RESET, new byte[0]);
  }

  /** Accepts and closes every connection without a word. */
  public static HostileServer closing() {
    return new HostileServer(Behaviour.CLOSE, new byte[0]);
  }

  /** Sends {@code text} (ISO-8859-1) and stalls: such as an HTTP status line and no more. */
  public static HostileServer sendThenStall(String text) {
    return new HostileServer(Behaviour.SEND_THEN_STALL, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends {@code text} (ISO-8859-1) and closes: such as garbage instead of a banner. */
  public static HostileServer sendThenClose(String text) {
    return new HostileServer(Behaviour.SEND_THEN_CLOSE, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The behaviour. */
  public Behaviour behaviour() {
    return behaviour;
  }

  @Override
  protected void serve(Socket socket) throws IOException {
    switch (behaviour) {
      case RESET:
        socket.setSoLinger(true, 0);
        return;
      case CLOSE:
        return;
      case SEND_THEN_CLOSE:
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        socket.shutdownOutput();
        drain(socket, 200);
        return;
      case SEND_THEN_STALL:
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        drain(socket, Long.MAX_VALUE);
        return;
      case SILENT:
        drain(socket, Long.MAX_VALUE);
        return;
    }
  }

  /** Reads and discards until the peer closes, the server closes, or {@code millis} pass. */
  private void drain(Socket socket, long millis) throws IOException {
    socket.setSoTimeout(50);
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[4096];
    long end = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000L;
    while (!isClosed() && System.nanoTime() < end) {
      try {
        if (in.read(sink) < 0) {
          return; // the client gave up and closed
        }
      } catch (java.net.SocketTimeoutException e) {
        // poll again
      }
    }
  }
}
