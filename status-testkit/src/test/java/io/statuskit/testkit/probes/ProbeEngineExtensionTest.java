package io.statuskit.testkit.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scripted probes run through an engine that {@link ProbeEngineExtension} gives each test. */
@ExtendWith(ProbeEngineExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbeEngineExtensionTest {
  private static final List<ProbeEngine> SEEN = new ArrayList<>();

  @BeforeEach
  void remember(ProbeEngine engine) {
    SEEN.add(engine);
  }

  @Test
  @Order(1)
  void aScriptedProbeAnswersInScriptOrderThroughTheEngine(ProbeEngine engine) {
    ScriptedProbe probe = ScriptedProbe.of("up 120ms, down:refused, degraded");

    List<ProbeResult> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      results.add(engine.run(probe).join());
    }

    assertThat(results).extracting(ProbeResult::outcome)
        .containsExactly(Outcome.UP, Outcome.DOWN, Outcome.DEGRADED, Outcome.DEGRADED);
    assertThat(results.get(0).latency()).isEqualTo(Duration.ofMillis(120));
    assertThat(results.get(1).errorKind()).isEqualTo(ErrorKind.REFUSED);
    assertThat(probe.calls()).isEqualTo(4);
  }

  @Test
  @Order(2)
  void theTestAndItsSetUpShareOneOpenEngineAndTheLastTestsEngineIsClosed(ProbeEngine engine) {
    assertThat(engine.isClosed()).isFalse();
    assertThat(SEEN.get(SEEN.size() - 1)).isSameAs(engine);
    assertThat(SEEN.get(0)).isNotSameAs(engine);
    assertThat(SEEN.get(0).isClosed()).as("the first test's engine, after that test").isTrue();
    assertThat(engine.run(ScriptedProbe.of("down×2, up")).join().outcome()).isEqualTo(Outcome.DOWN);
  }

  @AfterAll
  static void everyEngineIsClosed() {
    assertThat(SEEN).hasSize(2).allSatisfy(e -> assertThat(e.isClosed()).isTrue());
  }
}
