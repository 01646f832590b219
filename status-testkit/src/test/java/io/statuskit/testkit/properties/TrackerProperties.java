package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatEvents;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatThrownBy;

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
import io.statuskit.testkit.jqwik.CommandScript;
import io.statuskit.testkit.jqwik.StatusArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of the tracker and board over generated command scripts. */
class TrackerProperties {

  @Property(tries = 300)
  void everyCommandOfAValidScriptIsAcceptedAndKeepsTheBoardConsistent(@ForAll("validScripts") CommandScript script) {
    try (StatusTracker tracker = tracker(new InMemoryStatusStore())) {
      for (CommandScript.Entry entry : script.entries()) {
        tracker.execute(entry.command());
        assertThat(tracker.board()).as("after %s", entry).isConsistent();
      }
      StatusBoard board = tracker.board();
      assertThat(board).hasVersion(script.size());
      Statistics.label("maintenance cancelled")
          .collect(board.incidents().stream().anyMatch(i -> i.state() == IncidentState.CANCELLED))
          .coverage(c -> c.check(true).percentage(p -> p >= 3));
      Statistics.label("an incident resolved")
          .collect(board.incidents().stream().anyMatch(i -> i.state() == IncidentState.RESOLVED || i.state() == IncidentState.POSTMORTEM))
          .coverage(c -> c.check(true).percentage(p -> p >= 10));
      Statistics.label("a server in outage at some time")
          .collect(board.servers().stream().anyMatch(s -> !s.timeline().outages().isEmpty()))
          .coverage(c -> c.check(true).percentage(p -> p >= 20));
      Statistics.label("maintenance started")
          .collect(board.incidents().stream().anyMatch(i -> i.kind() == IncidentKind.MAINTENANCE && i.state() != IncidentState.SCHEDULED))
          .coverage(c -> c.check(true).percentage(p -> p >= 8));
      Statistics.label("a server retired or removed")
          .collect(board.servers().stream().anyMatch(s -> s.server().isRetired())
              || script.commands().stream().anyMatch(c -> c instanceof Command.RemoveServer))
          .coverage(c -> c.check(true).percentage(p -> p >= 15));
    }
  }

  @Property(tries = 400)
  void rejectedCommandsChangeNothingAndAcceptedOnesKeepTheBoardConsistent(@ForAll("scripts") CommandScript script) {
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
          Statistics.label("mistakes").collect(entry.note().replaceAll(" from .*", ""));
        }
        if (entry.accepted() != (refusal == null)) {
          surprises.add((i + 1) + ". " + entry + (refusal == null ? "  (was accepted)" : "  (was refused: " + refusal.getMessage() + ")"));
        }
      }
      Statistics.label("has a command to refuse")
          .collect(script.rejectedCount() > 0)
          .coverage(c -> c.check(true).percentage(p -> p >= 35));
    }
    assertThat(surprises).as("commands the tracker treated otherwise than expected in%n%s", script).isEmpty();
  }

  @Property(tries = 100)
  void replayingTheStoredEventsRebuildsTheBoard(@ForAll("scripts") CommandScript script) {
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

  @Property(tries = 50)
  void blankTitlesNamesAndBodiesAreRefusedNamingTheField(@ForAll("blankTexts") String blank) {
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

  @Provide
  Arbitrary<CommandScript> validScripts() {
    return StatusArbitraries.validCommandScripts();
  }

  @Provide
  Arbitrary<CommandScript> scripts() {
    return StatusArbitraries.commandScripts();
  }

  @Provide
  Arbitrary<String> blankTexts() {
    return StatusArbitraries.blankTexts();
  }

  private static StatusTracker tracker(InMemoryStatusStore store) {
    return StatusTracker.builder().clock(ManualClock.create()).store(store).listenerExecutor(Runnable::run).build();
  }
}
