package io.statuskit.core;

import static io.statuskit.core.Status.MAJOR_OUTAGE;
import static io.statuskit.core.Status.OPERATIONAL;
import static org.assertj.core.api.Assertions.assertThat;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.ReportHealth;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.store.InMemoryStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two trackers on one store: races, catching up, following, and health reports. */
class SharedStoreTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2016-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2016-11-23T07:09:00Z");

  private static StatusTracker tracker(StatusStore store) {
    return StatusTracker.builder().clock(CLOCK).store(store).build();
  }

  /** A second writer that is never told of the other's appends, so it only learns by losing. */
  private static StatusStore deaf(InMemoryStatusStore store) {
    InMemoryStatusStore shared = store.share();
    return new StatusStore() {
      @Override
      public StatusBoard load() {
        return shared.load();
      }

      @Override
      public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
        return shared.append(event, after);
      }

      @Override
      public List<StatusEvent> eventsAfter(long version) {
        return shared.eventsAfter(version);
      }

      @Override
      public void close() {
        shared.close();
      }
    };
  }

  private static OpenIncident unreachable(String server) {
    return OpenIncident.incident(server + ": Mail server unreachable").impact(Impact.MAJOR).affecting(server, MAJOR_OUTAGE).build();
  }

  private static ReportHealth down(String server, OffsetDateTime since) {
    return new ReportHealth(server, "monitor:" + server, MAJOR_OUTAGE, "connect refused", since, unreachable(server), null, since.plusMinutes(1));
  }

  private static ReportHealth up(String server, OffsetDateTime since) {
    return new ReportHealth(
        server,
        "monitor:" + server,
        OPERATIONAL,
        "all probes up",
        since,
        null,
        outage -> Body.plain(server + ": back online. It was " + outage.describe(ZoneOffset.UTC) + "."),
        since.plusMinutes(1));
  }

  @Test
  void aCommandThatLostARaceIsRetriedAgainstTheNewerBoard() {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker a = tracker(store); StatusTracker b = tracker(deaf(store))) {
      a.addServer(Server.builder("NC027").build());
      // b has not heard of NC027's addition; its own addition of NC033 loses version 1 and is retried as 2
      b.addServer(Server.builder("NC033").build());
      assertThat(b.board().version()).isEqualTo(2);
      assertThat(b.board().server("NC027")).isPresent();
      assertThat(store.events()).extracting(StatusEvent::sequence).containsExactly(1L, 2L);
    }
  }

  /** A store whose append stages complete only once {@code release} opens, as a slow commit does. */
  private static StatusStore held(StatusStore delegate, CountDownLatch release, CountDownLatch appended) {
    return new StatusStore() {
      @Override
      public StatusBoard load() {
        return delegate.load();
      }

      @Override
      public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
        CompletionStage<Void> inner = delegate.append(event, after);
        CompletableFuture<Void> result = new CompletableFuture<>();
        appended.countDown();
        Thread completer = new Thread(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inner.whenComplete((ok, failure) -> {
            if (failure == null) {
              result.complete(null);
            } else {
              result.completeExceptionally(failure);
            }
          });
        });
        completer.setDaemon(true);
        completer.start();
        return result;
      }

      @Override
      public List<StatusEvent> eventsAfter(long version) {
        return delegate.eventsAfter(version);
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  @Test
  void aCommandRefusedWhileAnotherOfTheTrackersAppendsIsInFlightIsRetriedOnceCaughtUp() throws Exception {
    InMemoryStatusStore store = new InMemoryStatusStore();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch appended = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (StatusTracker a = tracker(store); StatusTracker b = tracker(held(deaf(store), release, appended))) {
      a.addServer(Server.builder("NC027").build());
      // b has not heard of NC027; its addition of NC033 is in flight (and will lose version 1)
      Future<Server> adding = executor.submit(() -> b.addServer(Server.builder("NC033").build()));
      assertThat(appended.await(5, TimeUnit.SECONDS)).isTrue();
      // refused against b's board, with b's own append in flight: it must wait, catch up, retry
      Future<Status> observing = executor.submit(() -> b.observe("NC027", MAJOR_OUTAGE));
      Thread.sleep(100);
      release.countDown();

      assertThat(observing.get(5, TimeUnit.SECONDS)).isEqualTo(MAJOR_OUTAGE);
      assertThat(adding.get(5, TimeUnit.SECONDS).id()).isEqualTo("NC033");
      assertThat(b.board().server("NC033")).isPresent();
      assertThat(b.board().status("NC027")).isEqualTo(MAJOR_OUTAGE);
      assertThat(store.events()).hasSize(3);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aRetriedCommandIsStillRefusedWhenTheNewerBoardMakesItInvalid() {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker a = tracker(store); StatusTracker b = tracker(deaf(store))) {
      a.addServer(Server.builder("NC027").build());
      Incident incident = a.openIncident(unreachable("NC027"));
      b.execute(new Command.ObserveStatus("NC027", OPERATIONAL, null, null)); // b catches up by losing a race
      a.resolve(incident.id(), Body.plain("Back."));
      assertThat(b.board().incident(incident.id()).orElseThrow().isOpen()).isTrue(); // b is behind again

      assertThatThrownBy(() -> b.resolve(incident.id(), Body.plain("Back, says b.")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("resolved");
      assertThat(b.board().incident(incident.id()).orElseThrow().updates()).hasSize(2);
      assertThat(store.events()).hasSize(4);
    }
  }

  @Test
  void aTrackerGivesUpAfterItsAttemptsAndSaysWhy() {
    StatusStore alwaysBehind =
        new StatusStore() {
          @Override
          public StatusBoard load() {
            return StatusBoard.empty();
          }

          @Override
          public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
            return CompletableFuture.failedFuture(new StoreConflictException(event.sequence(), event.sequence() + 5, "a test store"));
          }

          @Override
          public List<StatusEvent> eventsAfter(long version) {
            return List.of();
          }

          @Override
          public void close() {}
        };
    try (StatusTracker tracker = StatusTracker.builder().clock(CLOCK).store(alwaysBehind).maxAttempts(3).build()) {
      assertThatThrownBy(() -> tracker.addServer(Server.builder("NC027").build()))
          .isInstanceOf(StoreConflictException.class)
          .hasMessageContaining("gave up after 3 attempts");
      assertThat(tracker.board().version()).isZero();
    }
  }

  @Test
  void aFollowerAppliesAndPublishesWhatAnotherWriterKept() throws InterruptedException {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker a = tracker(store); StatusTracker b = tracker(store.share())) {
      List<StatusEvent> heard = new CopyOnWriteArrayList<>();
      CountDownLatch three = new CountDownLatch(3);
      b.subscribe((event, board) -> {
        heard.add(event);
        three.countDown();
      });
      a.addServer(Server.builder("NC027").build());
      a.observe("NC027", MAJOR_OUTAGE, "connect refused");
      a.openIncident(unreachable("NC027"));

      assertThat(three.await(5, TimeUnit.SECONDS)).as("b's listener heard a's three events").isTrue();
      assertThat(heard).extracting(StatusEvent::sequence).containsExactly(1L, 2L, 3L);
      assertThat(b.board()).isEqualTo(a.board());
    }
  }

  @Test
  void twoTrackersConvergeOnOneBoardUnderConcurrentCommands() throws Exception {
    InMemoryStatusStore store = new InMemoryStatusStore();
    int servers = 8;
    int rounds = 200;
    try (StatusTracker a = tracker(store); StatusTracker b = tracker(store.share())) {
      for (int i = 0; i < servers; i++) {
        a.addServer(Server.builder("S" + i).build());
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Long>>> acknowledged = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          StatusTracker tracker = t % 2 == 0 ? a : b;
          int thread = t;
          acknowledged.add(
              pool.submit(
                  () -> {
                    List<Long> kept = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                      String server = "S" + ((r + thread) % servers);
                      Status status = (r + thread) % 3 == 0 ? MAJOR_OUTAGE : OPERATIONAL;
                      kept.add(tracker.execute(new Command.ObserveStatus(server, status, "t" + thread + " r" + r, null)).sequence());
                    }
                    return kept;
                  }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : acknowledged) {
          all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        long last = servers + 4L * rounds;
        assertThat(all).doesNotHaveDuplicates().hasSize(4 * rounds);
        assertThat(store.events()).extracting(StatusEvent::sequence).hasSize((int) last);
        awaitVersion(a, last);
        awaitVersion(b, last);
        assertThat(a.board()).isEqualTo(b.board()).isEqualTo(store.load());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static void awaitVersion(StatusTracker tracker, long version) throws InterruptedException {
    for (int i = 0; i < 500 && tracker.board().version() < version; i++) {
      Thread.sleep(10);
    }
    assertThat(tracker.board().version()).isEqualTo(version);
  }

  @Test
  void aHealthReportOpensTheIncidentAndRecordsTheStatusFromTheStreaksStartAsOneEvent() {
    try (StatusTracker tracker = tracker(new InMemoryStatusStore())) {
      tracker.addServer(Server.builder("NC027").build());
      long before = tracker.board().version();
      StatusEvent.HealthReported reported = tracker.reportHealth(down("NC027", T0));

      assertThat(tracker.board().version()).isEqualTo(before + 1);
      assertThat(requireNonNull(reported.opened()).origin()).isEqualTo("monitor:NC027");
      assertThat(tracker.board().openIncidentFrom("monitor:NC027")).isPresent();
      assertThat(tracker.board().status("NC027")).isEqualTo(MAJOR_OUTAGE);
      assertThat(tracker.board().timeline("NC027").currentSince()).contains(T0.toInstant());
    }
  }

  @Test
  void aSecondReportOfTheSameOutageOpensNoSecondIncident() {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker a = tracker(store); StatusTracker b = tracker(deaf(store))) {
      a.addServer(Server.builder("NC027").build());
      b.execute(new Command.ObserveStatus("NC027", OPERATIONAL, null, T0.minusMinutes(5))); // b catches up
      a.reportHealth(down("NC027", T0));
      // b has not heard of a's incident: its report loses the race, is checked again, and opens none
      StatusEvent.HealthReported second = b.reportHealth(down("NC027", T0.plusSeconds(30)));

      assertThat(second.opened()).isNull();
      assertThat(b.board().incidents()).hasSize(1);
    }
  }

  @Test
  void theResolutionCountsTheOutageFromItsRealStartAndResolvesOnce() {
    try (StatusTracker tracker = tracker(new InMemoryStatusStore())) {
      tracker.addServer(Server.builder("NC027").build());
      tracker.reportHealth(down("NC027", T0));
      StatusEvent.HealthReported back = tracker.reportHealth(up("NC027", T0.plusMinutes(8)));
      StatusEvent.HealthReported again = tracker.reportHealth(up("NC027", T0.plusMinutes(9)));

      assertThat(requireNonNull(back.resolution()).body().text())
          .isEqualTo("NC027: back online. It was down for eight minutes between 07:09 and 07:17 UTC.");
      assertThat(again.resolution()).isNull();
      assertThat(tracker.board().openIncidentFrom("monitor:NC027")).isEmpty();
      assertThat(tracker.board().incidents()).hasSize(1);
    }
  }

  @Test
  void aHealthReportForARetiredServerIsRefusedWhole() {
    try (StatusTracker tracker = tracker(new InMemoryStatusStore())) {
      tracker.addServer(Server.builder("NC027").build());
      tracker.retireServer("NC027", null);
      StatusBoard before = tracker.board();

      assertThatThrownBy(() -> tracker.reportHealth(down("NC027", T0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("retired");
      assertThat(tracker.board()).isEqualTo(before);
    }
  }

  @Test
  void replayTrustsKeptEventsThatTodaysRulesWouldRefuse() {
    Instant t = T0.toInstant();
    Server server = Server.builder("NC027").build();
    List<StatusEvent> kept =
        List.of(
            new StatusEvent.ServerAdded(1, t, server),
            new StatusEvent.StatusObserved(2, t.plusSeconds(60), "NC027", MAJOR_OUTAGE, null),
            // an observation before the last one: refused by check(), trusted by apply()
            new StatusEvent.StatusObserved(3, t.plusSeconds(30), "NC027", OPERATIONAL, null));
    StatusBoard board = StatusBoard.empty();
    for (StatusEvent event : kept.subList(0, 2)) {
      board.check(event);
      board = board.apply(event);
    }
    StatusBoard atTwo = board;
    assertThatThrownBy(() -> atTwo.check(kept.get(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the last one");

    StatusBoard replayed = atTwo.apply(kept.get(2));

    assertThat(replayed.version()).isEqualTo(3);
    assertThat(replayed.status("NC027")).isEqualTo(OPERATIONAL);
  }
}
