package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server for tests that presents a {@link TestCertificate}, completes the handshake, sends a
 * greeting line and closes.
 *
 * <p>Thread-safe.
 */
public final class TlsTestServer extends LocalServer {
  private final javax.net.ssl.SSLContext context;

  private TlsTestServer(TestCertificate certificate) {
    super("tls-test");
    this.context = requireNonNull(certificate, "certificate").serverContext();
    start();
  }

  /** A server presenting {@code certificate}. */
  public static TlsTestServer presenting(TestCertificate certificate) {
    return new TlsTestServer(certificate);
  }

  @Override
  protected void serve(Socket socket) throws IOException {
    SSLSocket ssl = tls(socket, context);
    ssl.setSoTimeout(10_000);
    ssl.startHandshake();
    ssl.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
    ssl.getOutputStream().flush();
  }
}
