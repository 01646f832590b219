package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front for a plain SMTP server on 127.0.0.1 (such as GreenMail) that requires STARTTLS:
 * it answers EHLO offering STARTTLS, refuses mail before it, performs the TLS handshake with a
 * {@link TestCertificate}, and then relays the protected session to the server behind it (whose
 * greeting it swallows; the client's second EHLO goes to that server). So a client's STARTTLS,
 * certificate check and host name check are tested against a real mail server.
 *
 * <p>Thread-safe.
 */
public final class StartTlsRelay extends LocalServer {
  private final SSLContext tls;
  private final int upstreamPort;
  private final AtomicInteger handshakes = new AtomicInteger();

  /**
   * Starts a relay.
   *
   * @param certificate what the relay presents after STARTTLS
   * @param upstreamPort the port of the plain SMTP server on 127.0.0.1
   */
  public StartTlsRelay(TestCertificate certificate, int upstreamPort) {
    super("starttls-relay");
    this.tls = requireNonNull(certificate, "certificate").serverContext();
    this.upstreamPort = upstreamPort;
    start();
  }

  /** TLS handshakes completed so far. */
  public int handshakes() {
    return handshakes.get();
  }

  @Override
  protected void serve(Socket socket) throws IOException {
    socket.setSoTimeout(30_000);
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    send(out, "220 relay.test ESMTP StatusKit STARTTLS relay");
    String line;
    while ((line = HttpTestServer.readLine(in)) != null) {
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO" -> send(out, "250-relay.test\r\n250-STARTTLS\r\n250 8BITMIME");
        case "HELO" -> send(out, "250 relay.test");
        case "NOOP" -> send(out, "250 2.0.0 OK");
        case "QUIT" -> {
          send(out, "221 2.0.0 Bye");
          return;
        }
        case "STARTTLS" -> {
          send(out, "220 2.0.0 Ready to start TLS");
          SSLSocket ssl = tls(socket, tls);
          ssl.startHandshake();
          handshakes.incrementAndGet();
          relay(ssl);
          return;
        }
        default -> send(out, "530 5.7.0 Must issue a STARTTLS command first");
      }
    }
  }

  private void relay(SSLSocket client) throws IOException {
    try (Socket upstream = new Socket(InetAddress.getByName(HOST), upstreamPort)) {
      upstream.setSoTimeout(30_000);
      InputStream fromServer = upstream.getInputStream();
      String greeting;
      do {
        greeting = HttpTestServer.readLine(fromServer);
      } while (greeting != null && !greeting.startsWith("220 "));
      Thread back =
          new Thread(
              () -> {
                try {
                  fromServer.transferTo(client.getOutputStream());
                } catch (IOException e) {
                  // either side closed
                } finally {
                  try {
                    client.close();
                  } catch (IOException ignored) {
                    // closing anyway
                  }
                }
              },
              "starttls-relay-back");
      back.setDaemon(true);
      back.start();
      try {
        client.getInputStream().transferTo(upstream.getOutputStream());
      } catch (IOException e) {
        // either side closed
      }
      upstream.shutdownOutput();
      try {
        back.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
