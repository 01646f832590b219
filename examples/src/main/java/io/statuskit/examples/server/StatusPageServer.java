package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableMap;
import io.statuskit.page.Audience;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.StatusSite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page web server on embedded Jetty 12 (core handlers, no servlet container): one
 * small handler turns each request into a {@link PageRequest} for the {@link StatusSite}, sends
 * {@code /api/admin/...} to the {@link AdminApi} and {@code /heartbeat/...} to the {@link
 * HeartbeatRoute}, and answers {@code /healthz} (alive) and
 * {@code /readyz} (ready while the store answers and the server is not shutting down).
 *
 * <p>Reads are non-blocking: a slow client holds no thread. Every limit of {@link ServerSettings}
 * is in force: header size (431), request target (414), body (413), unknown HTTP versions (505),
 * malformed requests (400), a header-read timeout, an idle timeout, connections per client
 * address and in all. {@link #close()} stops accepting and lets requests in flight finish for up
 * to {@link ServerSettings#shutdownTimeout()}. Every request is logged in the combined format
 * through SLF4J, written by a background thread ({@code AsyncAccessLog}: a request never waits for
 * the log). The site's answers go out with header fields encoded once per document and variant.
 * Thread-safe.
 */
public final class StatusPageServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusPageServer.class);
  private static final String ADMIN = "api/admin";
  private static final String HEARTBEAT = "heartbeat/";
  /** How long stopping waits for the access log's queued lines to be written. */
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final Server server;
  private final ServerConnector connector;
  private final ConnectionGuard guard;

  private StatusPageServer(Server server, ServerConnector connector, ConnectionGuard guard) {
    this.server = server;
    this.connector = connector;
    this.guard = guard;
  }

  /**
   * Binds a server to an address without serving yet, so the port is known (port 0 picks a
   * free one) before the site, whose absolute links may need it, is made.
   *
   * @throws IOException if the address cannot be bound
   */
  public static Bound bind(InetSocketAddress address, ServerSettings settings) throws IOException {
    requireNonNull(address, "address");
    requireNonNull(settings, "settings");
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
    threads.setName("statuskit-http");
    threads.setDaemon(true);
    Server server = new Server(threads);
    server.setStopTimeout(settings.shutdownTimeout().toMillis());
    server.setStopAtShutdown(false);

    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(settings.maxRequestHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // The handler answers cached documents on the selector threads themselves (it is
    // non-blocking), so there is one per core rather than Jetty's default of one per two.
    int selectors = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ServerConnector connector = new ServerConnector(server, 1, selectors, new HttpConnectionFactory(http));
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    connector.setAcceptQueueSize(1024);
    ConnectionGuard guard =
        new ConnectionGuard(settings.maxConnectionsPerAddress(), settings.headerTimeout(), Ticker.systemTicker());
    connector.addBean(guard);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
    if (settings.accessLog()) {
      // Formatted on the request thread, written by a background thread: a request never waits
      // for the log's I/O (a full queue drops lines and counts them).
      AsyncAccessLog writer =
          AsyncAccessLog.toSlf4j(ServerSettings.ACCESS_LOGGER, AsyncAccessLog.DEFAULT_CAPACITY, FLUSH_TIMEOUT);
      server.setRequestLog(new SecretHidingRequestLog(new CustomRequestLog(writer, CustomRequestLog.EXTENDED_NCSA_FORMAT)));
    }
    try {
      connector.open();
    } catch (IOException | RuntimeException e) {
      guard.close();
      throw e;
    }
    return new Bound(server, connector, guard, settings);
  }

  /** A bound server that does not serve yet; not thread-safe. */
  public static final class Bound implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final ConnectionGuard guard;
    private final ServerSettings settings;
    private boolean started;

    private Bound(Server server, ServerConnector connector, ConnectionGuard guard, ServerSettings settings) {
      this.server = server;
      this.connector = connector;
      this.guard = guard;
      this.settings = settings;
    }

    /** The port it is bound to. */
    public int port() {
      return connector.getLocalPort();
    }

    /**
     * Starts serving.
     *
     * @param site the page's routes (under its base path)
     * @param admin the admin API
     * @param ready whether the page can serve (its store answers); {@code /readyz} asks it
     * @throws IOException if Jetty cannot start
     */
    public StatusPageServer start(StatusSite site, AdminApi admin, BooleanSupplier ready) throws IOException {
      return start(site, admin, HeartbeatRoute.off(), ready);
    }

    /**
     * Starts serving, with the heartbeat route.
     *
     * @param site the page's routes (under its base path)
     * @param admin the admin API
     * @param heartbeats the heartbeat route ({@code heartbeat/...} under the base path)
     * @param ready whether the page can serve (its store answers); {@code /readyz} asks it
     * @throws IOException if Jetty cannot start
     */
    public StatusPageServer start(StatusSite site, AdminApi admin, HeartbeatRoute heartbeats, BooleanSupplier ready)
        throws IOException {
      return start(site, admin, heartbeats, Subscriptions.off(), ready);
    }

    /**
     * Starts serving, with the heartbeat route and the subscription pages.
     *
     * @param site the page's routes (under its base path)
     * @param admin the admin API
     * @param heartbeats the heartbeat route ({@code heartbeat/...} under the base path)
     * @param subscriptions the subscribe form, confirmation and unsubscribe pages ({@code
     *     subscribe} and {@code subscriptions/...} under the base path)
     * @param ready whether the page can serve (its store answers); {@code /readyz} asks it
     * @throws IOException if Jetty cannot start
     */
    public StatusPageServer start(
        StatusSite site, AdminApi admin, HeartbeatRoute heartbeats, Subscriptions subscriptions, BooleanSupplier ready)
        throws IOException {
      requireNonNull(heartbeats, "heartbeats");
      requireNonNull(subscriptions, "subscriptions");
      if (started) {
        throw new IllegalStateException("server: already started");
      }
      started = true;
      GracefulHandler graceful = new GracefulHandler();
      SizeLimitHandler sizeLimit = new SizeLimitHandler(settings.maxBodyBytes(), -1);
      sizeLimit.setHandler(
          new PageHandler(
              site,
              admin,
              heartbeats,
              subscriptions,
              ready,
              guard,
              graceful,
              settings.maxRequestLineBytes(),
              settings.trustedAudienceHeader()));
      graceful.setHandler(sizeLimit);
      server.setHandler(graceful);
      try {
        server.start();
      } catch (Exception e) {
        close();
        throw new IOException("server: Jetty did not start: " + e.getMessage(), e);
      }
      log.info(
          "status page listening on http://{}:{}{}", connector.getHost(), port(), site.settings().basePath());
      return new StatusPageServer(server, connector, guard);
    }

    /** Releases the port if the server was never started. */
    @Override
    public void close() {
      if (!started) {
        guard.close();
        connector.close();
      }
    }
  }

  /** The port the server listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Connections closed so far because their client address had too many open. */
  public long refusedConnections() {
    return guard.refused();
  }

  /** Connections closed so far because they did not send a request header in time. */
  public long headerTimeouts() {
    return guard.timedOut();
  }

  /**
   * Stops accepting connections, lets the requests in flight finish (up to the shutdown
   * timeout), then closes every connection and stops the threads.
   */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("server: stopping Jetty failed", e);
    } finally {
      guard.close();
    }
  }

  /**
   * The one handler: health, admin API, and the site. It is non-blocking: Jetty calls it on the
   * I/O thread that parsed the request, with no hand-over to another thread. What it answers there
   * never waits and never renders: {@code /healthz}, and the site's documents already in memory
   * (the 200s and 304s of a page under load). Everything else (a render, {@code /readyz}, which
   * asks the store, and the routes that read a body: admin API, heartbeats, subscriptions) runs on
   * the server's thread pool.
   */
  private static final class PageHandler extends Handler.Abstract.NonBlocking {
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_READY = "not ready\n".getBytes(StandardCharsets.UTF_8);

    private final StatusSite site;
    private final AdminApi admin;
    private final HeartbeatRoute heartbeats;
    private final Subscriptions subscriptions;
    private final BooleanSupplier ready;
    private final ConnectionGuard guard;
    private final GracefulHandler graceful;
    private final int maxRequestLine;
    private final String basePath;
    private final @Nullable String audienceHeader;
    /**
     * The encoded headers of the site's answers, by the identity of their map (weak keys compare
     * by identity): released with the documents the site releases, bounded besides.
     */
    private final Cache<ImmutableMap<String, String>, HttpField[]> encodedHeaders =
        CacheBuilder.newBuilder().weakKeys().maximumSize(20_000).build();

    PageHandler(
        StatusSite site,
        AdminApi admin,
        HeartbeatRoute heartbeats,
        Subscriptions subscriptions,
        BooleanSupplier ready,
        ConnectionGuard guard,
        GracefulHandler graceful,
        int maxRequestLine,
        @Nullable String audienceHeader) {
      this.site = site;
      this.admin = admin;
      this.heartbeats = heartbeats;
      this.subscriptions = subscriptions;
      this.ready = ready;
      this.guard = guard;
      this.graceful = graceful;
      this.maxRequestLine = maxRequestLine;
      this.basePath = site.settings().basePath();
      this.audienceHeader = audienceHeader;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Connection connection = request.getConnectionMetaData().getConnection();
      guard.requestStarted(connection);
      Request.addCompletionListener(request, failure -> guard.requestFinished(connection));
      try {
        if (answeredInline(request, response, callback)) {
          return true;
        }
      } catch (RuntimeException e) {
        log.error("request {} {} failed", request.getMethod(), request.getHttpURI(), e);
        Response.writeError(request, response, callback, 500);
        return true;
      }
      try {
        request.getComponents().getExecutor().execute(() -> serveOnPool(request, response, callback));
      } catch (RejectedExecutionException e) {
        // the pool is stopping or its queue is full: say so rather than hold the connection
        Response.writeError(request, response, callback, 503);
      }
      return true;
    }

    private void serveOnPool(Request request, Response response, Callback callback) {
      try {
        serve(request, response, callback);
      } catch (RuntimeException e) {
        log.error("request {} {} failed", request.getMethod(), request.getHttpURI(), e);
        Response.writeError(request, response, callback, 500);
      }
    }

    /**
     * Answers on the I/O thread what can be answered without waiting or rendering; false when the
     * request needs the pool.
     */
    private boolean answeredInline(Request request, Response response, Callback callback) {
      HttpURI uri = request.getHttpURI();
      String path = uri.getPath() == null ? "/" : uri.getPath();
      String query = uri.getQuery();
      if (path.length() + (query == null ? 0 : query.length() + 1) > maxRequestLine) {
        Response.writeError(request, response, callback, 414);
        return true;
      }
      if (path.equals("/healthz")) {
        send(
            response, callback, 200, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"), OK,
            request.getMethod());
        return true;
      }
      if (!isSitePath(path)) {
        return false;
      }
      Optional<PageResponse> answer = site.handleFromMemory(pageRequest(request, path, query));
      if (answer.isEmpty()) {
        return false;
      }
      sendSite(response, callback, answer.get(), request.getMethod());
      return true;
    }

    /** Whether a path is the site's: not a health check and none of the routes that read a body. */
    private boolean isSitePath(String path) {
      if (path.equals("/readyz")) {
        return false;
      }
      if (!path.startsWith(basePath)) {
        return true; // the site answers 404
      }
      String rest = path.substring(basePath.length());
      if (rest.startsWith(ADMIN) && (rest.length() == ADMIN.length() || rest.charAt(ADMIN.length()) == '/')) {
        return false;
      }
      return !rest.startsWith(HEARTBEAT) && !subscriptions.handles(rest);
    }

    private void serve(Request request, Response response, Callback callback) {
      HttpURI uri = request.getHttpURI();
      String path = uri.getPath() == null ? "/" : uri.getPath();
      String query = uri.getQuery();
      String method = request.getMethod();
      if (path.equals("/readyz")) {
        boolean up = !graceful.isShutdown() && isReady();
        send(
            response, callback, up ? 200 : 503,
            Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-store"), up ? OK : NOT_READY, method);
        return;
      }
      HttpFields headers = request.getHeaders();
      if (path.startsWith(basePath) && path.startsWith(ADMIN, basePath.length())) {
        String rest = path.substring(basePath.length() + ADMIN.length());
        if (rest.isEmpty() || rest.startsWith("/")) {
          AdminApi.Reply reply =
              admin.handle(
                  method,
                  rest.isEmpty() ? "" : rest.substring(1),
                  query,
                  headers.get(HttpHeader.AUTHORIZATION),
                  headers.get(HttpHeader.CONTENT_TYPE),
                  Request.asInputStream(request));
          response.getHeaders().put("X-Content-Type-Options", "nosniff");
          reply.headers().forEach(response.getHeaders()::put);
          // JSON unless the reply says otherwise (an uptime report as CSV)
          String type = reply.headers().getOrDefault("Content-Type", "application/json; charset=utf-8");
          send(response, callback, reply.status(), Map.of("Content-Type", type), reply.body(), method);
          return;
        }
      }
      if (path.startsWith(basePath) && path.startsWith(HEARTBEAT, basePath.length())) {
        AdminApi.Reply reply =
            heartbeats.handle(method, path.substring(basePath.length() + HEARTBEAT.length()), Request.asInputStream(request));
        reply.headers().forEach(response.getHeaders()::put);
        send(response, callback, reply.status(), Map.of(), reply.body(), method);
        return;
      }
      if (path.startsWith(basePath) && subscriptions.handles(path.substring(basePath.length()))) {
        AdminApi.Reply reply =
            subscriptions.handle(
                method,
                path.substring(basePath.length()),
                query,
                headers::get,
                Request.getRemoteAddr(request),
                Request.asInputStream(request));
        send(response, callback, reply.status(), reply.headers(), reply.body(), method);
        return;
      }
      sendSite(response, callback, site.handle(pageRequest(request, path, query)), method);
    }

    private PageRequest pageRequest(Request request, String path, @Nullable String query) {
      HttpFields headers = request.getHeaders();
      String authorization = headers.get(HttpHeader.AUTHORIZATION);
      // The admin token, or the header of a trusted reverse proxy, opens the internal audience's
      // view; the two are cached apart.
      boolean staff =
          (authorization != null && admin.authorizes(authorization))
              || (audienceHeader != null && "internal".equalsIgnoreCase(headers.get(audienceHeader)));
      return new PageRequest(
          request.getMethod(),
          path,
          query,
          headers.get(HttpHeader.IF_NONE_MATCH),
          headers.get(HttpHeader.IF_MODIFIED_SINCE),
          headers.get(HttpHeader.ACCEPT_ENCODING),
          staff ? Audience.INTERNAL : Audience.PUBLIC);
    }

    private void sendSite(Response response, Callback callback, PageResponse answer, String method) {
      response.setStatus(answer.status());
      HttpFields.Mutable fields = response.getHeaders();
      for (HttpField field : encoded(answer.headers())) {
        fields.add(field);
      }
      write(response, callback, answer.status(), answer.body(), method);
    }

    /**
     * The headers of a site's answer as Jetty fields encoded once: the site keeps one header map
     * per rendered document and variant (200 or 304, plain or gzip) and hands out that same map
     * for every request of it, so the fields are made on its first request and reused (found by
     * identity) until the site releases the document.
     */
    private HttpField[] encoded(ImmutableMap<String, String> headers) {
      HttpField[] fields = encodedHeaders.getIfPresent(headers);
      if (fields == null) {
        fields = new HttpField[headers.size()];
        int i = 0;
        for (Map.Entry<String, String> header : headers.entrySet()) {
          HttpHeader known = HttpHeader.CACHE.get(header.getKey());
          fields[i++] =
              known == null
                  ? new PreEncodedHttpField(header.getKey(), header.getValue())
                  : new PreEncodedHttpField(known, header.getKey(), header.getValue());
        }
        encodedHeaders.put(headers, fields);
      }
      return fields;
    }

    private boolean isReady() {
      try {
        return ready.getAsBoolean();
      } catch (RuntimeException e) {
        log.warn("readiness check failed", e);
        return false;
      }
    }

    private static void send(
        Response response, Callback callback, int status, Map<String, String> headers, byte[] body, String method) {
      response.setStatus(status);
      HttpFields.Mutable fields = response.getHeaders();
      headers.forEach(fields::put);
      write(response, callback, status, body, method);
    }

    private static void write(Response response, Callback callback, int status, byte[] body, String method) {
      HttpFields.Mutable fields = response.getHeaders();
      boolean noBody = method.equals("HEAD") || status == 304 || body.length == 0;
      if (!fields.contains(HttpHeader.CONTENT_LENGTH) && !noBody) {
        fields.put(HttpHeader.CONTENT_LENGTH, body.length);
      }
      if (noBody) {
        response.write(true, null, callback);
      } else {
        response.write(true, ByteBuffer.wrap(body), callback);
      }
    }
  }

  /**
   * Logs requests through {@code delegate} with the secret of a heartbeat route replaced by {@code
   * ***}, so that the access log never holds one.
   */
  static final class SecretHidingRequestLog extends ContainerLifeCycle implements RequestLog {
    private final RequestLog delegate;

    SecretHidingRequestLog(RequestLog delegate) {
      this.delegate = delegate;
      addBean(delegate); // started and stopped with this one (the writer opens its logger on start)
    }

    @Override
    public void log(Request request, Response response) {
      delegate.log(hideSecret(request), response);
    }

    static Request hideSecret(Request request) {
      HttpURI uri = request.getHttpURI();
      String path = uri.getPath();
      String hidden = path == null ? null : hidePath(path);
      String query = uri.getQuery();
      String hiddenQuery = query == null ? null : hideQuery(query);
      if ((hidden == null || hidden.equals(path)) && (query == null || query.equals(hiddenQuery))) {
        return request;
      }
      HttpURI redacted = HttpURI.build(uri).path(hidden == null ? path : hidden).query(hiddenQuery).asImmutable();
      return new Request.Wrapper(request) {
        @Override
        public HttpURI getHttpURI() {
          return redacted;
        }
      };
    }

    /** A query with the value of every {@code token} parameter (a subscription link's) replaced by three asterisks. */
    static String hideQuery(String query) {
      return query.replaceAll("(^|&)token=[^&]*", "$1token=***");
    }

    /** A path with the secret of a heartbeat route (the segment after its id) replaced by three asterisks. */
    static String hidePath(String path) {
      int at = path.indexOf("/" + HEARTBEAT);
      if (at < 0) {
        return path;
      }
      int id = at + 1 + HEARTBEAT.length();
      int secret = path.indexOf('/', id);
      if (secret < 0) {
        return path;
      }
      int end = path.indexOf('/', secret + 1);
      return path.substring(0, secret + 1) + "***" + (end < 0 ? "" : path.substring(end));
    }
  }
}
