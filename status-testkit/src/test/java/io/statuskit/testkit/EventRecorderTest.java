package io.statuskit.testkit;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;
import static io.statuskit.testkit.assertj.StatusAssertions.assertThatThrownBy;
import static io.statuskit.testkit.assertj.StatusEventConditions.observed;
import static io.statuskit.testkit.assertj.StatusEventConditions.serverAdded;

import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  @Test
  void recordsEventsFromTheTrackersOwnListenerThreads() {
    ManualClock clock = ManualClock.at("2016-11-23T07:00:00Z");
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        EventRecorder events = EventRecorder.subscribe(tracker)) {
      tracker.addServer(Server.builder("NC027").role("Mail server").build());
      clock.advance(Duration.ofMinutes(9));
      tracker.observe("NC027", Status.MAJOR_OUTAGE);
      clock.advance(Duration.ofMinutes(8));
      tracker.observe("NC027", Status.OPERATIONAL);

      events.awaitCount(3, Duration.ofSeconds(10));

      assertThat(events)
          .isInSequenceOrder()
          .containsSubsequence(
              serverAdded("NC027"), observed("NC027", Status.MAJOR_OUTAGE), observed("NC027", Status.OPERATIONAL));
      assertThat(events.events(StatusEvent.StatusObserved.class)).hasSize(2);
      assertThat(events.lastBoard().orElseThrow()).hasVersion(3).server("NC027").hasOutage(
          "down for eight minutes between 07:09 and 07:17 UTC");
    }
  }

  @Test
  void awaitingMoreEventsThanArriveFailsListingThoseThatDid() {
    try (StatusTracker tracker = StatusTracker.builder().clock(ManualClock.create()).listenerExecutor(Runnable::run).build();
        EventRecorder events = EventRecorder.subscribe(tracker)) {
      tracker.addServer(Server.builder("NC027").build());

      assertThatThrownBy(() -> events.awaitCount(2, Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("Expected at least 2 events within PT0.05S but 1 arrived")
          .hasMessageContaining("#1 2016-11-23T07:00:00Z server added NC027");
    }
  }

  @Test
  void awaitReturnsOnceALateEventArrives() throws Exception {
    EventRecorder events = new EventRecorder();
    CountDownLatch waiting = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      StatusEvent event = NinerNetSample.events().get(0);
      var future =
          executor.submit(
              () -> {
                waiting.countDown();
                return events.awaitCount(1, Duration.ofSeconds(10));
              });
      waiting.await(10, TimeUnit.SECONDS);
      events.onEvent(event, NinerNetSample.board());

      assertThat(future.get(10, TimeUnit.SECONDS)).containsExactly(event);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void closingUnsubscribesAndClearForgets() {
    try (StatusTracker tracker = StatusTracker.builder().clock(ManualClock.create()).listenerExecutor(Runnable::run).build()) {
      EventRecorder events = EventRecorder.subscribe(tracker);
      tracker.addServer(Server.builder("NC027").build());
      events.close();
      tracker.addServer(Server.builder("NC036").build());

      assertThat(events.size()).isEqualTo(1);
      events.clear();
      assertThat(events.events()).isEmpty();
      assertThat(events.lastBoard()).isEmpty();
    }
  }

  @Test
  void negativeCountIsRejected() {
    assertThatThrownBy(() -> new EventRecorder().awaitCount(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must not be negative: -1");
  }
}
