package io.statuskit.spring;

import static java.util.Objects.requireNonNull;

import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.StatusSite;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves a {@link StatusSite} from Spring MVC under a path such as {@code /status}: turns each
 * request into a {@link PageRequest} (method, raw path and query, {@code If-None-Match}, {@code
 * If-Modified-Since}, {@code Accept-Encoding}) and writes the site's {@link PageResponse} as it is,
 * so the validators, the 304 answers and the gzip variants are the site's own. {@code /status}
 * without the slash is redirected to {@code /status/}, where the page's relative links work.
 * Thread-safe.
 */
public final class StatusPageHandler implements HttpRequestHandler {
  private final StatusSite site;
  private final String prefix;

  /**
   * A handler for {@code site} mounted at {@code prefix}.
   *
   * @param prefix the path within the application without a trailing slash, such as {@code
   *     /status}, or {@code ""} for the root
   */
  public StatusPageHandler(StatusSite site, String prefix) {
    this.site = requireNonNull(site, "site");
    this.prefix = requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
      throw new IllegalArgumentException("prefix must be empty or start with '/' and not end with '/': \"" + prefix + "\"");
    }
  }

  /** The path the site is mounted at, such as {@code /status} ({@code ""} for the root). */
  public String prefix() {
    return prefix;
  }

  @Override
  public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String context = request.getContextPath();
    String uri = request.getRequestURI();
    String within = uri.startsWith(context) ? uri.substring(context.length()) : uri;
    if (!within.startsWith(prefix)) {
      response.sendError(404);
      return;
    }
    String rest = within.substring(prefix.length());
    String query = request.getQueryString();
    if (rest.isEmpty()) {
      response.setStatus(301);
      response.setHeader("Location", context + prefix + "/" + (query == null ? "" : "?" + query));
      return;
    }
    if (!rest.startsWith("/")) {
      response.sendError(404);
      return;
    }
    String sitePath = site.settings().basePath() + rest.substring(1);
    PageResponse answer =
        site.handle(
            new PageRequest(
                request.getMethod(),
                sitePath,
                query,
                request.getHeader("If-None-Match"),
                request.getHeader("If-Modified-Since"),
                request.getHeader("Accept-Encoding")));
    response.setStatus(answer.status());
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      response.setHeader(header.getKey(), header.getValue());
    }
    byte[] body = answer.body();
    boolean noBody = request.getMethod().equals("HEAD") || answer.status() == 304 || body.length == 0;
    if (!noBody) {
      if (answer.header("Content-Length") == null) {
        response.setContentLength(body.length);
      }
      response.getOutputStream().write(body);
    }
  }
}
