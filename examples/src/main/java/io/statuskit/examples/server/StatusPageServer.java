package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.StatusSite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page web server, on the JDK's built-in {@code com.sun.net.httpserver}: {@code GET}
 * and {@code HEAD} of every {@link StatusSite} route with conditional GET on feeds and API documents,
 * and {@code POST /api/admin/...} handed to the {@link AdminApi}. Close it to stop.
 *
 * <p>Thread-safe; requests are served on a small pool of the server's own threads.
 */
public final class StatusPageServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusPageServer.class);
  private static final String ADMIN_PREFIX = "api/admin/";
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final StatusSite site;
  private final AdminApi admin;
  private final String basePath;

  private StatusPageServer(
      HttpServer server, ExecutorService executor, StatusSite site, AdminApi admin, String basePath) {
    this.server = server;
    this.executor = executor;
    this.site = site;
    this.admin = admin;
    this.basePath = basePath;
  }

  /**
   * Binds a server to an address without serving yet, so the port is known (port 0 picks a
   * free one) before the site, whose absolute links may need it, is made.
   *
   * @throws IOException if the address cannot be bound
   */
  public static Bound bind(InetSocketAddress address) throws IOException {
    requireNonNull(address, "address");
    noDelay();
    return new Bound(HttpServer.create(address, 64));
  }

  /** A bound server that does not serve yet; not thread-safe. */
  public static final class Bound implements AutoCloseable {
    private final HttpServer server;
    private boolean started;

    private Bound(HttpServer server) {
      this.server = server;
    }

    /** The port it is bound to. */
    public int port() {
      return server.getAddress().getPort();
    }

    /**
     * Starts serving.
     *
     * @param basePath the path the site lives under, such as {@code "/"}
     * @param site the routes
     * @param admin the admin API
     */
    public StatusPageServer start(String basePath, StatusSite site, AdminApi admin) {
      requireNonNull(basePath, "basePath");
      if (started) {
        throw new IllegalStateException("server: already started");
      }
      started = true;
      ExecutorService executor =
          Executors.newFixedThreadPool(
              8, new ThreadFactoryBuilder().setNameFormat("statuskit-http-%d").setDaemon(true).build());
      server.setExecutor(executor);
      StatusPageServer page = new StatusPageServer(server, executor, site, admin, basePath);
      server.createContext("/", page::handle);
      server.start();
      log.info("status page listening on http://{}:{}{}", server.getAddress().getHostString(), page.port(), basePath);
      return page;
    }

    /** Releases the port if the server was never started. */
    @Override
    public void close() {
      if (!started) {
        server.stop(0);
      }
    }
  }

  /**
   * Turns on TCP_NODELAY for the JDK's HTTP server unless the host set it: without it, small
   * responses on a kept-alive connection wait out the client's delayed ACK (about 40 ms each).
   * The JDK reads the property once, when its first HTTP server is made.
   */
  public static void noDelay() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getPath();
      Headers headers = exchange.getResponseHeaders();
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("Referrer-Policy", "no-referrer");
      if (!rawPath.startsWith(basePath)) {
        send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"), method);
        return;
      }
      String path = rawPath.substring(basePath.length());
      if (path.startsWith(ADMIN_PREFIX) || path.equals("api/admin")) {
        AdminApi.Reply reply =
            admin.handle(
                method,
                path.substring(Math.min(path.length(), ADMIN_PREFIX.length())),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestBody());
        reply.headers().forEach(headers::set);
        send(exchange, reply.status(), "application/json; charset=utf-8", reply.body(), method);
        return;
      }
      Headers request = exchange.getRequestHeaders();
      PageResponse response =
          site.handle(
              new PageRequest(
                  method,
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestURI().getRawQuery(),
                  request.getFirst("If-None-Match"),
                  request.getFirst("If-Modified-Since"),
                  request.getFirst("Accept-Encoding")));
      response.headers().forEach((name, value) -> {
        if (!name.equals("Content-Length")) {
          headers.set(name, value);
        }
      });
      if (method.equals("HEAD") || response.status() == 304) {
        String length = response.header("Content-Length");
        if (length != null) {
          headers.set("Content-Length", length);
        }
        exchange.sendResponseHeaders(response.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } catch (RuntimeException e) {
      log.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      try {
        send(exchange, 500, "text/plain; charset=utf-8", bytes("internal error\n"), exchange.getRequestMethod());
      } catch (IOException | RuntimeException ignored) {
        // the response had already begun; the connection is closed
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String method)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops listening and stops the threads; requests in flight are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
