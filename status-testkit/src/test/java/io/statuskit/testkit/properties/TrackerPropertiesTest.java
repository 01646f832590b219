package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatEvents;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatThrownBy;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.generators.CommandScript;
import io.statuskit.testkit.generators.StatusGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of the tracker and board over generated command scripts. */
class TrackerPropertiesTest {

  @Test
  void everyCommandOfAValidScriptIsAcceptedAndKeepsTheBoardConsistent() {
    Coverage coverage = new Coverage("everyCommandOfAValidScriptIsAcceptedAndKeepsTheBoardConsistent");
    qt().withExamples(300).forAll(gen(StatusGenerators.validCommandScripts())).checkAssert(script -> validScript(script, coverage));
    coverage.check(
        Map.of(
            "maintenance cancelled", 3.0,
            "an incident resolved", 10.0,
            "a server in outage at some time", 20.0,
            "maintenance started", 8.0,
            "a server retired or removed", 15.0));
  }

  private static void validScript(CommandScript script, Coverage coverage) {
    try (StatusTracker tracker = tracker(new InMemoryStatusStore())) {
      for (CommandScript.Entry entry : script.entries()) {
        tracker.execute(entry.command());
        assertThat(tracker.board()).as("after %s", entry).isConsistent();
      }
      StatusBoard board = tracker.board();
      assertThat(board).hasVersion(script.size());
      coverage.collect(
          "maintenance cancelled", board.incidents().stream().anyMatch(i -> i.state() == IncidentState.CANCELLED));
      coverage.collect(
          "an incident resolved",
          board.incidents().stream().anyMatch(i -> i.state() == IncidentState.RESOLVED || i.state() == IncidentState.POSTMORTEM));
      coverage.collect(
          "a server in outage at some time", board.servers().stream().anyMatch(s -> !s.timeline().outages().isEmpty()));
      coverage.collect(
          "maintenance started",
          board.incidents().stream().anyMatch(i -> i.kind() == IncidentKind.MAINTENANCE && i.state() != IncidentState.SCHEDULED));
      coverage.collect(
          "a server retired or removed",
          board.servers().stream().anyMatch(s -> s.server().isRetired())
              || script.commands().stream().anyMatch(c -> c instanceof Command.RemoveServer));
    }
  }

  @Test
  void rejectedCommandsChangeNothingAndAcceptedOnesKeepTheBoardConsistent() {
    Coverage coverage = new Coverage("rejectedCommandsChangeNothingAndAcceptedOnesKeepTheBoardConsistent");
    qt().withExamples(400).forAll(gen(StatusGenerators.commandScripts())).checkAssert(script -> mixedScript(script, coverage));
    coverage.check(Map.of("has a command to refuse", 35.0));
  }

  private static void mixedScript(CommandScript script, Coverage coverage) {
    List<String> surprises = new ArrayList<>();
    try (StatusTracker tracker = tracker(new InMemoryStatusStore())) {
      for (int i = 0; i < script.size(); i++) {
        CommandScript.Entry entry = script.entries().get(i);
        StatusBoard before = tracker.board();
        RuntimeException refusal = null;
        try {
          tracker.execute(entry.command());
        } catch (IllegalArgumentException | IllegalStateException e) {
          refusal = e;
        }
        if (refusal != null) {
          assertThat(tracker.board()).as("board after refused %s", entry).isEqualTo(before);
          assertThat(refusal.getMessage()).as("message of refusal of %s", entry).isNotBlank();
        } else {
          assertThat(tracker.board()).as("after %s", entry).hasVersion(before.version() + 1).isConsistent();
        }
        if (!entry.accepted()) {
          coverage.collect("mistakes", entry.note().replaceAll(" from .*", ""));
        }
        if (entry.accepted() != (refusal == null)) {
          surprises.add((i + 1) + ". " + entry + (refusal == null ? "  (was accepted)" : "  (was refused: " + refusal.getMessage() + ")"));
        }
      }
      coverage.collect("has a command to refuse", script.rejectedCount() > 0);
    }
    assertThat(surprises).as("commands the tracker treated otherwise than expected in%n%s", script).isEmpty();
  }

  @Test
  void replayingTheStoredEventsRebuildsTheBoard() {
    qt().withExamples(100).forAll(gen(StatusGenerators.commandScripts())).checkAssert(TrackerPropertiesTest::replay);
  }

  private static void replay(CommandScript script) {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker tracker = tracker(store)) {
      for (Command command : script.commands()) {
        try {
          tracker.execute(command);
        } catch (IllegalArgumentException | IllegalStateException e) {
          // refused: nothing was kept
        }
      }
      List<StatusEvent> events = store.events();
      StatusBoard replayed = StatusBoard.empty();
      for (StatusEvent event : events) {
        replayed = replayed.apply(event);
      }
      assertThatEvents(events).isInSequenceOrder().hasSize((int) tracker.board().version());
      assertThat(replayed).isEqualTo(tracker.board());
      assertThat(store.load()).isEqualTo(tracker.board());
    }
  }

  @Test
  void blankTitlesNamesAndBodiesAreRefusedNamingTheField() {
    qt().withExamples(50).forAll(gen(StatusGenerators.blankTexts())).checkAssert(TrackerPropertiesTest::blankRefused);
  }

  private static void blankRefused(String blank) {
    assertThatThrownBy(() -> Command.OpenIncident.incident(blank).body("The relay server has been stopped").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("incident.title must not be blank");
    assertThatThrownBy(() -> Command.OpenIncident.incident(blank).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("incident.title must not be blank");
    assertThatThrownBy(() -> Server.builder("NC027").name(blank).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("server.name must not be blank");
    assertThatThrownBy(() -> Body.plain(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("body must not be blank");
  }

  private static StatusTracker tracker(InMemoryStatusStore store) {
    return StatusTracker.builder().clock(ManualClock.create()).store(store).listenerExecutor(Runnable::run).build();
  }
}
