package io.statuskit.core;

import static io.statuskit.core.Status.DEGRADED_PERFORMANCE;
import static io.statuskit.core.Status.MAJOR_OUTAGE;
import static io.statuskit.core.Status.OPERATIONAL;
import static io.statuskit.core.Status.PARTIAL_OUTAGE;
import static io.statuskit.core.Status.UNDER_MAINTENANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.Subscription;
import io.statuskit.core.Command.AddServer;
import io.statuskit.core.Command.ObserveStatus;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.PostUpdate;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.InMemoryStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusTrackerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2016-11-23T07:00:00Z"), ZoneOffset.UTC);
  private StatusTracker tracker;

  @BeforeEach
  void setUp() {
    tracker = StatusTracker.inMemory(CLOCK);
    tracker.addServer(Server.builder("NC027").name("Mail server").role("Mail server").build());
    tracker.addServer(Server.builder("NC033").role("Primary nameserver").build());
  }

  @AfterEach
  void tearDown() {
    tracker.close();
  }

  @Test
  void aNewServerIsUnknownUntilObserved() {
    assertThat(tracker.board().status("NC027")).isEqualTo(Status.UNKNOWN);
    assertThat(tracker.observe("NC027", OPERATIONAL)).isEqualTo(OPERATIONAL);
  }

  @Test
  void unknownServerIdsAreRejectedNamingTheId() {
    StatusBoard before = tracker.board();
    assertThatThrownBy(() -> tracker.observe("NC099", MAJOR_OUTAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server.id")
        .hasMessageContaining("\"NC099\"");
    assertThatThrownBy(
            () -> tracker.openIncident(OpenIncident.incident("Ghost").affecting("NC099", MAJOR_OUTAGE).build()))
        .hasMessageContaining("\"NC099\"");
    assertThat(tracker.board()).isSameAs(before);
  }

  @Test
  void duplicateIdsAreRejected() {
    StatusBoard before = tracker.board();
    assertThatThrownBy(() -> tracker.addServer(Server.builder("NC027").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("duplicate")
        .hasMessageContaining("\"NC027\"");
    tracker.openIncident(OpenIncident.incident("One").id("inc-1").build());
    assertThatThrownBy(() -> tracker.openIncident(OpenIncident.incident("Two").id("inc-1").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("incident.id")
        .hasMessageContaining("\"inc-1\"");
    assertThat(tracker.board().incidentCount()).isEqualTo(1);
    assertThat(before.incidentCount()).isZero();
  }

  @Test
  void anUpdateToAnUnknownIncidentIsRejected() {
    assertThatThrownBy(() -> tracker.resolve("nope", Body.plain("done")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incident.id")
        .hasMessageContaining("\"nope\"");
  }

  @Test
  void effectiveStatusIsTheWorstOfObservationDeclarationsAndMaintenance() {
    tracker.observe("NC027", DEGRADED_PERFORMANCE);
    Incident incident =
        tracker.openIncident(OpenIncident.incident("Mail slow").declaring("NC027", PARTIAL_OUTAGE).build());
    assertThat(tracker.board().status("NC027")).isEqualTo(PARTIAL_OUTAGE);
    tracker.observe("NC027", MAJOR_OUTAGE);
    assertThat(tracker.board().status("NC027")).isEqualTo(MAJOR_OUTAGE);
    tracker.observe("NC027", OPERATIONAL);
    assertThat(tracker.board().status("NC027")).isEqualTo(PARTIAL_OUTAGE);
    tracker.resolve(incident.id(), Body.plain("Fixed"));
    assertThat(tracker.board().status("NC027")).isEqualTo(OPERATIONAL);
  }

  @Test
  void affectedStatusesAloneDescribeButDoNotDeclare() {
    tracker.observe("NC027", OPERATIONAL);
    Incident incident =
        tracker.openIncident(OpenIncident.incident("NC027: Mail server shut down").affecting("NC027", MAJOR_OUTAGE).build());
    assertThat(incident.affected()).containsEntry("NC027", MAJOR_OUTAGE);
    assertThat(tracker.board().status("NC027")).isEqualTo(OPERATIONAL);
  }

  @Test
  void laterUpdatesCanDeclareNewStatuses() {
    Incident incident = tracker.openIncident(OpenIncident.incident("DNS").declaring("NC033", MAJOR_OUTAGE).build());
    tracker.postUpdate(incident.id(), IncidentState.MONITORING, Body.plain("recovering"), ImmutableMap.of("NC033", DEGRADED_PERFORMANCE));
    assertThat(tracker.board().status("NC033")).isEqualTo(DEGRADED_PERFORMANCE);
    assertThat(tracker.board().incident(incident.id()).orElseThrow().affected()).containsEntry("NC033", MAJOR_OUTAGE);
  }

  @Test
  void activeMaintenanceShowsUnderMaintenanceAndScheduledDoesNot() {
    tracker.observe("NC033", OPERATIONAL);
    Instant start = CLOCK.instant().plusSeconds(3600);
    Incident maintenance =
        tracker.scheduleMaintenance(
            OpenIncident.maintenance("Nameserver upgrade", MaintenanceWindow.of(start, start.plusSeconds(3600)))
                .affecting("NC033", UNDER_MAINTENANCE)
                .build());
    assertThat(tracker.board().status("NC033")).isEqualTo(OPERATIONAL);
    assertThat(tracker.board().upcomingMaintenance()).hasSize(1);
    tracker.startMaintenance(maintenance.id(), Body.plain("Started"));
    assertThat(tracker.board().status("NC033")).isEqualTo(UNDER_MAINTENANCE);
    assertThat(tracker.board().activeMaintenance()).hasSize(1);
    assertThat(tracker.board().indicator()).isEqualTo(Indicator.MAINTENANCE);
    tracker.completeMaintenance(maintenance.id(), Body.plain("Done"));
    assertThat(tracker.board().status("NC033")).isEqualTo(OPERATIONAL);
    assertThat(tracker.board().indicator()).isEqualTo(Indicator.NONE);
  }

  @Test
  void indicatorFollowsStatusesAndOpenIncidents() {
    tracker.observe("NC027", OPERATIONAL);
    tracker.observe("NC033", OPERATIONAL);
    assertThat(tracker.board().indicator()).isEqualTo(Indicator.NONE);
    tracker.observe("NC033", DEGRADED_PERFORMANCE);
    assertThat(tracker.board().indicator()).isEqualTo(Indicator.MINOR);
    tracker.openIncident(OpenIncident.incident("Mail down").impact(Impact.CRITICAL).build());
    assertThat(tracker.board().indicator()).isEqualTo(Indicator.CRITICAL);
    assertThat(tracker.board().indicator().description()).isEqualTo("Major System Outage");
  }

  @Test
  void internalServersDoNotRaiseThePublicIndicator() {
    tracker.addServer(Server.builder("NC023").internal().build());
    tracker.observe("NC023", MAJOR_OUTAGE);
    assertThat(tracker.board().indicator()).isEqualTo(Indicator.NONE);
  }

  @Test
  void idsAreMadeFromDateAndTitle() {
    Incident incident =
        tracker.openIncident(
            OpenIncident.incident("NC027: Mail server shut down").at(OffsetDateTime.parse("2016-11-23T07:11:41Z")).build());
    assertThat(incident.id()).isEqualTo("20161123-nc027-mail-server-shut-down");
    assertThat(incident.updates().get(0).id()).isEqualTo("20161123-nc027-mail-server-shut-down-1");
    Incident again =
        tracker.openIncident(
            OpenIncident.incident("NC027: Mail server shut down").at(OffsetDateTime.parse("2016-11-23T09:00:00Z")).build());
    assertThat(again.id()).isEqualTo("20161123-nc027-mail-server-shut-down-2");
  }

  @Test
  void retiredServersLeaveTheGlanceTableButKeepHistory() {
    tracker.addServer(Server.builder("NC018").build());
    tracker.addServer(Server.builder("NC026").build());
    tracker.observe("NC018", MAJOR_OUTAGE);
    Incident post = tracker.openIncident(OpenIncident.incident("Spam defences on server NC018").affecting("NC018", DEGRADED_PERFORMANCE).build());
    tracker.retireServer("NC018", "NC026");
    StatusBoard board = tracker.board();
    assertThat(board.glance()).extracting(ServerStatus::id).doesNotContain("NC018").contains("NC026");
    assertThat(board.server("NC018").orElseThrow().retirement()).isEqualTo(new Retirement(CLOCK.instant(), "NC026"));
    assertThat(board.timeline("NC018").changes()).isNotEmpty();
    assertThat(board.incidents(IncidentQuery.builder().server("NC018").build()).items()).extracting(Incident::id).containsExactly(post.id());
    assertThatThrownBy(() -> tracker.observe("NC018", OPERATIONAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("retired");
  }

  @Test
  void serversNamedByIncidentsCannotBeRemoved() {
    tracker.openIncident(OpenIncident.incident("Mail").id("mail").affecting("NC027", MAJOR_OUTAGE).build());
    assertThatThrownBy(() -> tracker.removeServer("NC027"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[mail]")
        .hasMessageContaining("retire");
    tracker.removeServer("NC033");
    assertThat(tracker.board().server("NC033")).isEmpty();
  }

  @Test
  void eachAppliedCommandReachesEveryListenerInOrderEvenWithAThrowingOrSlowOne() throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    CountDownLatch slowRelease = new CountDownLatch(1);
    CountDownLatch fastDone = new CountDownLatch(3);
    tracker.subscribe((event, board) -> {
      throw new IllegalStateException("listener bug");
    });
    tracker.subscribe((event, board) -> {
      try {
        slowRelease.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    tracker.subscribe((event, board) -> {
      seen.add(event.sequence());
      assertThat(board.version()).isEqualTo(event.sequence());
      fastDone.countDown();
    });
    long start = tracker.board().version();
    tracker.observe("NC027", OPERATIONAL);
    tracker.observe("NC027", MAJOR_OUTAGE);
    tracker.observe("NC027", OPERATIONAL);
    assertThat(fastDone.await(10, TimeUnit.SECONDS)).as("fast listener got all three events while the slow one blocks").isTrue();
    assertThat(seen).containsExactly(start + 1, start + 2, start + 3);
    slowRelease.countDown();
  }

  @Test
  void unsubscribedListenersHearNothingMore() throws Exception {
    List<StatusEvent> seen = new CopyOnWriteArrayList<>();
    Subscription subscription = tracker.subscribe((event, board) -> seen.add(event));
    subscription.close();
    tracker.observe("NC027", OPERATIONAL);
    Thread.sleep(50);
    assertThat(seen).isEmpty();
  }

  @Test
  void aStoreFailureRejectsTheCommandAndTheBoardStaysWithWhatIsKept() {
    FailingStore store = new FailingStore();
    try (StatusTracker durable = StatusTracker.builder().clock(CLOCK).store(store).build()) {
      durable.addServer(Server.builder("NC027").build());
      StatusBoard before = durable.board();
      store.failNext = true;
      assertThatThrownBy(() -> durable.observe("NC027", MAJOR_OUTAGE))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("disk full");
      assertThat(durable.board()).isSameAs(before);
      assertThat(durable.observe("NC027", OPERATIONAL)).isEqualTo(OPERATIONAL);
      assertThat(durable.board().version()).isEqualTo(2);
      assertThat(store.delegate.events()).hasSize(2);
    }
  }

  @Test
  void aCallReturnsOnlyOnceItsBoardIsPublishedEvenWhenTheStoreCompletesOnAnotherThread() throws Exception {
    java.util.concurrent.ExecutorService disk = java.util.concurrent.Executors.newSingleThreadExecutor();
    InMemoryStatusStore memory = new InMemoryStatusStore();
    StatusStore asyncStore =
        new StatusStore() {
          @Override
          public StatusBoard load() {
            return memory.load();
          }

          @Override
          public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
            memory.append(event, after);
            return CompletableFuture.runAsync(() -> {}, disk);
          }

          @Override
          public List<StatusEvent> eventsAfter(long version) {
            return memory.eventsAfter(version);
          }

          @Override
          public void close() {
            memory.close();
          }
        };
    try (StatusTracker durable = StatusTracker.builder().clock(CLOCK).store(asyncStore).build()) {
      durable.addServer(Server.builder("NC027").build());
      for (int i = 0; i < 2_000; i++) {
        StatusEvent event = durable.execute(new ObserveStatus("NC027", i % 2 == 0 ? MAJOR_OUTAGE : OPERATIONAL, null, null));
        assertThat(durable.board().version()).as("board after event %s", event.sequence()).isEqualTo(event.sequence());
      }
    } finally {
      disk.shutdownNow();
    }
  }

  @Test
  void aClosedTrackerRefusesCommands() {
    tracker.close();
    assertThatThrownBy(() -> tracker.observe("NC027", OPERATIONAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void commandsWithTimesImportHistory() {
    tracker.execute(new AddServer(Server.builder("NC036").build(), OffsetDateTime.parse("2000-01-01T00:00:00Z")));
    tracker.execute(new ObserveStatus("NC036", MAJOR_OUTAGE, "refused", OffsetDateTime.parse("2016-11-23T07:09:00Z")));
    tracker.execute(new ObserveStatus("NC036", OPERATIONAL, null, OffsetDateTime.parse("2016-11-23T07:17:00Z")));
    assertThat(tracker.board().timeline("NC036").outages().get(0).describe(ZoneOffset.UTC))
        .isEqualTo("down for eight minutes between 07:09 and 07:17 UTC");
    assertThat(tracker.board().serverStatus("NC036").orElseThrow().detail()).isNull();
  }

  @Test
  void anObservationOlderThanTheLastIsRejectedEvenWhenTheStatusIsTheSame() {
    tracker.execute(new ObserveStatus("NC027", MAJOR_OUTAGE, null, OffsetDateTime.parse("2016-11-23T07:10:00Z")));
    StatusBoard before = tracker.board();
    assertThatThrownBy(
            () -> tracker.execute(new ObserveStatus("NC027", MAJOR_OUTAGE, null, OffsetDateTime.parse("2016-11-23T07:05:00Z"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NC027")
        .hasMessageContaining("2016-11-23T07:05:00Z")
        .hasMessageContaining("before the last one");
    assertThat(tracker.board()).isSameAs(before);
  }

  @Test
  void anUpdateDeclaringAnUnknownServerIsRejected() {
    Incident incident = tracker.openIncident(OpenIncident.incident("x").build());
    assertThatThrownBy(
            () -> tracker.execute(new PostUpdate(incident.id(), IncidentState.IDENTIFIED, Body.plain("y"), ImmutableMap.of("NC404", MAJOR_OUTAGE), null)))
        .hasMessageContaining("\"NC404\"");
    assertThat(tracker.board().incident(incident.id()).orElseThrow().updates()).hasSize(1);
  }

  /** A store that fails the next append on request, like a full disk. */
  private static final class FailingStore implements StatusStore {
    final InMemoryStatusStore delegate = new InMemoryStatusStore();
    volatile boolean failNext;

    @Override
    public StatusBoard load() {
      return delegate.load();
    }

    @Override
    public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
      if (failNext) {
        failNext = false;
        return CompletableFuture.failedFuture(new StoreException("journal: disk full writing segment 1 at offset 4096"));
      }
      return delegate.append(event, after);
    }

    @Override
    public List<StatusEvent> eventsAfter(long version) {
      return delegate.eventsAfter(version);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
