package io.statuskit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.internal.ByteStream;
import io.statuskit.probes.internal.Checks;
import io.statuskit.probes.internal.Failures;
import io.statuskit.probes.internal.Input;
import io.statuskit.probes.internal.ProbeFailure;
import io.statuskit.probes.internal.ProbeRun;
import io.statuskit.probes.internal.RunContext;
import io.statuskit.probes.internal.TcpStream;
import io.statuskit.probes.internal.TlsSupport;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Connects over TCP (optionally TLS) and optionally runs send/expect steps, like
 * blackbox_exporter's {@code query_response}: up when the connection opens and every expect step
 * sees a line matching its regular expression.
 *
 * <p>Presets check the banners of common services: {@link #smtpBanner} ({@code 220}), {@link
 * #imapBanner} ({@code * OK}), {@link #pop3Banner} ({@code +OK}), {@link #ftpBanner} ({@code
 * 220}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param host host name or address
 * @param port TCP port
 * @param timeout hard deadline of one attempt
 * @param steps send/expect steps, in order
 * @param tls TLS options when the connection starts with TLS, or null for plain TCP
 */
public record TcpProbe(
    String host, int port, Duration timeout, ImmutableList<Step> steps, @Nullable TlsOptions tls)
    implements Probe {

  /** Longest line an expect step reads. */
  public static final int MAX_LINE = 4096;

  /** Most lines one expect step reads before giving up. */
  public static final int MAX_LINES_PER_EXPECT = 1000;

  /** Validates every part. */
  public TcpProbe {
    Checks.host(host);
    Checks.port(port);
    Checks.timeout(timeout);
    requireNonNull(steps, "steps");
  }

  /** A builder for a probe of {@code host:port}. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** Expects an SMTP greeting ({@code 220}) on port 25. */
  public static TcpProbe smtpBanner(String host) {
    return builder(host, 25).expect("^220[ -]").build();
  }

  /** Expects an SMTP greeting ({@code 220}) on a given port. */
  public static TcpProbe smtpBannerProbe(String host, int port) {
    return builder(host, port).expect("^220[ -]").build();
  }

  /** Expects an IMAP greeting ({@code * OK}) on port 143. */
  public static TcpProbe imapBanner(String host) {
    return builder(host, 143).expect("^\\* OK").build();
  }

  /** Expects a POP3 greeting ({@code +OK}) on port 110. */
  public static TcpProbe pop3Banner(String host) {
    return builder(host, 110).expect("^\\+OK").build();
  }

  /** Expects an FTP greeting ({@code 220}) on port 21. */
  public static TcpProbe ftpBanner(String host) {
    return builder(host, 21).expect("^220[ -]").build();
  }

  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public String target() {
    return Checks.hostPort(host, port);
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
    CompletableFuture<TcpStream> connected = TcpStream.open(run, host, port);
    CompletableFuture<?> done;
    if (tls == null && steps.isEmpty()) {
      done = connected;
    } else {
      done =
          connected
              .thenCompose(
                  tcp -> {
                    if (tls == null) {
                      return CompletableFuture.<ByteStream>completedFuture(tcp);
                    }
                    return TlsSupport.upgrade(run, tcp, host, port, tls)
                        .thenApply(s -> (ByteStream) s);
                  })
              .thenCompose(
                  stream -> {
                    if (steps.isEmpty()) {
                      return CompletableFuture.completedFuture(null);
                    }
                    long since = run.now();
                    Input input =
                        new Input(stream, MAX_LINE)
                            .onFirstByte(() -> run.phase(Phase.FIRST_BYTE, since));
                    return runSteps(run, stream, input, 0);
                  });
    }
    done.whenComplete(
        (v, e) -> {
          if (e == null) {
            run.up();
          } else {
            run.fail(e);
          }
        });
    return run.result();
  }

  private CompletableFuture<Void> runSteps(ProbeRun run, ByteStream stream, Input input, int i) {
    if (i >= steps.size()) {
      return CompletableFuture.completedFuture(null);
    }
    Step step = steps.get(i);
    CompletableFuture<Void> done;
    if (step.kind() == Step.Kind.SEND) {
      run.activity("sending step ", i + 1, "");
      done = stream.write(ByteBuffer.wrap(step.text().getBytes(StandardCharsets.UTF_8)));
    } else {
      run.activity("waiting for a line matching /", step.text(), "/");
      done = expect(run, input, step.pattern(), null, 0);
    }
    return done.thenCompose(v -> runSteps(run, stream, input, i + 1));
  }

  private static CompletableFuture<Void> expect(
      ProbeRun run, Input input, Pattern pattern, @Nullable String last, int lines) {
    if (lines >= MAX_LINES_PER_EXPECT) {
      return failed(
          new ProbeFailure(
              ErrorKind.ASSERTION,
              "no line matched /" + pattern.pattern() + "/ in " + lines + " lines"));
    }
    return input
        .line()
        .thenCompose(
            line -> {
              if (line == null) {
                if (last == null) {
                  return failed(
                      new EOFException(
                          "connection closed by the server without sending anything"));
                }
                return failed(
                    new ProbeFailure(
                        ErrorKind.ASSERTION,
                        "expected a line matching /"
                            + pattern.pattern()
                            + "/, got "
                            + Failures.quote(last)
                            + " before the connection closed"));
              }
              if (!input.bannerSeen()) {
                input.bannerSeen(true);
                run.details(d -> d.banner(line));
              }
              if (pattern.matcher(line).find()) {
                return CompletableFuture.completedFuture(null);
              }
              return expect(run, input, pattern, line, lines + 1);
            });
  }

  private static <T> CompletableFuture<T> failed(Throwable t) {
    CompletableFuture<T> f = new CompletableFuture<>();
    f.completeExceptionally(t);
    return f;
  }

  /**
   * One step of a conversation: send text, or read lines until one matches a regular expression.
   *
   * <p>Immutable and thread-safe.
   *
   * @param kind send or expect
   * @param text the text to send (exactly, including line ends), or the regular expression
   */
  public record Step(Kind kind, String text) {
    // compiled once per text: a probe runs its steps thousands of times
    private static final com.google.common.cache.LoadingCache<String, Pattern> PATTERNS =
        com.google.common.cache.CacheBuilder.newBuilder()
            .maximumSize(10_000)
            .build(com.google.common.cache.CacheLoader.from(Pattern::compile));

    /** What a step does. */
    public enum Kind {
      /** Sends text. */
      SEND,
      /** Reads lines until one matches. */
      EXPECT
    }

    /** Validates every part; an expect step's text must be a valid regular expression. */
    public Step {
      requireNonNull(kind, "kind");
      requireNonNull(text, "text");
      checkArgument(!text.isEmpty(), "%s text must not be empty", kind);
      if (kind == Kind.EXPECT) {
        try {
          Pattern.compile(text);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "expect must be a regular expression: \"" + text + "\" (" + e.getDescription() + ")",
              e);
        }
      }
    }

    /** The expect step's regular expression, compiled (once per distinct text). */
    Pattern pattern() {
      return PATTERNS.getUnchecked(text);
    }

    /** Sends {@code text} as UTF-8. */
    public static Step send(String text) {
      return new Step(Kind.SEND, text);
    }

    /** Reads lines until one contains a match of {@code regex}. */
    public static Step expect(String regex) {
      return new Step(Kind.EXPECT, regex);
    }
  }

  /** Builds {@link TcpProbe}s; not thread-safe. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Duration timeout = Duration.ofSeconds(5);
    private final List<Step> steps = new ArrayList<>();
    private @Nullable TlsOptions tls;

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** The hard deadline; defaults to 5s. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Adds a send step. */
    public Builder send(String text) {
      steps.add(Step.send(text));
      return this;
    }

    /** Adds an expect step. */
    public Builder expect(String regex) {
      steps.add(Step.expect(regex));
      return this;
    }

    /** Adds steps. */
    public Builder steps(List<Step> more) {
      steps.addAll(more);
      return this;
    }

    /** Starts with TLS (such as IMAPS on 993). */
    public Builder tls(@Nullable TlsOptions options) {
      this.tls = options;
      return this;
    }

    /** Builds the probe. */
    public TcpProbe build() {
      return new TcpProbe(host, port, timeout, ImmutableList.copyOf(steps), tls);
    }
  }
}
