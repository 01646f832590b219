package io.statuskit.testkit.probes;

import static com.google.common.base.Preconditions.checkArgument;
import static io.statuskit.testkit.generators.Generators.weighted;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import java.util.Locale;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;

/**
 * Generators of {@link ScriptedProbe} scripts: single steps such as {@code "down:refused
 * 40ms ×3"} and whole scripts such as {@code "up 12ms ×2, down:timeout 300ms ×3, degraded 900ms"}.
 * Down outcomes and runs are common, so scripts cross the monitor's thresholds often.
 *
 * <p>Library-neutral {@link Generator}s: seeded in any test, or shrunk by a property library
 * through an adapter. Shrinking goes towards short scripts of few steps, each {@code up 0ms ×1}:
 * a failing property reports the shortest script that still fails.
 *
 * <pre>{@code
 * @Test
 * void anyScript() {
 *   qt().withExamples(100).forAll(gen(ProbeScripts.scripts())).checkAssert(script -> { ... ScriptedProbe.of(script) ... });
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ProbeScripts {
  /** The longest run a step repeats its outcome. */
  public static final int MAX_REPEAT = 5;

  private ProbeScripts() {}

  /** Outcomes, down and up more often than degraded and unsupported; shrinks towards up. */
  public static Generator<Outcome> outcomes() {
    return Generators.frequency(
        weighted(4, Generators.constant(Outcome.UP)),
        weighted(4, Generators.constant(Outcome.DOWN)),
        weighted(2, Generators.constant(Outcome.DEGRADED)),
        weighted(1, Generators.constant(Outcome.UNSUPPORTED)));
  }

  /** Error kinds of down steps; shrinks towards {@link ErrorKind#TIMEOUT}. */
  public static Generator<ErrorKind> errorKinds() {
    return Generators.of(ErrorKind.class);
  }

  /** One step: an outcome, an error kind when down, a latency of 0 to 2000 ms and a run of 1 to 5. */
  public static Generator<String> steps() {
    Generator<Outcome> outcomes = outcomes();
    Generator<ErrorKind> kinds = errorKinds();
    Generator<Integer> latencies = Generators.integers(0, 2000);
    Generator<Integer> runs = Generators.integers(1, MAX_REPEAT);
    return source ->
        step(outcomes.generate(source), kinds.generate(source), latencies.generate(source), runs.generate(source));
  }

  /** Scripts of 1 to 20 steps. */
  public static Generator<String> scripts() {
    return scripts(20);
  }

  /** Scripts of 1 to {@code maxSteps} steps (each a run of up to {@link #MAX_REPEAT} results). */
  public static Generator<String> scripts(int maxSteps) {
    checkArgument(maxSteps >= 1 && maxSteps <= 1000, "maxSteps must be 1 to 1000: %s", maxSteps);
    return steps().list(1, maxSteps).map(steps -> String.join(", ", steps));
  }

  /** Scripted probes following {@link #scripts()}. */
  public static Generator<ScriptedProbe> probes() {
    return scripts().map(ScriptedProbe::of);
  }

  /** The script text of one step, as {@link ScriptedProbe} parses it. */
  public static String step(Outcome outcome, ErrorKind kind, int latencyMillis, int times) {
    checkArgument(latencyMillis >= 0, "latencyMillis must not be negative: %s", latencyMillis);
    checkArgument(times >= 1, "times must be at least 1: %s", times);
    StringBuilder s = new StringBuilder(outcome.name().toLowerCase(Locale.ROOT));
    if (outcome == Outcome.DOWN) {
      s.append(':').append(kind.name().toLowerCase(Locale.ROOT));
    }
    s.append(' ').append(latencyMillis).append("ms");
    if (times > 1) {
      s.append(" ×").append(times);
    }
    return s.toString();
  }
}
