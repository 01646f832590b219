package io.statuskit.testservers;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP server for tests: a chosen banner (good, 554, or garbage), EHLO answered with a
 * multi-line 250 (or a chosen rejection, such as the seed's {@code 554 5.7.1 ... Helo command
 * rejected}), STARTTLS offered with a {@link TestCertificate}, not offered, or accepted and then
 * broken, and QUIT. It records the commands it received.
 *
 * <p>Thread-safe.
 */
public final class SmtpTestServer extends LocalServer {
  /** How STARTTLS is handled. */
  public enum StartTls {
    /** Not offered; the command is answered with 502. */
    NOT_OFFERED,
    /** Offered and performed with the configured certificate. */
    OFFERED,
    /** Offered and answered with 220, but then the server sends plain garbage instead of TLS. */
    BROKEN
  }

  private final String banner;
  private final @Nullable String heloRejection;
  private final StartTls startTls;
  private final @Nullable SSLContext tls;
  private final List<String> commands = new CopyOnWriteArrayList<>();

  private SmtpTestServer(Builder b) {
    super("smtp-test");
    this.banner = b.banner;
    this.heloRejection = b.heloRejection;
    this.startTls = b.startTls;
    this.tls = b.certificate == null ? null : b.certificate.serverContext();
    start();
  }

  /** A builder for a well-behaved server without STARTTLS. */
  public static Builder builder() {
    return new Builder();
  }

  /** The commands received, in order, as sent (without line ends). */
  public ImmutableList<String> commands() {
    return ImmutableList.copyOf(commands);
  }

  @Override
  protected void serve(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    Socket current = socket;
    InputStream in = current.getInputStream();
    OutputStream out = current.getOutputStream();
    send(out, banner);
    boolean secure = false;
    String line;
    while ((line = HttpTestServer.readLine(in)) != null) {
      commands.add(line);
      String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      switch (verb) {
        case "EHLO":
        case "HELO":
          if (heloRejection != null) {
            send(out, heloRejection);
          } else {
            List<String> lines = new ArrayList<>();
            lines.add("mail.test Hello " + (line.length() > 5 ? line.substring(5) : ""));
            lines.add("PIPELINING");
            lines.add("SIZE 10240000");
            if (startTls != StartTls.NOT_OFFERED && !secure) {
              lines.add("STARTTLS");
            }
            lines.add("8BITMIME");
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
              reply.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
              reply.append(i == lines.size() - 1 ? "" : "\r\n");
            }
            send(out, reply.toString());
          }
          break;
        case "STARTTLS":
          if (startTls == StartTls.NOT_OFFERED || secure) {
            send(out, "502 5.5.1 STARTTLS not available");
          } else if (startTls == StartTls.BROKEN) {
            send(out, "220 2.0.0 Ready to start TLS");
            send(out, "this is not a TLS record, just plain text");
            return;
          } else {
            send(out, "220 2.0.0 Ready to start TLS");
            SSLSocket ssl = tls(current, requireNonNull(tls, "tls"));
            ssl.startHandshake();
            current = ssl;
            in = ssl.getInputStream();
            out = ssl.getOutputStream();
            secure = true;
          }
          break;
        case "QUIT":
          send(out, "221 2.0.0 Bye");
          return;
        case "NOOP":
          send(out, "250 2.0.0 OK");
          break;
        default:
          send(out, "500 5.5.2 Error: command not recognized");
          break;
      }
    }
  }

  private static void send(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Builds {@link SmtpTestServer}s; not thread-safe. */
  public static final class Builder {
    private String banner = "220 mail.test ESMTP StatusKit test server";
    private @Nullable String heloRejection;
    private StartTls startTls = StartTls.NOT_OFFERED;
    private @Nullable TestCertificate certificate;

    private Builder() {}

    /** The greeting, sent as is (may hold CRLFs for a multi-line greeting). */
    public Builder banner(String banner) {
      this.banner = requireNonNull(banner, "banner");
      return this;
    }

    /** Answers EHLO and HELO with this reply, such as {@code 554 5.7.1 ... rejected}. */
    public Builder rejectHelo(String reply) {
      this.heloRejection = requireNonNull(reply, "reply");
      return this;
    }

    /** Offers STARTTLS with this certificate. */
    public Builder startTls(TestCertificate certificate) {
      this.certificate = requireNonNull(certificate, "certificate");
      this.startTls = StartTls.OFFERED;
      return this;
    }

    /** Offers STARTTLS and then sends plain text instead of a TLS handshake. */
    public Builder brokenStartTls() {
      this.startTls = StartTls.BROKEN;
      return this;
    }

    /** Binds and starts the server. */
    public SmtpTestServer build() {
      return new SmtpTestServer(this);
    }
  }
}
