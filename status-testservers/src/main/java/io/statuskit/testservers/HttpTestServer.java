package io.statuskit.testservers;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 server for tests with a fixed response per path: status, headers and body, an
 * optional delay before the headers, a body dripped byte by byte, or a huge generated body;
 * optionally over TLS with a {@link TestCertificate}. Every response closes the connection.
 * Unknown paths get 404.
 *
 * <p>Thread-safe.
 */
public final class HttpTestServer extends LocalServer {
  private final Map<String, Response> routes;
  private final @Nullable SSLContext tls;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private HttpTestServer(Builder b) {
    super(b.tls == null ? "http-test" : "https-test");
    this.routes = new ConcurrentHashMap<>(b.routes);
    this.tls = b.tls == null ? null : b.tls.serverContext();
    start();
  }

  /** A builder with no routes. */
  public static Builder builder() {
    return new Builder();
  }

  /** A server answering every path in {@code routes}. */
  public static HttpTestServer serving(String path, Response response) {
    return builder().route(path, response).build();
  }

  /** Replaces or adds the response for a path. */
  public void route(String path, Response response) {
    routes.put(requireNonNull(path, "path"), requireNonNull(response, "response"));
  }

  /** {@code http://127.0.0.1:port/path} (or https). */
  public String url(String path) {
    checkArgument(path.startsWith("/"), "path must start with '/': \"%s\"", path);
    return (tls == null ? "http" : "https") + "://" + HOST + ":" + port() + path;
  }

  /** The requests received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  protected void serve(Socket plain) throws IOException {
    Socket socket = tls == null ? plain : tls(plain, tls);
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    String requestLine = readLine(in);
    if (requestLine == null) {
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    String[] parts = requestLine.split(" ");
    String method = parts[0];
    String target = parts.length > 1 ? parts[1] : "/";
    requests.add(new Request(method, target, ImmutableMap.copyOf(headers)));
    String path = target.indexOf('?') >= 0 ? target.substring(0, target.indexOf('?')) : target;
    Response r = routes.getOrDefault(path, Response.status(404).body("not found"));
    if (!r.headerDelay().isZero() && !pause(r.headerDelay().toMillis())) {
      return;
    }
    OutputStream out = socket.getOutputStream();
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
    r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    long length = r.hugeBodySize() > 0 ? r.hugeBodySize() : r.body().length;
    if (!r.headers().containsKey("Content-Length")) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    if (method.equals("HEAD")) {
      return;
    }
    if (r.hugeBodySize() > 0) {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      long left = r.hugeBodySize();
      while (left > 0 && !isClosed()) {
        int n = (int) Math.min(chunk.length, left);
        out.write(chunk, 0, n);
        left -= n;
      }
    } else if (!r.drip().isZero()) {
      for (byte b : r.body()) {
        out.write(b);
        out.flush();
        if (!pause(r.drip().toMillis())) {
          return;
        }
      }
    } else {
      out.write(r.body());
    }
    out.flush();
  }

  static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (line.size() > 16 * 1024) {
        throw new IOException("line too long");
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 404:
        return "Not Found";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  /**
   * A request as received.
   *
   * @param method the method
   * @param target the request target (path and query)
   * @param headers the headers, names in lower case
   */
  public record Request(String method, String target, ImmutableMap<String, String> headers) {}

  /**
   * A canned response.
   *
   * <p>Immutable and thread-safe.
   *
   * @param status the status code
   * @param headers extra headers
   * @param body the body
   * @param headerDelay how long to wait before sending anything
   * @param drip when positive, the body is sent one byte per this interval
   * @param hugeBodySize when positive, a body of this many 'x' bytes is streamed instead
   */
  public record Response(
      int status,
      ImmutableMap<String, String> headers,
      byte[] body,
      Duration headerDelay,
      Duration drip,
      long hugeBodySize) {

    /** Validates every part. */
    public Response {
      checkArgument(status >= 100 && status <= 999, "status must be 100 to 999: %s", status);
      requireNonNull(headers, "headers");
      body = body.clone();
      requireNonNull(headerDelay, "headerDelay");
      requireNonNull(drip, "drip");
      checkArgument(hugeBodySize >= 0, "hugeBodySize must not be negative: %s", hugeBodySize);
    }

    /** 200 with a text body. */
    public static Response ok(String body) {
      return status(200).body(body);
    }

    /** The status with an empty body. */
    public static Response status(int status) {
      return new Response(status, ImmutableMap.of(), new byte[0], Duration.ZERO, Duration.ZERO, 0);
    }

    /** 302 to {@code location}. */
    public static Response redirect(String location) {
      return status(302).header("Location", location);
    }

    /** This response with a UTF-8 text body. */
    public Response body(String text) {
      return new Response(status, headers, text.getBytes(StandardCharsets.UTF_8), headerDelay, drip, 0);
    }

    /** This response with a header added. */
    public Response header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, ImmutableMap.copyOf(h), body, headerDelay, drip, hugeBodySize);
    }

    /** This response after waiting {@code delay}. */
    public Response delayed(Duration delay) {
      return new Response(status, headers, body, delay, drip, hugeBodySize);
    }

    /** This response with its body sent one byte per {@code interval}. */
    public Response dripped(Duration interval) {
      return new Response(status, headers, body, headerDelay, interval, hugeBodySize);
    }

    /** This response with a generated body of {@code size} bytes. */
    public Response huge(long size) {
      return new Response(status, headers, new byte[0], headerDelay, drip, size);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Response
          && ((Response) o).status == status
          && ((Response) o).headers.equals(headers)
          && java.util.Arrays.equals(((Response) o).body, body)
          && ((Response) o).headerDelay.equals(headerDelay)
          && ((Response) o).drip.equals(drip)
          && ((Response) o).hugeBodySize == hugeBodySize;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(status, headers, java.util.Arrays.hashCode(body), headerDelay, drip, hugeBodySize);
    }

    @Override
    public String toString() {
      return "Response[" + status + ", " + body.length + " bytes]";
    }

    /** A copy of the body. */
    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** Builds {@link HttpTestServer}s; not thread-safe. */
  public static final class Builder {
    private final Map<String, Response> routes = new LinkedHashMap<>();
    private @Nullable TestCertificate tls;

    private Builder() {}

    /** The response for a path. */
    public Builder route(String path, Response response) {
      checkArgument(path.startsWith("/"), "path must start with '/': \"%s\"", path);
      routes.put(path, requireNonNull(response, "response"));
      return this;
    }

    /** Serves HTTPS with this certificate. */
    public Builder tls(TestCertificate certificate) {
      this.tls = requireNonNull(certificate, "certificate");
      return this;
    }

    /** Binds and starts the server. */
    public HttpTestServer build() {
      return new HttpTestServer(this);
    }
  }

}
