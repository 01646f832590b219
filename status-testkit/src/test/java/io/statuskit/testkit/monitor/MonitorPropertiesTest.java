package io.statuskit.testkit.monitor;

import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.monitor.TargetState;
import io.statuskit.monitor.Thresholds;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.testkit.probes.ProbeScripts;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.probes.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Properties of the monitor's soft and hard states, over scripts from {@link ProbeScripts}. */
class MonitorPropertiesTest {
  private static final Thresholds THRESHOLDS = Thresholds.ofDefaults(); // 3 failures, 2 successes

  /**
   * For any script, the hard state flips to down only after 3 down rounds in a row, and away from
   * down (or between up and degraded) only after 2 good rounds in a row; unsupported rounds change
   * nothing and do not break a run. And it does flip once a run is long enough.
   */
  @Test
  void theHardStateFlipsOnlyAfterEnoughConsecutiveRounds() {
    qt().withExamples(100).forAll(gen(ProbeScripts.scripts(12))).checkAssert(script -> {
      try {
        flipsOnlyAfterEnoughRounds(script);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new AssertionError("a round of \"" + script + "\" failed", e);
      }
    });
  }

  private static void flipsOnlyAfterEnoughRounds(String script) throws InterruptedException, ExecutionException, TimeoutException {
    ScriptedProbe probe = ScriptedProbe.of(script);
    int rounds = probe.script().size();
    ManualClock clock = ManualClock.at(Instant.parse("2016-11-23T07:08:00Z"));
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        ProbeEngine engine = ProbeEngine.builder().clock(clock).build();
        Monitor monitor =
            Monitor.builder(tracker)
                .engine(engine)
                .clock(clock)
                .incidentPolicy(null)
                .target(TargetConfig.builder("NC036").name("Mail server").probe(probe).thresholds(THRESHOLDS).build())
                .build()) {
      List<Outcome> counted = new ArrayList<>(); // the rounds that count: all but unsupported
      Outcome hard = Outcome.UNSUPPORTED; // unknown
      for (int i = 0; i < rounds; i++) {
        Outcome round = probe.script().get(i).outcome();
        TargetState s = monitor.checkNow("NC036").get(5, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(1));
        String where = "round " + (i + 1) + " (" + round + ") of \"" + script + "\", hard state was " + hard;
        assertThat(probe.calls()).as(where + ": checkNow ran a new round").isEqualTo(i + 1);
        if (round == Outcome.UNSUPPORTED) {
          assertThat(s.hardState()).as(where).isEqualTo(hard);
          continue;
        }
        counted.add(round);
        Outcome now = s.hardState();
        if (now != hard) {
          if (now == Outcome.DOWN) {
            assertThat(tail(counted, THRESHOLDS.failures())).as(where).containsOnly(Outcome.DOWN);
          } else if (hard == Outcome.UNSUPPORTED) {
            assertThat(now).as(where + ": the first good round sets the state").isEqualTo(round);
          } else if (hard == Outcome.DOWN) {
            assertThat(tail(counted, THRESHOLDS.successes())).as(where).doesNotContain(Outcome.DOWN);
            assertThat(now).as(where).isEqualTo(round);
          } else {
            assertThat(tail(counted, THRESHOLDS.successes())).as(where).containsOnly(now);
          }
        }
        // and the thresholds are enough
        if (tail(counted, THRESHOLDS.failures()).stream().allMatch(o -> o == Outcome.DOWN)) {
          assertThat(now).as(where + ": after %s downs", THRESHOLDS.failures()).isEqualTo(Outcome.DOWN);
        }
        List<Outcome> lastGood = tail(counted, THRESHOLDS.successes());
        if (hard != Outcome.UP && hard != Outcome.DEGRADED && lastGood.stream().allMatch(o -> o == round)
            && round != Outcome.DOWN) {
          assertThat(now).as(where + ": after %s good rounds", THRESHOLDS.successes()).isEqualTo(round);
        }
        hard = now;
      }
    }
  }

  /** The last {@code n} elements, or all when there are fewer (then they cannot make a run of n). */
  private static List<Outcome> tail(List<Outcome> xs, int n) {
    if (xs.size() < n) {
      List<Outcome> padded = new ArrayList<>(xs);
      padded.add(Outcome.UNSUPPORTED); // too short: never a full run
      return padded;
    }
    return xs.subList(xs.size() - n, xs.size());
  }
}
