package io.statuskit.testkit.properties;

import static io.statuskit.testkit.assertj.StatusAssertions.assertThat;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.testkit.EventRecorder;
import io.statuskit.testkit.ManualClock;
import io.statuskit.testkit.assertj.BoardInvariants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several writers and readers on one tracker. Each writer owns two servers that only ever change
 * together: every command it issues opens an incident declaring both down, or resolves it. A
 * reader that saw one down and the other up would have seen half a command.
 */
class TrackerConcurrencyTest {
  private static final int WRITERS = 4;
  private static final int READERS = 2;
  private static final int ROUNDS = 100;

  @Test
  void readersNeverSeeATornBoardAndVersionsOnlyGrow() throws Exception {
    ManualClock clock = ManualClock.at("2016-11-23T07:00:00Z");
    ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        EventRecorder events = EventRecorder.subscribe(tracker)) {
      for (int w = 0; w < WRITERS; w++) {
        tracker.addServer(Server.builder(a(w)).role("Mail server").build());
        tracker.addServer(Server.builder(b(w)).role("Relay server").build());
        tracker.observe(a(w), Status.OPERATIONAL);
        tracker.observe(b(w), Status.OPERATIONAL);
      }
      long setup = tracker.board().version();
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      AtomicLong boardsRead = new AtomicLong();

      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < ROUNDS; round++) {
                    clock.advance(Duration.ofSeconds(1));
                    Incident incident =
                        tracker.openIncident(
                            OpenIncident.incident("Writer " + writer + " round " + round)
                                .id("w" + writer + "-" + round)
                                .declaring(a(writer), Status.MAJOR_OUTAGE)
                                .declaring(b(writer), Status.MAJOR_OUTAGE)
                                .build());
                    clock.advance(Duration.ofSeconds(1));
                    tracker.resolve(incident.id(), Body.plain("Back"));
                  }
                  return null;
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(
            threads.submit(
                () -> {
                  start.await();
                  long lastVersion = -1;
                  long reads = 0;
                  do {
                    StatusBoard board = tracker.board();
                    if (board.version() < lastVersion) {
                      problems.add("version went back from " + lastVersion + " to " + board.version());
                    }
                    lastVersion = board.version();
                    for (int writer = 0; writer < WRITERS; writer++) {
                      int w = writer;
                      Status first = board.status(a(w));
                      Status second = board.status(b(w));
                      if (first != second) {
                        problems.add("version " + board.version() + ": " + a(w) + " " + first + " but " + b(w) + " " + second);
                      }
                      long open = board.openIncidents().stream().filter(i -> i.affects(a(w))).count();
                      if (open > 1 || (open == 1) != (first == Status.MAJOR_OUTAGE)) {
                        problems.add("version " + board.version() + ": writer " + w + " has " + open + " open, status " + first);
                      }
                    }
                    if (reads++ % 200 == 0) {
                      problems.addAll(BoardInvariants.violations(board));
                    }
                  } while (writing.get());
                  boardsRead.addAndGet(reads);
                  return null;
                }));
      }

      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> reader : readers) {
        reader.get(60, TimeUnit.SECONDS);
      }

      long expected = setup + 2L * WRITERS * ROUNDS;
      assertThat(problems).isEmpty();
      assertThat(boardsRead.get()).isPositive();
      assertThat(tracker.board()).hasVersion(expected).hasNoOpenIncidents().hasIncidentCount(WRITERS * ROUNDS).isConsistent();
      for (int writer = 0; writer < WRITERS; writer++) {
        int w = writer;
        assertThat(tracker.board()).server(a(w)).hasStatus(Status.OPERATIONAL);
        assertThat(tracker.board().timeline(a(w)).outages()).hasSize(ROUNDS);
        assertThat(tracker.board().timeline(a(w)).outages()).isEqualTo(
            tracker.board().timeline(b(w)).outages().stream()
                .map(o -> new io.statuskit.core.Outage(a(w), o.start(), o.end(), o.worst()))
                .toList());
      }
      assertThat(events.awaitCount((int) expected, Duration.ofSeconds(30))).hasSize((int) expected);
      assertThat(events).isInSequenceOrder();
      assertThat(events.lastBoard().orElseThrow()).isEqualTo(tracker.board());
    } finally {
      threads.shutdownNow();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static String a(int writer) {
    return "W" + writer + "A";
  }

  private static String b(int writer) {
    return "W" + writer + "B";
  }
}
