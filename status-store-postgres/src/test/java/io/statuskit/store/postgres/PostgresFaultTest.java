package io.statuskit.store.postgres;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.FakeTicker;
import io.statuskit.core.Command;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Subscription;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.spi.StoreException;
import io.statuskit.testkit.NinerNetSample;
import io.statuskit.testservers.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults: connections cut at exact points of a commit (through a proxy), the database away and
 * back, backends terminated by {@code pg_terminate_backend} in the middle of writes, two stores
 * writing at once. Nothing acknowledged is lost, nothing is applied twice, the store recovers.
 */
class PostgresFaultTest {
  private static final List<StatusEvent> EVENTS = NinerNetSample.events();
  private final List<String> schemas = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    schemas.forEach(TestDatabase::drop);
  }

  private String schema() {
    String schema = TestDatabase.newSchema();
    schemas.add(schema);
    return schema;
  }

  private <T extends AutoCloseable> T closing(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private static List<StatusBoard> boards() {
    List<StatusBoard> boards = new ArrayList<>();
    StatusBoard board = StatusBoard.empty();
    for (StatusEvent event : EVENTS) {
      board = board.apply(event);
      boards.add(board);
    }
    return boards;
  }

  private static void await(CompletionStage<Void> stage) throws Exception {
    stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void pingFailsWhileTheDatabaseIsAwayAnswersAgainWhenItIsBackAndSurvivesATerminatedBackend() throws Exception {
    TcpProxy proxy = closing(TcpProxy.to(TestDatabase.PORT));
    String schema = schema();
    FakeTicker ticker = new FakeTicker();
    PostgresStatusStore store =
        closing(PostgresStatusStore.builder().url(TestDatabase.urlVia(proxy.port())).schema(schema).ticker(ticker).build());
    store.ping();

    proxy.down();
    store.ping(); // within a second of the last check: its outcome
    ticker.advance(Duration.ofSeconds(1));
    assertThatThrownBy(store::ping)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not answer")
        .hasMessageContaining(schema);

    proxy.up();
    assertThatThrownBy(store::ping).isInstanceOf(StoreException.class); // the failure is kept for a second too
    ticker.advance(Duration.ofSeconds(1));
    store.ping();

    // The database is up, but the check's own connection was terminated: it takes a new one.
    assertThat(TestDatabase.terminate(schema, "health")).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(1));
    store.ping();
    assertThat(TestDatabase.terminate(schema, "health")).isEqualTo(1);

    store.close();
    assertThatThrownBy(store::ping).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aCommitWhoseAnswerWasLostIsReadBackAsKept() throws Exception {
    WriterCut cut = new WriterCut();
    TcpProxy proxy = closing(TcpProxy.to(TestDatabase.PORT, cut));
    String schema = schema();
    PostgresStatusStore store =
        closing(PostgresStatusStore.builder().url(TestDatabase.urlVia(proxy.port())).schema(schema).build());
    List<StatusBoard> boards = boards();
    await(store.append(EVENTS.get(0), boards.get(0)));

    cut.arm(WriterCut.Point.AFTER_COMMIT);
    await(store.append(EVENTS.get(1), boards.get(1)));

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(store.statistics().inDoubt()).isEqualTo(1);
    assertThat(store.statistics().inDoubtKept()).isEqualTo(1);
    assertThat(store.eventsAfter(0)).containsExactlyElementsOf(EVENTS.subList(0, 2));
    await(store.append(EVENTS.get(2), boards.get(2)));
    assertThat(store.load()).isEqualTo(boards.get(2));
  }

  @Test
  void aBatchThatNeverReachedTheServerIsKeptOnceAfterReconnecting() throws Exception {
    WriterCut cut = new WriterCut();
    TcpProxy proxy = closing(TcpProxy.to(TestDatabase.PORT, cut));
    String schema = schema();
    PostgresStatusStore store =
        closing(PostgresStatusStore.builder().url(TestDatabase.urlVia(proxy.port())).schema(schema).build());
    List<StatusBoard> boards = boards();

    cut.arm(WriterCut.Point.BEFORE_INSERT);
    await(store.append(EVENTS.get(0), boards.get(0)));

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(store.statistics().inDoubt()).isEqualTo(1);
    assertThat(store.statistics().inDoubtKept()).isZero();
    assertThat(store.statistics().reconnects()).isEqualTo(1);
    assertThat(store.eventsAfter(0)).containsExactly(EVENTS.get(0));
  }

  @Test
  void whileTheDatabaseIsAwayAppendsAndReadsFailSayingSoAndTheStoreRecoversByItself() throws Exception {
    TcpProxy proxy = closing(TcpProxy.to(TestDatabase.PORT));
    String schema = schema();
    PostgresStatusStore store =
        closing(
            PostgresStatusStore.builder()
                .url(TestDatabase.urlVia(proxy.port()))
                .schema(schema)
                .inDoubtTimeout(Duration.ofMillis(500))
                .connectTimeout(Duration.ofSeconds(1))
                .build());
    List<StatusBoard> boards = boards();
    await(store.append(EVENTS.get(0), boards.get(0)));
    String where = "schema " + schema + " at jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test";

    proxy.down();

    // The writer's connection broke under this batch: in doubt until the timeout, then it fails
    // saying the outcome is unknown; the next batch cannot even connect, so it was not kept.
    assertThatThrownBy(() -> await(store.append(EVENTS.get(1), boards.get(1))))
        .cause()
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(where)
        .hasMessageContaining("lost the connection while keeping event 2")
        .hasMessageContaining("whether they were kept is unknown");
    assertThatThrownBy(() -> await(store.append(EVENTS.get(1), boards.get(1))))
        .cause()
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(where)
        .hasMessageContaining("cannot connect to keep event 2; not kept")
        .hasMessageContaining("Connection to 127.0.0.1:" + proxy.port() + " refused")
        .hasMessageContaining("reconnects by itself");
    assertThatThrownBy(store::load)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(where)
        .hasMessageContaining("cannot load the board")
        .hasMessageContaining("reconnects by itself");
    assertThatThrownBy(() -> store.eventsAfter(0))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot read the events after version 0");

    proxy.up();
    await(store.append(EVENTS.get(1), boards.get(1)));

    assertThat(store.load()).isEqualTo(boards.get(1));
    assertThat(store.eventsAfter(0)).containsExactlyElementsOf(EVENTS.subList(0, 2));
  }

  @Test
  void aTrackerFailsCommandsWhileTheDatabaseIsAwayAndGoesOnWhenItIsBack() throws Exception {
    TcpProxy proxy = closing(TcpProxy.to(TestDatabase.PORT));
    String schema = schema();
    PostgresStatusStore store =
        PostgresStatusStore.builder()
            .url(TestDatabase.urlVia(proxy.port()))
            .schema(schema)
            .inDoubtTimeout(Duration.ofMillis(500))
            .connectTimeout(Duration.ofSeconds(1))
            .pollInterval(Duration.ofMillis(100))
            .build();
    StatusTracker tracker = closing(StatusTracker.builder().store(store).listenerExecutor(Runnable::run).build());
    Workload.addServers(tracker, "a", 1);
    tracker.observe(Workload.serverId("a", 0), Status.OPERATIONAL, "before");

    proxy.down();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> tracker.observe(Workload.serverId("a", 0), Status.MAJOR_OUTAGE, "while away"))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("schema " + schema + " at jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test");
    }
    assertThat(tracker.board().version()).isEqualTo(2);

    proxy.up();
    StatusEvent after = null;
    for (int i = 0; i < 50 && after == null; i++) {
      try {
        after = tracker.execute(new Command.ObserveStatus(Workload.serverId("a", 0), Status.MAJOR_OUTAGE, "after", null));
      } catch (StoreException e) {
        Thread.sleep(100); // the tracker may still be catching up through a connection being reopened
      }
    }

    assertThat(after).as("a command succeeds once the database is back").isNotNull();
    assertThat(tracker.board().version()).isEqualTo(requireNonNull(after).sequence());
    assertThat(store.load()).isEqualTo(tracker.board());
  }

  @Test
  void terminatingTheWritersBackendMidWritesLosesNothingAndAppliesNothingTwice() throws Exception {
    String schema = schema();
    PostgresStatusStore store = TestDatabase.store(schema).snapshotEvery(1_000_000).build();
    StatusTracker tracker = closing(StatusTracker.builder().store(store).build());
    int threads = 8;
    Workload.addServers(tracker, "t", threads);
    Workload workload = new Workload();

    workload.start(tracker, "t", threads, Integer.MAX_VALUE);
    int terminated = 0;
    for (int i = 0; i < 60; i++) {
      Thread.sleep(50);
      terminated += TestDatabase.terminate(schema, "writer");
    }
    workload.stop();
    workload.join(Duration.ofSeconds(120));

    assertThat(terminated).as("backends terminated").isGreaterThan(20);
    assertThat(store.statistics().inDoubt()).as("commits in doubt").isGreaterThan(0);
    assertThat(workload.acknowledged).as("acknowledged (failures: %s)", workload.failures).isNotEmpty();
    tracker.observe(Workload.serverId("t", 0), Status.OPERATIONAL, "t0-recovered");
    workload.acknowledged.add("t0-recovered");
    try (PostgresStatusStore reader = TestDatabase.store(schema).build()) {
      workload.assertKeptExactly(reader.eventsAfter(0));
      assertThat(reader.load()).isEqualTo(tracker.board());
    }
    System.out.printf("pg_terminate_backend: %d backends terminated; %d commands acknowledged, %d failed; store: %s%n",
        terminated, workload.acknowledged.size(), workload.failed.size(), store.statistics());
  }

  @Test
  void twoStoresWritingAtOnceEndOnOneBoardWithEveryAcknowledgedCommandOnce() throws Exception {
    String schema = schema();
    StatusTracker a = closing(StatusTracker.builder().store(TestDatabase.store(schema).build()).build());
    StatusTracker b = closing(StatusTracker.builder().store(TestDatabase.store(schema).build()).build());
    Workload.addServers(a, "a", 4);
    Workload.addServers(b, "b", 4);
    Workload workload = new Workload();

    workload.start(a, "a", 4, 40);
    workload.start(b, "b", 4, 40);
    workload.join(Duration.ofSeconds(120));

    assertThat(workload.failed).as("failures: %s", workload.failures).isEmpty();
    assertThat(workload.acknowledged).hasSize(320);
    long last = 8 + 320;
    for (int i = 0; i < 500 && (a.board().version() < last || b.board().version() < last); i++) {
      Thread.sleep(10);
    }
    assertThat(a.board().version()).isEqualTo(last);
    assertThat(b.board()).isEqualTo(a.board());
    try (PostgresStatusStore reader = TestDatabase.store(schema).build()) {
      workload.assertKeptExactly(reader.eventsAfter(0));
    }
  }

  @Test
  void aFollowerIsToldByPollingWhenNoNoticeComes() throws Exception {
    String schema = schema();
    PostgresStatusStore follower = closing(TestDatabase.store(schema).pollInterval(Duration.ofMillis(200)).build());
    Semaphore told = new Semaphore(0);
    try (Subscription following = follower.follow(told::release)) {
      assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).as("told once when listening starts").isTrue();
      told.drainPermits();
      // A writer that sends no NOTIFY (an older version, a hand-made import): only polling finds it.
      try (Connection connection = TestDatabase.connect();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO " + schema + ".events (sequence, type, writer, document) VALUES (1, 'x', gen_random_uuid(), ?::json)")) {
        insert.setString(1, new String(StatusJson.writeEvent(EVENTS.get(0)), StandardCharsets.UTF_8));
        insert.executeUpdate();
      }

      assertThat(told.tryAcquire(5, TimeUnit.SECONDS)).as("told by a poll").isTrue();
      assertThat(follower.eventsAfter(0)).containsExactly(EVENTS.get(0));
    }
  }

  @Test
  void aFollowerIsStillToldAfterItsListenerConnectionIsCut() throws Exception {
    String schema = schema();
    PostgresStatusStore first = closing(TestDatabase.store(schema).pollInterval(Duration.ofSeconds(30)).build());
    PostgresStatusStore second = closing(TestDatabase.store(schema).pollInterval(Duration.ofSeconds(30)).build());
    Semaphore told = new Semaphore(0);
    List<StatusBoard> boards = boards();
    try (Subscription following = second.follow(told::release)) {
      assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).as("told once when listening starts").isTrue();
      await(first.append(EVENTS.get(0), boards.get(0)));
      assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).as("told of a commit").isTrue();

      assertThat(TestDatabase.terminate(schema, "listener")).isEqualTo(1);
      assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).as("told after listening again").isTrue();
      told.drainPermits();
      await(first.append(EVENTS.get(1), boards.get(1)));

      assertThat(told.tryAcquire(10, TimeUnit.SECONDS)).as("told of a commit after the cut").isTrue();
      assertThat(second.eventsAfter(0)).containsExactlyElementsOf(EVENTS.subList(0, 2));
    }
  }
}
