package io.statuskit.examples.live;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three tiny services on 127.0.0.1 for the example page's probes to check, so its Ping column is
 * live without reaching the internet: a web server ({@code GET /} answers 200), a mail server
 * that greets with an SMTP banner and answers EHLO and QUIT, and a name server that answers
 * every A question with 127.0.0.1. Each listens on a free port. Close to stop them.
 *
 * <p>They are demos, not servers to expose: they listen on the loopback address only. Thread-safe.
 */
public final class DemoServices implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoServices.class);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final HttpServer http;
  private final ServerSocket smtp;
  private final DatagramSocket dns;
  private final ExecutorService threads;

  private DemoServices(HttpServer http, ServerSocket smtp, DatagramSocket dns, ExecutorService threads) {
    this.http = http;
    this.smtp = smtp;
    this.dns = dns;
    this.threads = threads;
  }

  /**
   * Starts the three services.
   *
   * @throws IOException if a port cannot be bound
   */
  public static DemoServices start() throws IOException {
    ExecutorService threads =
        Executors.newCachedThreadPool(new ThreadFactoryBuilder().setNameFormat("statuskit-demo-%d").setDaemon(true).build());
    // Without TCP_NODELAY, small responses on a kept-alive connection wait out the client's
    // delayed ACK (about 40 ms each); the JDK reads the property when its first server is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
    http.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = "<!DOCTYPE html><title>demo</title><p>StatusKit demo web server</p>\n".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    http.setExecutor(threads);
    http.start();
    ServerSocket smtp = new ServerSocket(0, 16, LOOPBACK);
    DatagramSocket dns = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    DemoServices services = new DemoServices(http, smtp, dns, threads);
    threads.execute(services::acceptSmtp);
    threads.execute(services::answerDns);
    log.info("demo services: http 127.0.0.1:{}, smtp 127.0.0.1:{}, dns 127.0.0.1:{}", services.httpPort(), services.smtpPort(), services.dnsPort());
    return services;
  }

  /** The web server's port. */
  public int httpPort() {
    return http.getAddress().getPort();
  }

  /** The mail server's port. */
  public int smtpPort() {
    return smtp.getLocalPort();
  }

  /** The name server's UDP port. */
  public int dnsPort() {
    return dns.getLocalPort();
  }

  private void acceptSmtp() {
    while (!smtp.isClosed()) {
      try {
        Socket socket = smtp.accept();
        threads.execute(() -> converse(socket));
      } catch (IOException e) {
        if (!smtp.isClosed()) {
          log.warn("demo smtp: accept failed", e);
        }
      }
    }
  }

  private static void converse(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      Writer out = new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      out.write("220 demo.statuskit.invalid ESMTP StatusKit demo\r\n");
      out.flush();
      for (int lines = 0; lines < 20; lines++) {
        String line = in.readLine();
        if (line == null) {
          return;
        }
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
        switch (command) {
          case "EHLO":
            out.write("250-demo.statuskit.invalid\r\n250 8BITMIME\r\n");
            break;
          case "HELO":
          case "NOOP":
          case "RSET":
            out.write("250 OK\r\n");
            break;
          case "QUIT":
            out.write("221 Bye\r\n");
            out.flush();
            return;
          default:
            out.write("502 Not implemented in the demo\r\n");
        }
        out.flush();
      }
    } catch (IOException e) {
      log.debug("demo smtp: conversation ended: {}", e.toString());
    }
  }

  private void answerDns() {
    byte[] buffer = new byte[512];
    while (!dns.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        dns.receive(packet);
        byte[] answer = answer(buffer, packet.getLength());
        if (answer.length > 0) {
          dns.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (SocketException e) {
        if (!dns.isClosed()) {
          log.warn("demo dns: socket failed", e);
        }
      } catch (IOException | RuntimeException e) {
        log.debug("demo dns: bad query: {}", e.toString());
      }
    }
  }

  /**
   * The answer to one query (RFC 1035 section 4): the question echoed and, for a question of
   * type A or ANY, one A record 127.0.0.1 with a TTL of 60 s; an empty array for what is not a
   * query with exactly one question.
   */
  static byte[] answer(byte[] query, int length) {
    if (length < 12) {
      return new byte[0];
    }
    ByteBuffer in = ByteBuffer.wrap(query, 0, length);
    int id = in.getShort(0) & 0xffff;
    int flags = in.getShort(2) & 0xffff;
    int questions = in.getShort(4) & 0xffff;
    if ((flags & 0x8000) != 0 || questions != 1) {
      return new byte[0];
    }
    int position = 12;
    while (position < length && query[position] != 0) {
      int label = query[position] & 0xff;
      if (label > 63) {
        return new byte[0];
      }
      position += label + 1;
    }
    int questionEnd = position + 5;
    if (questionEnd > length) {
      return new byte[0];
    }
    int type = ((query[position + 1] & 0xff) << 8) | (query[position + 2] & 0xff);
    boolean answered = type == 1 || type == 255;
    ByteBuffer out = ByteBuffer.allocate(questionEnd + 16);
    out.putShort((short) id);
    out.putShort((short) (0x8400 | (flags & 0x0100))); // response, authoritative, recursion desired copied
    out.putShort((short) 1);
    out.putShort((short) (answered ? 1 : 0));
    out.putShort((short) 0);
    out.putShort((short) 0);
    out.put(query, 12, questionEnd - 12);
    if (answered) {
      out.putShort((short) 0xc00c); // the question's name
      out.putShort((short) 1); // A
      out.putShort((short) 1); // IN
      out.putInt(60);
      out.putShort((short) 4);
      out.put(new byte[] {127, 0, 0, 1});
    }
    byte[] answer = new byte[out.position()];
    out.flip();
    out.get(answer);
    return answer;
  }

  @Override
  public void close() {
    http.stop(0);
    try {
      smtp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      dns.close();
      threads.shutdownNow();
      try {
        threads.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
