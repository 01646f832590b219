package io.statuskit.examples.suite;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.IncidentPolicy;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.probes.ScriptedProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a hosting provider might test its own incident policy for its mail server: the wording of
 * the posts the monitor writes, and when it writes them. Each test scripts what the probe sees,
 * one check a minute, and moves a manual clock; nothing waits and nothing touches the network.
 */
class MailServerIncidentPolicyTest {
  /** Our house style: the seed's titles and the seed's sentence about the downtime. */
  private static final IncidentPolicy OUR_POLICY =
      new IncidentPolicy(
          "{id}: {name} shut down",
          "Server {id} is not answering ({detail}). We are looking into it and will post updates here.",
          "{id}: {name} back online. The mail server ({id}) was {outage}.",
          Impact.MAJOR,
          ZoneOffset.UTC);

  private final ManualClock clock = ManualClock.at("2016-11-23T07:07:00Z");
  private StatusTracker tracker;
  private ProbeEngine engine;

  @BeforeEach
  void openTracker() {
    tracker = StatusTracker.builder().clock(clock).listenerExecutor(Runnable::run).build();
    tracker.addServer(Server.builder("NC027").name("Mail server").location("Amsterdam", "NL").role("Mail server").build());
    engine = ProbeEngine.builder().clock(clock).build();
  }

  @AfterEach
  void close() {
    engine.close();
    tracker.close();
  }

  /** Runs one check a minute, as the script says, starting at the clock's time. */
  private void checkEveryMinute(Monitor monitor, int checks) throws Exception {
    for (int i = 0; i < checks; i++) {
      monitor.checkNow("NC027").get(5, TimeUnit.SECONDS);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  private Monitor monitor(String script, IncidentPolicy policy) {
    return Monitor.builder(tracker)
        .engine(engine)
        .clock(clock)
        .incidentPolicy(policy)
        .target(TargetConfig.builder("NC027").name("Mail server").probe(ScriptedProbe.of(script)).build())
        .build();
  }

  @Test
  void theNc027OutageIsPostedAndResolvedInOurWords() throws Exception {
    // 07:07 and 07:08 up; down from 07:09 to 07:16; back at 07:17.
    try (Monitor monitor = monitor("up×2, down:refused×8, up×4", OUR_POLICY)) {
      checkEveryMinute(monitor, 14);
    }

    Incident incident = tracker.board().incidents().get(0);
    assertThat(incident)
        .hasTitle("NC027: Mail server shut down")
        .hasImpact(Impact.MAJOR)
        .affects("NC027")
        .isResolved()
        .hasLatestBodyContaining("was down for eight minutes between 07:09 and 07:17 UTC.")
        .hasLatestBodyContaining("NC027: Mail server back online.");
    assertThat(incident.updates().get(0).body().text()).startsWith("Server NC027 is not answering (");
    assertThat(tracker.board()).hasNoOpenIncidents().server("NC027").hasStatus(Status.OPERATIONAL);
    assertThat(tracker.board().timeline("NC027")).hasOutage("down for eight minutes between 07:09 and 07:17 UTC");
  }

  @Test
  void theIncidentOpensOnlyOnceTheServerIsHardDown() throws Exception {
    try (Monitor monitor = monitor("up×2, down×8, up×4", OUR_POLICY)) {
      checkEveryMinute(monitor, 3); // 07:07, 07:08 up; 07:09 the first failure
      assertThat(tracker.board()).hasNoOpenIncidents().server("NC027").hasStatus(Status.OPERATIONAL);

      checkEveryMinute(monitor, 2); // 07:10, 07:11: the third failure in a row
      assertThat(tracker.board().openIncidents()).singleElement().satisfies(incident -> assertThat(incident).hasState(IncidentState.INVESTIGATING));
      assertThat(tracker.board()).server("NC027").hasStatus(Status.MAJOR_OUTAGE);
      // The outage is dated from the first failed check, not from when it was confirmed.
      assertThat(tracker.board().timeline("NC027")).hasStatusAt(Instant.parse("2016-11-23T07:09:00Z"), Status.MAJOR_OUTAGE);
    }
  }

  @Test
  void aSingleFailedCheckPostsNothing() throws Exception {
    try (Monitor monitor = monitor("up×3, down, up×5", OUR_POLICY)) {
      checkEveryMinute(monitor, 9);
    }

    assertThat(tracker.board()).hasIncidentCount(0).server("NC027").hasStatus(Status.OPERATIONAL);
    assertThat(tracker.board().timeline("NC027")).hasNoOutages();
  }

  @Test
  void aFlappingServerDoesNotPostAnIncidentForEveryCycle() throws Exception {
    // Eight cycles of three failed checks and two good ones, then it settles.
    String script = String.join(", ", java.util.Collections.nCopies(8, "down×3, up×2")) + ", up×30";
    try (Monitor monitor = monitor(script, OUR_POLICY)) {
      checkEveryMinute(monitor, 40);
      assertThat(monitor.state("NC027").flapping()).isTrue();
      assertThat(tracker.board().incidents()).as("posts during eight down cycles").hasSizeLessThanOrEqualTo(2);

      checkEveryMinute(monitor, 30);
      assertThat(monitor.state("NC027").flapping()).isFalse();
    }

    assertThat(tracker.board()).hasNoOpenIncidents().server("NC027").hasStatus(Status.OPERATIONAL);
  }

  @Test
  void timesAreWrittenInTheZoneThePolicyNames() throws Exception {
    IncidentPolicy amsterdam = OUR_POLICY.withZone(ZoneId.of("Europe/Amsterdam"));
    try (Monitor monitor = monitor("up×2, down×8, up×4", amsterdam)) {
      checkEveryMinute(monitor, 14);
    }

    assertThat(tracker.board().incidents().get(0)).hasLatestBodyContaining("between 08:09 and 08:17 CET");
  }
}
