package io.statuskit.testkit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A probe whose results follow a script, without network and without sleeping: {@code
 * ScriptedProbe.of("up, up, down×3, up×2")}. Each entry is an outcome ({@code up}, {@code
 * degraded}, {@code down}, {@code unsupported}), optionally {@code :kind} for the error kind of a
 * down entry ({@code down:refused}, default {@code timeout}), optionally a latency ({@code up
 * 120ms}), optionally a repeat count ({@code ×3}, {@code x3} or {@code *3}). After the script the
 * last entry repeats.
 *
 * <p>Thread-safe.
 */
public final class ScriptedProbe implements Probe {
  private static final Pattern ENTRY =
      Pattern.compile(
          "(up|degraded|down|unsupported)(?::([a-z_]+))?(?:\\s+(\\d+)ms)?(?:\\s*[×x*]\\s*(\\d+))?");

  private final String name;
  private final ImmutableList<ProbeResult> script;
  private final AtomicInteger calls = new AtomicInteger();

  private ScriptedProbe(String name, ImmutableList<ProbeResult> script) {
    this.name = name;
    this.script = script;
  }

  /** A probe following {@code script}. */
  public static ScriptedProbe of(String script) {
    return named("scripted", script);
  }

  /** A probe named {@code name} (its target) following {@code script}. */
  public static ScriptedProbe named(String name, String script) {
    requireNonNull(script, "script");
    List<ProbeResult> results = new ArrayList<>();
    for (String raw : script.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      Matcher m = ENTRY.matcher(entry);
      checkArgument(m.matches(), "script entry must be like \"down:refused 20ms ×3\": \"%s\"", raw.trim());
      Outcome outcome = Outcome.valueOf(m.group(1).toUpperCase(Locale.ROOT));
      Duration latency = m.group(3) == null ? Duration.ofMillis(10) : Duration.ofMillis(Long.parseLong(m.group(3)));
      int times = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
      checkArgument(times >= 1, "script repeat count must be at least 1: \"%s\"", raw.trim());
      ProbeResult result = result(outcome, m.group(2), latency, raw.trim());
      for (int i = 0; i < times; i++) {
        results.add(result);
      }
    }
    checkArgument(!results.isEmpty(), "script must not be empty");
    return new ScriptedProbe(name, ImmutableList.copyOf(results));
  }

  /** A probe returning these results in order. */
  public static ScriptedProbe of(List<ProbeResult> results) {
    checkArgument(!results.isEmpty(), "script must not be empty");
    return new ScriptedProbe("scripted", ImmutableList.copyOf(results));
  }

  private static ProbeResult result(Outcome outcome, @org.jspecify.annotations.Nullable String kind, Duration latency, String entry) {
    switch (outcome) {
      case UP:
        return ProbeResult.up(latency);
      case DEGRADED:
        return ProbeResult.builder(Outcome.DEGRADED).latency(latency).message("scripted: degraded").build();
      case UNSUPPORTED:
        return ProbeResult.unsupported("scripted: unsupported");
      case DOWN:
      default:
        ErrorKind k;
        try {
          k = kind == null ? ErrorKind.TIMEOUT : ErrorKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("script error kind is unknown: \"" + entry + "\"", e);
        }
        return ProbeResult.down(k, "scripted: " + k.name().toLowerCase(Locale.ROOT), latency);
    }
  }

  /** How many times it ran. */
  public int calls() {
    return calls.get();
  }

  /** The whole script. */
  public ImmutableList<ProbeResult> script() {
    return script;
  }

  @Override
  public String type() {
    return "scripted";
  }

  @Override
  public String target() {
    return name;
  }

  @Override
  public Duration timeout() {
    return Duration.ofSeconds(1);
  }

  @Override
  public CompletionStage<ProbeResult> run(ProbeContext context) {
    int i = calls.getAndIncrement();
    return CompletableFuture.completedFuture(script.get(Math.min(i, script.size() - 1)));
  }
}
