package io.statuskit.testkit.properties;

import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.core.testing.CommandScript;
import io.statuskit.core.testing.CommandScript.Step;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boards and events made by generated histories round-trip through the JSON codec, byte for byte. */
class StatusJsonPropertiesTest {

  @Test
  void anyBoardRoundTripsThroughJson() {
    qt().withExamples(200).forAll(gen(CoreScripts.scripts(80))).checkAssert(StatusJsonPropertiesTest::boardRoundTrips);
  }

  private static void boardRoundTrips(List<Step> steps) {
    StatusBoard board = CommandScript.board(steps);
    byte[] json = StatusJson.writeBoard(board);

    StatusBoard read = StatusJson.readBoard(json);

    assertThat(read).isEqualTo(board);
    assertThat(StatusJson.writeBoard(read)).isEqualTo(json);
  }

  @Test
  void anyEventRoundTripsThroughJson() {
    qt().withExamples(100).forAll(gen(CoreScripts.scripts(80))).checkAssert(StatusJsonPropertiesTest::eventsRoundTrip);
  }

  private static void eventsRoundTrip(List<Step> steps) {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker tracker = StatusTracker.builder().clock(Clock.systemUTC()).store(store).build()) {
      new CommandScript().play(tracker, steps);
    }
    StatusBoard replayed = StatusBoard.empty();
    for (StatusEvent event : store.events()) {
      byte[] json = StatusJson.writeEvent(event);
      StatusEvent read = StatusJson.readEvent(json);
      assertThat(read).isEqualTo(event);
      assertThat(StatusJson.writeEvent(read)).isEqualTo(json);
      replayed = replayed.apply(read);
    }
    assertThat(replayed.version()).isEqualTo(store.events().size());
  }
}
