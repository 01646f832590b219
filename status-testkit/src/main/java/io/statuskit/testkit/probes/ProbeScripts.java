package io.statuskit.testkit.probes;

import static com.google.common.base.Preconditions.checkArgument;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for {@link ScriptedProbe} scripts: single steps such as {@code "down:refused
 * 40ms ×3"} and whole scripts such as {@code "up 12ms ×2, down:timeout 300ms ×3, degraded 900ms"}.
 * Down outcomes and runs are common, so scripts cross the monitor's thresholds often.
 *
 * <p>Shrinking goes towards short scripts of few steps, each {@code up 0ms ×1}: a failing
 * property reports the shortest script that still fails.
 *
 * <pre>{@code
 * @Property(tries = 100)
 * void anyScript(@ForAll("scripts") String script) { ... ScriptedProbe.of(script) ... }
 *
 * @Provide
 * Arbitrary<String> scripts() { return ProbeScripts.scripts(); }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ProbeScripts {
  /** The longest run a step repeats its outcome. */
  public static final int MAX_REPEAT = 5;

  private ProbeScripts() {}

  /** Outcomes, down and up more often than degraded and unsupported; shrinks towards up. */
  public static Arbitrary<Outcome> outcomes() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(Outcome.UP)),
        Tuple.of(4, Arbitraries.just(Outcome.DOWN)),
        Tuple.of(2, Arbitraries.just(Outcome.DEGRADED)),
        Tuple.of(1, Arbitraries.just(Outcome.UNSUPPORTED)));
  }

  /** Error kinds of down steps; shrinks towards {@link ErrorKind#TIMEOUT}. */
  public static Arbitrary<ErrorKind> errorKinds() {
    return Arbitraries.of(ErrorKind.class);
  }

  /** One step: an outcome, an error kind when down, a latency of 0 to 2000 ms and a run of 1 to 5. */
  public static Arbitrary<String> steps() {
    return Combinators.combine(
            outcomes(),
            errorKinds(),
            Arbitraries.integers().between(0, 2000),
            Arbitraries.integers().between(1, MAX_REPEAT))
        .as(ProbeScripts::step);
  }

  /** Scripts of 1 to 20 steps. */
  public static Arbitrary<String> scripts() {
    return scripts(20);
  }

  /** Scripts of 1 to {@code maxSteps} steps (each a run of up to {@link #MAX_REPEAT} results). */
  public static Arbitrary<String> scripts(int maxSteps) {
    checkArgument(maxSteps >= 1 && maxSteps <= 1000, "maxSteps must be 1 to 1000: %s", maxSteps);
    return steps().list().ofMinSize(1).ofMaxSize(maxSteps).map(steps -> String.join(", ", steps));
  }

  /** Scripted probes following {@link #scripts()}. */
  public static Arbitrary<ScriptedProbe> probes() {
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
