package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver on 127.0.0.1 that speaks just enough HTTP/1.1 (a request line, headers, a
 * Content-Length body, keep-alive) to misbehave on purpose: each request gets the {@link Answer}
 * the test's function picks, and every request is recorded with the answer it got.
 */
final class Receiver implements AutoCloseable {
  /** How a request is answered. */
  enum Answer {
    /** 200 at once. */
    OK,
    /** 500 at once. */
    ERROR,
    /** 200 after 150 ms. */
    SLOW,
    /** Nothing until the gate opens (then 200, and the record says OK), or the client gives up. */
    HANG,
    /** The connection is reset (RST) without an answer. */
    RESET
  }

  /** A request as received. */
  record Request(String path, Map<String, String> headers, byte[] body, Answer answer) {
    String header(String name) {
      String value = headers.get(name.toLowerCase(Locale.ROOT));
      if (value == null) {
        throw new AssertionError("no header " + name + " in " + headers.keySet());
      }
      return value;
    }

    String key() {
      return header("Idempotency-Key");
    }

    long version() {
      return Long.parseLong(key().substring(key().lastIndexOf(':') + 1));
    }

    String subscriber() {
      return key().substring(0, key().lastIndexOf(':'));
    }
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Function<Request, Answer> script;
  private final CopyOnWriteArrayList<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  Receiver(Function<Request, Answer> script) throws IOException {
    this.script = script;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    threads.execute(this::acceptLoop);
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** Lets every hanging request be answered (200), now and from now on. */
  void openGate() {
    gate.countDown();
  }

  List<Request> requests() {
    return new ArrayList<>(requests);
  }

  List<Request> requests(String subscriberId) {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.subscriber().equals(subscriberId)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Every request as path, key and answer, for failure messages. */
  String summary() {
    StringBuilder b = new StringBuilder();
    for (Request r : requests) {
      b.append(r.path()).append(' ').append(r.headers().get("idempotency-key")).append(' ').append(r.answer()).append("; ");
    }
    return b.toString();
  }

  /** The distinct versions answered with success for a subscriber, in the order first answered. */
  List<Long> accepted(String subscriberId) {
    List<Long> out = new ArrayList<>();
    for (Request r : requests(subscriberId)) {
      if ((r.answer() == Answer.OK || r.answer() == Answer.SLOW) && !out.contains(r.version())) {
        out.add(r.version());
      }
    }
    return out;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < 10_000; i++) {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        Map<String, String> headers = new TreeMap<>();
        for (int h = 0; h < 200; h++) {
          String header = line(in);
          if (header == null || header.isEmpty()) {
            break;
          }
          int colon = header.indexOf(':');
          headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        String path = requestLine.split(" ")[1];
        Request probe = new Request(path, headers, body, Answer.OK);
        Answer answer = script.apply(probe);
        Request recorded = new Request(path, headers, body, answer);
        requests.add(recorded);
        switch (answer) {
          case OK -> respond(out, 200);
          case ERROR -> respond(out, 500);
          case SLOW -> {
            Thread.sleep(150);
            respond(out, 200);
          }
          case HANG -> {
            if (!gate.await(30, TimeUnit.SECONDS)) {
              return;
            }
            respond(out, 200);
            // answered after all: it counts as accepted from now on
            requests.set(requests.indexOf(recorded), new Request(path, headers, body, Answer.OK));
          }
          case RESET -> {
            socket.setSoLinger(true, 0);
            return;
          }
        }
      }
    } catch (SocketException e) {
      // the client gave up (a timeout) or went away
    } catch (IOException e) {
      // likewise
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(OutputStream out, int status) throws IOException {
    String reason = status == 200 ? "OK" : "Internal Server Error";
    out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok").getBytes(ISO_8859_1));
    out.flush();
  }

  private static @Nullable String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16_384; i++) {
      int c = in.read();
      if (c < 0) {
        return b.length() == 0 ? null : b.toString();
      }
      if (c == '\n') {
        int n = b.length();
        return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
      }
      b.append((char) c);
    }
    throw new IOException("line too long");
  }

  /** Waits until a condition holds, polling every 20 ms, at most {@code max}; whether it held. */
  static boolean await(Duration max, BooleanSupplier condition) throws InterruptedException {
    long rounds = Math.max(1, max.toMillis() / 20);
    for (long i = 0; i < rounds; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  static String text(byte[] body) {
    return new String(body, UTF_8);
  }

  @Override
  public void close() throws IOException {
    gate.countDown();
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    threads.shutdownNow();
  }
}
