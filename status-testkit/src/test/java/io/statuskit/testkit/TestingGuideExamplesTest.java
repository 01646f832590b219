package io.statuskit.testkit;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatEvents;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatThrownBy;
import static io.statuskit.testkit.assertj.StatusEventConditions.observed;
import static io.statuskit.testkit.assertj.StatusEventConditions.opened;
import static io.statuskit.testkit.assertj.StatusEventConditions.resolved;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.generators.CommandScript;
import io.statuskit.testkit.generators.RandomSource;
import io.statuskit.testkit.generators.StatusGenerators;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The examples of docs/testing.md, kept compiling and passing here. */
class TestingGuideExamplesTest {

  @Test
  void manualClockExampleShowsTheEightMinuteOutage() {
    ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      tracker.addServer(Server.builder("NC027").role("Mail server").build());
      tracker.observe("NC027", Status.MAJOR_OUTAGE);
      clock.advance(Duration.ofMinutes(8));
      tracker.observe("NC027", Status.OPERATIONAL);
      assertThat(tracker.board()).server("NC027")
          .hasOutage("down for eight minutes between 07:09 and 07:17 UTC");
    }
  }

  @Test
  void eventRecorderExampleSeesTheOutageStory() {
    ManualClock clock = ManualClock.at("2016-11-23T07:09:00Z");
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        EventRecorder events = EventRecorder.subscribe(tracker)) {
      tracker.addServer(Server.builder("NC027").role("Mail server").build());
      tracker.observe("NC027", Status.MAJOR_OUTAGE);
      clock.advance(Duration.ofSeconds(161));
      Incident incident =
          tracker.openIncident(
              OpenIncident.incident("NC027: Mail server shut down")
                  .id(NinerNetSample.NC027_SHUT_DOWN)
                  .affecting("NC027", Status.MAJOR_OUTAGE)
                  .build());
      clock.set("2016-11-23T07:28:27Z");
      tracker.resolve(incident.id(), Body.plain("NC027: Mail server back online"));

      events.awaitCount(4, Duration.ofSeconds(5));
      assertThat(events)
          .isInSequenceOrder()
          .containsSubsequence(
              observed("NC027", Status.MAJOR_OUTAGE),
              opened(NinerNetSample.NC027_SHUT_DOWN),
              resolved(NinerNetSample.NC027_SHUT_DOWN));
      assertThat(tracker.board().incident(incident.id()).orElseThrow())
          .isResolved()
          .lastedExactly(Duration.ofMinutes(16).plusSeconds(46))
          .hasUpdateCount(2);
    }
  }

  @Test
  void subsequenceFailureShowsTheSampleEventLineOfTheGuide() {
    assertThatThrownBy(() -> assertThatEvents(NinerNetSample.events()).containsSubsequence(resolved("no-such-incident")))
        .hasMessageContaining("#36 2016-11-23T07:09:00Z observed NC027 major_outage \"shut down to clean up after a spammer\"");
  }

  @Test
  void outageFailureLooksAsTheGuideShowsIt() {
    assertThatThrownBy(
            () -> assertThat(NinerNetSample.board().timeline("NC027"))
                .hasOutage("down for nine minutes between 07:09 and 07:18 UTC"))
        .hasMessage(
            "Expecting NC027 to have outages%n"
                + "  [down for nine minutes between 07:09 and 07:18 UTC]%n"
                + "but it has%n"
                + "  [down for eight minutes between 07:09 and 07:17 UTC]%n"
                + "Timeline:%n"
                + "  2013-05-01T00:00:00Z operational%n"
                + "  2016-11-23T07:09:00Z major_outage%n"
                + "  2016-11-23T07:17:00Z operational",
            new Object[0]);
  }

  @Test
  void generatorsGiveTheSameValuesForTheSameSeed() {
    CommandScript script = StatusGenerators.commandScripts().sample(42);
    List<Incident> incidents = StatusGenerators.incidents().samples(7, 100);
    Server server = StatusGenerators.servers().generate(RandomSource.of(new SplittableRandom(1)));

    assertThat(script.toString()).isEqualTo(StatusGenerators.commandScripts().sample(42).toString());
    assertThat(incidents).hasSize(100).isEqualTo(StatusGenerators.incidents().samples(7, 100));
    assertThat(server).isEqualTo(StatusGenerators.servers().sample(1));
  }

  @Test
  void rejectedCommandsChangeNothing() {
    qt().withExamples(400).forAll(gen(StatusGenerators.commandScripts())).checkAssert(script -> {
      try (StatusTracker tracker = StatusTracker.inMemory(ManualClock.create())) {
        for (CommandScript.Entry entry : script.entries()) {
          StatusBoard before = tracker.board();
          try {
            tracker.execute(entry.command());
            assertThat(entry.accepted()).as("accepted %s", entry).isTrue();
          } catch (IllegalArgumentException | IllegalStateException e) {
            assertThat(entry.accepted()).as("refused %s", entry).isFalse();
            assertThat(tracker.board()).isEqualTo(before);
          }
        }
      }
    });
  }
}
