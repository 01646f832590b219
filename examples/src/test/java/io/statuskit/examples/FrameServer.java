package io.statuskit.examples;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.net.UrlEscapers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test server on 127.0.0.1 that puts the status page in a frame of a given width: {@code
 * /__check} loads a page in a frame and measures it (overflow, {@code prefers-color-scheme}, the
 * contrast of every element with text, as the browser computed its colours), {@code /__frame}
 * only shows it (for screenshots narrower than headless chromium's 500 px minimum); every other
 * path is passed to the page, so frame and page share one origin. Closed by the test.
 */
final class FrameServer implements AutoCloseable {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  // Runs in the frame page, never in the status page: the page's own policy allows no scripts.
  private static final String CHECK =
      String.join(
          "\n",
          "function parse(c) {",
          "  var m = /rgba?\\(([^)]*)\\)/.exec(c); if (!m) return null;",
          "  var p = m[1].split(/[\\s,\\/]+/).filter(function (x) { return x.length; }).map(Number);",
          "  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};",
          "}",
          "function lum(c) {",
          "  var v = [c.r, c.g, c.b].map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });",
          "  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];",
          "}",
          "function background(w, el) {",
          "  for (; el; el = el.parentElement) { var c = parse(w.getComputedStyle(el).backgroundColor); if (c && c.a > 0) return c; }",
          "  return w.matchMedia('(prefers-color-scheme: dark)').matches ? {r: 18, g: 18, b: 18, a: 1} : {r: 255, g: 255, b: 255, a: 1};",
          "}",
          "function name(el) { return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''); }",
          "function check(frame) {",
          "  var w = frame.contentWindow, d = frame.contentDocument, low = [], wide = [], checked = 0;",
          "  d.querySelectorAll('body *').forEach(function (el) {",
          "    if (el.closest('svg') || el.getClientRects().length === 0) return;",
          "    var r = el.getBoundingClientRect();",
          "    if (r.right > w.innerWidth + 1 && wide.length < 10) wide.push(name(el) + '@' + Math.round(r.right));",
          "    var text = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim().length; });",
          "    if (!text) return;",
          "    var s = w.getComputedStyle(el); if (s.visibility === 'hidden') return;",
          "    var fg = parse(s.color), bg = background(w, el); checked++;",
          "    var a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);",
          "    if (ratio < 4.5) low.push(name(el) + ' ' + s.color + ' on ' + 'rgb(' + bg.r + ', ' + bg.g + ', ' + bg.b + ') ' + ratio.toFixed(2));",
          "  });",
          "  document.getElementById('result').textContent = 'dark=' + w.matchMedia('(prefers-color-scheme: dark)').matches",
          "    + ';inner=' + w.innerWidth + ';scroll=' + d.documentElement.scrollWidth + ';checked=' + checked",
          "    + ';low=' + low.join('|') + ';wide=' + wide.join('|');",
          "}");

  private final HttpServer server;
  private final URI page;

  private FrameServer(HttpServer server, URI page) {
    this.server = server;
    this.page = page;
  }

  /** Starts a frame server for the page at {@code page} (its root). */
  static FrameServer start(URI page) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FrameServer frames = new FrameServer(server, page);
    server.createContext("/", frames::handle);
    server.start();
    return frames;
  }

  /** A frame page that loads {@code path} at {@code width} px and writes what it measured into {@code <pre id="result">}. */
  URI check(String path, int width) {
    return base().resolve("/__check?path=" + UrlEscapers.urlFormParameterEscaper().escape(path) + "&width=" + width);
  }

  /** A frame page that only shows {@code path} at {@code width} × {@code height} px. */
  URI frame(String path, int width, int height) {
    return base().resolve(
        "/__frame?path=" + UrlEscapers.urlFormParameterEscaper().escape(path) + "&width=" + width + "&height=" + height);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      if (path.equals("/__check") || path.equals("/__frame")) {
        Map<String, String> query = query(uri.getRawQuery());
        String target = requireNonNull(query.get("path"), "path");
        int width = Integer.parseInt(requireNonNull(query.get("width"), "width"));
        int height = Integer.parseInt(query.getOrDefault("height", "3000"));
        boolean check = path.equals("/__check");
        String html =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0}iframe{border:0;display:block}</style></head><body>"
                + "<iframe id=\"page\" width=\"" + width + "\" height=\"" + height + "\" src=\"" + target.replace("\"", "") + "\"></iframe>"
                + (check ? "<pre id=\"result\">pending</pre><script>\n" + CHECK
                    + "\ndocument.getElementById('page').addEventListener('load', function () { check(this); });\n</script>" : "")
                + "</body></html>";
        send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        return;
      }
      HttpResponse<byte[]> response;
      try {
        response =
            CLIENT.send(
                HttpRequest.newBuilder(page.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      send(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/octet-stream"), response.body());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * What the frame's script measured.
   *
   * @param dark whether the page matched {@code prefers-color-scheme: dark}
   * @param inner the frame's width
   * @param scroll the page's scroll width (wider than {@code inner}: it overflows)
   * @param checked how many elements with text were checked for contrast
   * @param low the elements below 4.5:1, with their colours and ratio
   * @param wide up to ten elements reaching past the right edge
   */
  record Result(boolean dark, int inner, int scroll, int checked, List<String> low, List<String> wide) {
    static Result parse(String text) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String field : text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split(";")) {
        int eq = field.indexOf('=');
        if (eq > 0) {
          fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
      }
      if (!fields.containsKey("dark")) {
        throw new AssertionError("the frame's check did not run: " + text);
      }
      return new Result(
          Boolean.parseBoolean(fields.get("dark")),
          Integer.parseInt(requireNonNull(fields.get("inner"))),
          Integer.parseInt(requireNonNull(fields.get("scroll"))),
          Integer.parseInt(requireNonNull(fields.get("checked"))),
          list(fields.getOrDefault("low", "")),
          list(fields.getOrDefault("wide", "")));
    }

    private static List<String> list(String value) {
      return value.isEmpty() ? ImmutableList.of() : ImmutableList.copyOf(value.split("\\|"));
    }
  }
}
