package io.statuskit.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.core.testing.CommandScript.Step;
import io.statuskit.core.testing.CommandScript;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StatusJsonProperties {

  @Provide
  Arbitrary<List<Step>> scripts() {
    return CommandScript.scripts(80);
  }

  @Property(tries = 200)
  void anyBoardRoundTripsThroughJson(@ForAll("scripts") List<Step> steps) {
    StatusBoard board = CommandScript.board(steps);
    byte[] json = StatusJson.writeBoard(board);

    StatusBoard read = StatusJson.readBoard(json);

    assertThat(read).isEqualTo(board);
    assertThat(StatusJson.writeBoard(read)).isEqualTo(json);
  }

  @Property(tries = 100)
  void anyEventRoundTripsThroughJson(@ForAll("scripts") List<Step> steps) {
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
