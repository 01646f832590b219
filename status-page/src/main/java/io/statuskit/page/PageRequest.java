package io.statuskit.page;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link StatusSite} needs of an HTTP request: the method, the path and query as
 * received, and the few headers that change the answer. Any HTTP server (an embedded Jetty, a
 * Spring controller, a test) makes one per request. Immutable and thread-safe.
 *
 * @param method the request method, such as {@code GET}
 * @param path the raw (still percent-encoded) path, starting with {@code /}
 * @param query the raw query without {@code ?}, or null when there is none
 * @param ifNoneMatch the {@code If-None-Match} header, or null
 * @param ifModifiedSince the {@code If-Modified-Since} header, or null
 * @param acceptEncoding the {@code Accept-Encoding} header, or null
 * @param audience who the request is answered for (decided by the server, see {@link Audience})
 */
public record PageRequest(
    String method,
    String path,
    @Nullable String query,
    @Nullable String ifNoneMatch,
    @Nullable String ifModifiedSince,
    @Nullable String acceptEncoding,
    Audience audience) {
  /** Checks the parts. */
  public PageRequest {
    requireNonNull(method, "method");
    requireNonNull(audience, "audience");
    requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': \"" + path + "\"");
    }
  }

  /** A request for the public audience. */
  public PageRequest(
      String method,
      String path,
      @Nullable String query,
      @Nullable String ifNoneMatch,
      @Nullable String ifModifiedSince,
      @Nullable String acceptEncoding) {
    this(method, path, query, ifNoneMatch, ifModifiedSince, acceptEncoding, Audience.PUBLIC);
  }

  /**
   * A plain {@code GET} of a request target such as {@code /search?q=spam}, without conditional
   * or encoding headers.
   */
  public static PageRequest get(String target) {
    requireNonNull(target, "target");
    int question = target.indexOf('?');
    return question < 0
        ? new PageRequest("GET", target, null, null, null, null)
        : new PageRequest("GET", target.substring(0, question), target.substring(question + 1), null, null, null);
  }

  /** This request with another method. */
  public PageRequest withMethod(String newMethod) {
    return new PageRequest(newMethod, path, query, ifNoneMatch, ifModifiedSince, acceptEncoding, audience);
  }

  /** This request with an {@code If-None-Match} header. */
  public PageRequest withIfNoneMatch(@Nullable String value) {
    return new PageRequest(method, path, query, value, ifModifiedSince, acceptEncoding, audience);
  }

  /** This request with an {@code If-Modified-Since} header. */
  public PageRequest withIfModifiedSince(@Nullable String value) {
    return new PageRequest(method, path, query, ifNoneMatch, value, acceptEncoding, audience);
  }

  /** This request with an {@code Accept-Encoding} header. */
  public PageRequest withAcceptEncoding(@Nullable String value) {
    return new PageRequest(method, path, query, ifNoneMatch, ifModifiedSince, value, audience);
  }

  /** This request for another audience. */
  public PageRequest withAudience(Audience newAudience) {
    return new PageRequest(method, path, query, ifNoneMatch, ifModifiedSince, acceptEncoding, newAudience);
  }
}
