package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import io.statuskit.probes.internal.ByteStream;
import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.Failures;
import io.statuskit.probes.internal.Http1;
import io.statuskit.probes.internal.Input;
import io.statuskit.probes.internal.ProbeFailure;
import io.statuskit.probes.internal.ProbeRun;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.internal.TcpStream;
import io.statuskit.probes.internal.TlsSupport;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Sends one HTTP/1.1 request (following redirects up to a limit) and checks the status, the body
 * and the latency. The probe's deadline covers the whole exchange including the body, so a
 * server that sends headers fast and then drips the body is cut off; at most {@code maxBodyBytes}
 * of the body are read, and checks look at that much.
 *
 * <p>Up when the final status is expected (default 2xx) and every body check holds; degraded when
 * also slower than {@code degradedAbove} (or its certificate expires soon); down otherwise. HTTPS
 * gets the checks of {@link TlsOptions}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url an http or https URL
 * @param method the request method
 * @param headers extra request headers
 * @param requestBody a request body (UTF-8), or null
 * @param expectedStatuses the status codes that count as up
 * @param bodyContains strings the body must contain
 * @param bodyMatches regular expressions the body must contain a match of
 * @param maxBodyBytes the most body bytes read
 * @param maxRedirects how many redirects to follow; 0 checks the redirect response itself
 * @param degradedAbove latency above which an otherwise good result is degraded, or null
 * @param timeout hard deadline of one attempt, redirects included
 * @param tls TLS checks for https
 */
public record HttpProbe(
    URI url,
    String method,
    ImmutableMap<String, String> headers,
    @Nullable String requestBody,
    ImmutableRangeSet<Integer> expectedStatuses,
    ImmutableList<String> bodyContains,
    ImmutableList<String> bodyMatches,
    int maxBodyBytes,
    int maxRedirects,
    @Nullable Duration degradedAbove,
    Duration timeout,
    TlsOptions tls)
    implements Probe {

  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
  // bodyMatches compiled once per expression: a probe runs its checks thousands of times
  private static final com.google.common.cache.LoadingCache<String, Pattern> PATTERNS =
      com.google.common.cache.CacheBuilder.newBuilder()
          .maximumSize(10_000)
          .build(com.google.common.cache.CacheLoader.from(Pattern::compile));
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Validates every part. */
  public HttpProbe {
    requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    checkArgument(
        (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
        "url must be an absolute http or https URL: \"%s\"",
        url);
    checkArgument(METHOD.matcher(method).matches(), "method must be upper case letters: \"%s\"", method);
    requireNonNull(headers, "headers");
    headers.forEach(
        (k, v) -> {
          checkArgument(HEADER_NAME.matcher(k).matches(), "headers: bad header name \"%s\"", k);
          checkArgument(
              v.indexOf('\r') < 0 && v.indexOf('\n') < 0, "headers.%s must be one line: \"%s\"", k, v);
        });
    requireNonNull(expectedStatuses, "expectedStatuses");
    checkArgument(!expectedStatuses.isEmpty(), "expectedStatuses must not be empty");
    requireNonNull(bodyContains, "bodyContains");
    requireNonNull(bodyMatches, "bodyMatches");
    for (String regex : bodyMatches) {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bodyMatches must be regular expressions: \"" + regex + "\" (" + e.getDescription() + ")", e);
      }
    }
    checkArgument(
        maxBodyBytes >= 0 && maxBodyBytes <= 64 * 1024 * 1024,
        "maxBodyBytes must be 0 to 64 MiB: %s",
        maxBodyBytes);
    checkArgument(maxRedirects >= 0 && maxRedirects <= 30, "maxRedirects must be 0 to 30: %s", maxRedirects);
    checkArgument(
        degradedAbove == null || (!degradedAbove.isNegative() && !degradedAbove.isZero()),
        "degradedAbove must be positive: %s",
        degradedAbove);
    Checks.timeout(timeout);
    requireNonNull(tls, "tls");
  }

  /** A builder for a GET of {@code url}. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** Status ranges from text: {@code "2xx"}, {@code "200-299"}, {@code "404"}. */
  public static ImmutableRangeSet<Integer> parseStatuses(List<String> specs) {
    TreeRangeSet<Integer> set = TreeRangeSet.create();
    for (String spec : specs) {
      String s = spec.trim().toLowerCase(Locale.ROOT);
      try {
        if (s.matches("[1-5]xx")) {
          int base = (s.charAt(0) - '0') * 100;
          set.add(Range.closed(base, base + 99));
        } else if (s.matches("\\d{3}-\\d{3}")) {
          int lo = Integer.parseInt(s.substring(0, 3));
          int hi = Integer.parseInt(s.substring(4));
          checkArgument(lo <= hi, "expected status range is empty: \"%s\"", spec);
          set.add(Range.closed(lo, hi));
        } else if (s.matches("\\d{3}")) {
          set.add(Range.singleton(Integer.parseInt(s)));
        } else {
          throw new IllegalArgumentException(
              "expected status must be like 200, 2xx or 200-299: \"" + spec + "\"");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected status must be a number: \"" + spec + "\"", e);
      }
    }
    return ImmutableRangeSet.copyOf(set);
  }

  @Override
  public String type() {
    return "http";
  }

  @Override
  public String target() {
    return method.equals("GET") ? url.toString() : method + " " + url;
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a context no {@link ProbeEngine} made for this run, the attempt runs on shared threads
   * (a selector thread, a deadline thread, a TLS thread) that end when no such attempt runs.
   */
  @Override
  public CompletionStage<ProbeResult> run(ProbeContext context) {
    return start(RunContext.outside(context));
  }

  /** Starts an attempt on the services of {@code context}: how {@link ProbeEngine} runs it. */
  CompletableFuture<ProbeResult> start(RunContext context) {
    ProbeRun run = ProbeRun.start(context, timeout);
    hop(run, url, method, List.of())
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                run.fail(e);
                return;
              }
              if (degradedAbove != null && run.elapsed().compareTo(degradedAbove) > 0) {
                run.warn(
                    "slow: "
                        + run.elapsed().toMillis()
                        + "ms, above "
                        + Failures.show(degradedAbove));
              }
              run.up();
            });
    return run.result();
  }

  /**
   * One request of the chain; {@code earlier} holds the method and URL of each request before it,
   * so that a redirect back to one of them is reported as a loop at once.
   */
  private CompletableFuture<Void> hop(ProbeRun run, URI uri, String verb, List<String> earlier) {
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    String host = uri.getHost();
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    return TcpStream.open(run, bareHost, port)
        .thenCompose(
            tcp ->
                https
                    ? TlsSupport.upgrade(run, tcp, bareHost, port, tls).thenApply(s -> (ByteStream) s)
                    : CompletableFuture.<ByteStream>completedFuture(tcp))
        .thenCompose(
            stream -> {
              byte[] request = request(uri, verb, https, port);
              run.activity("sending the request to ", uri, "");
              return stream
                  .write(ByteBuffer.wrap(request))
                  .thenCompose(
                      v -> {
                        long sent = run.now();
                        Input in =
                            new Input(stream, 16 * 1024)
                                .onFirstByte(() -> run.phase(Phase.FIRST_BYTE, sent));
                        run.activity("waiting for the response from ", uri, "");
                        return Http1.head(in)
                            .thenCompose(head -> afterHead(run, uri, verb, earlier, stream, in, head));
                      });
            });
  }

  private CompletableFuture<Void> afterHead(
      ProbeRun run, URI uri, String verb, List<String> earlier, ByteStream stream, Input in, Http1.Head head) {
    int redirects = earlier.size();
    run.details(d -> d.httpStatus(head.status()));
    String location = head.header("location");
    boolean redirect =
        location != null
            && (head.status() == 301
                || head.status() == 302
                || head.status() == 303
                || head.status() == 307
                || head.status() == 308);
    if (redirect && location != null && maxRedirects > 0) {
      if (redirects >= maxRedirects) {
        return CompletableFuture.failedFuture(
            new ProbeFailure(
                ErrorKind.PROTOCOL,
                "more than "
                    + maxRedirects
                    + " redirects; the last one was "
                    + head.status()
                    + " to "
                    + location));
      }
      URI next;
      try {
        next = uri.resolve(new URI(location.trim()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        return CompletableFuture.failedFuture(
            new ProbeFailure(ErrorKind.PROTOCOL, "bad redirect Location: " + Failures.quote(location)));
      }
      if (next.getScheme() == null
          || !(next.getScheme().equalsIgnoreCase("http") || next.getScheme().equalsIgnoreCase("https"))
          || next.getHost() == null) {
        return CompletableFuture.failedFuture(
            new ProbeFailure(ErrorKind.PROTOCOL, "bad redirect Location: " + Failures.quote(location)));
      }
      stream.close();
      run.details(d -> d.attribute("redirects", Integer.toString(redirects + 1)).attribute("url", next.toString()));
      String nextVerb = head.status() == 303 ? "GET" : verb;
      List<String> chain = new ArrayList<>(earlier);
      chain.add(requestKey(verb, uri));
      int seen = chain.indexOf(requestKey(nextVerb, next));
      if (seen >= 0) {
        List<String> loop = new ArrayList<>();
        for (String key : chain.subList(seen, chain.size())) {
          loop.add(key.substring(key.indexOf(' ') + 1));
        }
        loop.add(next.toString());
        return CompletableFuture.failedFuture(
            new ProbeFailure(
                ErrorKind.PROTOCOL,
                "redirect loop: " + String.join(" -> ", loop) + " (" + head.status() + " back to a URL already requested)"));
      }
      return hop(run, next, nextVerb, List.copyOf(chain));
    }
    run.activity("reading the body of ", uri, "");
    return Http1.body(in, head, verb.equals("HEAD"), maxBodyBytes)
        .thenCompose(
            body -> {
              stream.close();
              run.details(
                  d -> {
                    d.attribute("bodyBytes", Integer.toString(body.bytes().length));
                    if (body.truncated()) {
                      d.attribute("bodyTruncated", "true");
                    }
                  });
              return check(head, body);
            });
  }

  /** A request as loop detection compares it: the method and the normalized URL without fragment. */
  private static String requestKey(String verb, URI uri) {
    URI u = uri.normalize();
    String text = u.toString();
    int hash = text.indexOf('#');
    return verb + " " + (hash >= 0 ? text.substring(0, hash) : text);
  }

  private CompletableFuture<Void> check(Http1.Head head, Http1.Body body) {
    if (!expectedStatuses.contains(head.status())) {
      return CompletableFuture.failedFuture(
          new ProbeFailure(
              ErrorKind.ASSERTION,
              "status "
                  + head.status()
                  + (head.reason().isEmpty() ? "" : " " + head.reason())
                  + ", expected "
                  + describe(expectedStatuses)));
    }
    if (bodyContains.isEmpty() && bodyMatches.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String text = new String(body.bytes(), StandardCharsets.UTF_8);
    String read = body.truncated() ? " (in the first " + body.bytes().length + " bytes)" : "";
    for (String s : bodyContains) {
      if (!text.contains(s)) {
        return CompletableFuture.failedFuture(
            new ProbeFailure(ErrorKind.ASSERTION, "body does not contain " + Failures.quote(s) + read));
      }
    }
    for (String regex : bodyMatches) {
      if (!PATTERNS.getUnchecked(regex).matcher(text).find()) {
        return CompletableFuture.failedFuture(
            new ProbeFailure(ErrorKind.ASSERTION, "body does not match /" + regex + "/" + read));
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  private static String describe(ImmutableRangeSet<Integer> set) {
    List<String> parts = new ArrayList<>();
    for (Range<Integer> r : set.asRanges()) {
      int lo = r.lowerEndpoint();
      int hi = r.upperEndpoint();
      parts.add(lo == hi ? Integer.toString(lo) : lo + "-" + hi);
    }
    return String.join(", ", parts);
  }

  private byte[] request(URI uri, String verb, boolean https, int port) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path = path + "?" + uri.getRawQuery();
    }
    boolean defaultPort = https ? port == 443 : port == 80;
    if (headers.isEmpty() && requestBody == null) {
      // the common case, without the map that lets configured headers replace the defaults
      StringBuilder s = new StringBuilder(128 + path.length());
      s.append(verb).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
      if (!defaultPort) {
        s.append(':').append(port);
      }
      s.append("\r\nUser-Agent: StatusKit-Probe/0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n");
      return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", uri.getHost() + (defaultPort ? "" : ":" + port));
    h.put("User-Agent", "StatusKit-Probe/0.1");
    h.put("Accept", "*/*");
    h.put("Connection", "close");
    headers.forEach(h::put);
    byte[] payload = requestBody == null ? new byte[0] : requestBody.getBytes(StandardCharsets.UTF_8);
    if (requestBody != null) {
      h.put("Content-Length", Integer.toString(payload.length));
    }
    StringBuilder s = new StringBuilder(verb).append(' ').append(path).append(" HTTP/1.1\r\n");
    h.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
    s.append("\r\n");
    byte[] head = s.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + payload.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(payload, 0, all, head.length, payload.length);
    return all;
  }

  /** Builds {@link HttpProbe}s; not thread-safe. */
  public static final class Builder {
    private final String url;
    private String method = "GET";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable String requestBody;
    private ImmutableRangeSet<Integer> expected = ImmutableRangeSet.of(Range.closed(200, 299));
    private final List<String> contains = new ArrayList<>();
    private final List<String> matches = new ArrayList<>();
    private int maxBodyBytes = 256 * 1024;
    private int maxRedirects = 5;
    private @Nullable Duration degradedAbove;
    private Duration timeout = Duration.ofSeconds(10);
    private TlsOptions tls = TlsOptions.ofDefaults();

    private Builder(String url) {
      this.url = requireNonNull(url, "url");
    }

    /** The method; defaults to GET. */
    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /** Adds a request header. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Adds request headers. */
    public Builder headers(Map<String, String> more) {
      headers.putAll(more);
      return this;
    }

    /** A request body. */
    public Builder requestBody(@Nullable String body) {
      this.requestBody = body;
      return this;
    }

    /** The statuses that count as up, such as {@code "2xx", "301"}; defaults to 2xx. */
    public Builder expectStatus(String... specs) {
      this.expected = parseStatuses(List.of(specs));
      return this;
    }

    /** The statuses that count as up. */
    public Builder expectStatuses(ImmutableRangeSet<Integer> statuses) {
      this.expected = requireNonNull(statuses, "statuses");
      return this;
    }

    /** The body must contain {@code text}. */
    public Builder bodyContains(String text) {
      contains.add(text);
      return this;
    }

    /** The body must contain a match of {@code regex}. */
    public Builder bodyMatches(String regex) {
      matches.add(regex);
      return this;
    }

    /** The most body bytes read; defaults to 256 KiB. */
    public Builder maxBodyBytes(int max) {
      this.maxBodyBytes = max;
      return this;
    }

    /** Redirects to follow; 0 does not follow. Defaults to 5. */
    public Builder maxRedirects(int max) {
      this.maxRedirects = max;
      return this;
    }

    /** Latency above which an otherwise good result is degraded. */
    public Builder degradedAbove(@Nullable Duration threshold) {
      this.degradedAbove = threshold;
      return this;
    }

    /** The hard deadline; defaults to 10s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** TLS checks for https. */
    public Builder tls(TlsOptions options) {
      this.tls = requireNonNull(options, "tls");
      return this;
    }

    /** Builds the probe. */
    public HttpProbe build() {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("url must be a URL: \"" + url + "\" (" + e.getReason() + ")", e);
      }
      return new HttpProbe(
          uri,
          method,
          ImmutableMap.copyOf(headers),
          requestBody,
          expected,
          ImmutableList.copyOf(contains),
          ImmutableList.copyOf(matches),
          maxBodyBytes,
          maxRedirects,
          degradedAbove,
          timeout,
          tls);
    }
  }
}
