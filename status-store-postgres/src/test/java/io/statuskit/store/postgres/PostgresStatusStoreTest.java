package io.statuskit.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.spi.StoreException;
import io.statuskit.store.postgres.internal.Migrations;
import io.statuskit.testkit.NinerNetSample;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL store does beyond the TCK: group commit, snapshots, the schema, settings. */
class PostgresStatusStoreTest {
  private static final List<StatusEvent> EVENTS = NinerNetSample.events();
  private final List<String> schemas = new ArrayList<>();
  private final List<PostgresStatusStore> stores = new ArrayList<>();

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void cleanUp() {
    stores.forEach(PostgresStatusStore::close);
    schemas.forEach(TestDatabase::drop);
  }

  private String schema() {
    String schema = TestDatabase.newSchema();
    schemas.add(schema);
    return schema;
  }

  private PostgresStatusStore open(PostgresStatusStore.Builder builder) {
    PostgresStatusStore store = builder.build();
    stores.add(store);
    return store;
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
    stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anImportedBoardIsLoadedAndTheNextEventContinuesFromItsVersion() throws Exception {
    String schema = schema();
    List<StatusBoard> boards = boards();
    int half = EVENTS.size() / 2;
    PostgresStatusStore store = open(TestDatabase.store(schema));
    store.importBoard(boards.get(half - 1));

    assertThat(store.load()).isEqualTo(boards.get(half - 1));
    assertThat(store.version()).isEqualTo(half);
    await(store.append(EVENTS.get(half), boards.get(half)));
    assertThat(open(TestDatabase.store(schema)).load()).isEqualTo(boards.get(half));
  }

  @Test
  void importingIntoAStoreThatHoldsEventsIsRefusedAndChangesNothing() throws Exception {
    String schema = schema();
    List<StatusBoard> boards = boards();
    PostgresStatusStore store = open(TestDatabase.store(schema));
    await(store.append(EVENTS.get(0), boards.get(0)));

    assertThatThrownBy(() -> store.importBoard(boards.get(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not empty (it keeps version 1)");
    assertThat(store.load()).isEqualTo(boards.get(0));
  }

  @Test
  void appendsQueuedBehindACommitShareTheNextTransaction() throws Exception {
    String schema = schema();
    PostgresStatusStore store = open(TestDatabase.store(schema));
    List<StatusBoard> boards = boards();
    await(store.append(EVENTS.get(0), boards.get(0)));
    List<CompletableFuture<Void>> stages = new ArrayList<>();
    List<Long> completed = Collections.synchronizedList(new ArrayList<>());
    try (Connection blocker = TestDatabase.connect(); Statement statement = blocker.createStatement()) {
      blocker.setAutoCommit(false);
      statement.execute("LOCK TABLE " + schema + ".events IN EXCLUSIVE MODE"); // holds the next insert
      for (int i = 1; i <= 11; i++) {
        long sequence = EVENTS.get(i).sequence();
        CompletableFuture<Void> stage = store.append(EVENTS.get(i), boards.get(i)).toCompletableFuture();
        stage.thenRun(() -> completed.add(sequence));
        stages.add(stage);
      }
      Thread.sleep(300);
      assertThat(completed).as("nothing completes before its commit").isEmpty();
      blocker.rollback();
    }
    for (CompletableFuture<Void> stage : stages) {
      stage.get(10, TimeUnit.SECONDS);
    }

    assertThat(completed).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    // event 2 went alone (the writer took it before the rest were queued), 3..12 in one more
    assertThat(store.statistics().transactions()).isLessThanOrEqualTo(3);
    assertThat(store.statistics().eventsKept()).isEqualTo(12);
    assertThat(store.load()).isEqualTo(boards.get(11));
  }

  @Test
  void maxBatchEventsOfOneCommitsEachEventAlone() throws Exception {
    PostgresStatusStore store = open(TestDatabase.store(schema()).maxBatchEvents(1));
    List<StatusBoard> boards = boards();
    List<CompletionStage<Void>> stages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      stages.add(store.append(EVENTS.get(i), boards.get(i)));
    }
    for (CompletionStage<Void> stage : stages) {
      await(stage);
    }

    assertThat(store.statistics().transactions()).isEqualTo(10);
  }

  @Test
  void appendsQueuedBehindAConflictFailAsConflictsAndKeepNothing() throws Exception {
    String schema = schema();
    PostgresStatusStore first = open(TestDatabase.store(schema));
    PostgresStatusStore second = open(TestDatabase.store(schema));
    List<StatusBoard> boards = boards();
    await(first.append(EVENTS.get(0), boards.get(0)));
    await(second.append(EVENTS.get(1), boards.get(1)));

    List<Throwable> failures = new ArrayList<>();
    List<CompletionStage<Void>> stages = new ArrayList<>();
    for (int i = 1; i < 5; i++) {
      stages.add(first.append(EVENTS.get(i), boards.get(i)));
    }
    for (CompletionStage<Void> stage : stages) {
      try {
        await(stage);
      } catch (ExecutionException e) {
        failures.add(e.getCause());
      }
    }

    assertThat(failures).hasSize(4).allSatisfy(failure -> assertThat(failure).isInstanceOf(StoreConflictException.class));
    assertThat(first.version()).isEqualTo(2);
    assertThat(first.statistics().conflicts()).isGreaterThanOrEqualTo(1);
    await(first.append(EVENTS.get(2), boards.get(2))); // goes on from what is kept
    assertThat(second.load()).isEqualTo(boards.get(2));
  }

  @Test
  void snapshotsKeepTheNewestTwoAndCompactWhatTheOlderCovers() throws Exception {
    String schema = schema();
    PostgresStatusStore store = open(TestDatabase.store(schema).snapshotEvery(10));
    List<StatusBoard> boards = boards();
    assertThat(EVENTS.size()).isGreaterThan(35);
    for (int i = 0; i < 35; i++) {
      await(store.append(EVENTS.get(i), boards.get(i)));
    }
    for (int i = 0; i < 200 && snapshotVersions(schema).size() < 2 || snapshotVersions(schema).get(0) < 30; i++) {
      Thread.sleep(20);
    }

    // The snapshot thread writes the newest board it was handed: when the boards of 20 and 30 both
    // came while it was still writing 10, it writes 30 only (Snapshots.wanted). So the older of the
    // two kept snapshots is 20, or 10 when the two were one request; the events it covers are gone.
    List<Long> kept = snapshotVersions(schema);
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0)).isEqualTo(30L);
    assertThat(kept.get(1)).isIn(10L, 20L);
    assertThat(oldestEvent(schema)).isEqualTo(kept.get(1) + 1);
    assertThat(store.load()).isEqualTo(boards.get(34));
    assertThatThrownBy(() -> store.eventsAfter(5))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("no longer kept")
        .hasMessageContaining("load the board instead");
    assertThat(store.eventsAfter(25)).containsExactlyElementsOf(EVENTS.subList(25, 35));
    try (PostgresStatusStore reopened = TestDatabase.store(schema).build()) {
      assertThat(reopened.load()).isEqualTo(boards.get(34));
    }
  }

  @Test
  void anExplicitSnapshotAtTheNewestVersionLeavesNothingToReplay() throws Exception {
    String schema = schema();
    PostgresStatusStore store = open(TestDatabase.store(schema));
    List<StatusBoard> boards = boards();
    for (int i = 0; i < 12; i++) {
      await(store.append(EVENTS.get(i), boards.get(i)));
    }
    assertThat(store.snapshot()).isEqualTo(12);
    for (int i = 12; i < 14; i++) {
      await(store.append(EVENTS.get(i), boards.get(i)));
    }
    assertThat(store.snapshot()).isEqualTo(14);

    assertThat(snapshotVersions(schema)).containsExactly(14L, 12L);
    assertThat(oldestEvent(schema)).isEqualTo(13);
    assertThat(store.load()).isEqualTo(boards.get(13));
    await(store.append(EVENTS.get(14), boards.get(14)));
    assertThat(store.load()).isEqualTo(boards.get(14));
  }

  @Test
  void nodesStartingTogetherCreateTheSchemaOnce() throws Exception {
    String schema = schema();
    ExecutorService executor = Executors.newFixedThreadPool(6);
    try {
      List<Future<PostgresStatusStore>> starting = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        starting.add(executor.submit(() -> TestDatabase.store(schema).build()));
      }
      for (Future<PostgresStatusStore> store : starting) {
        stores.add(store.get(30, TimeUnit.SECONDS));
      }
    } finally {
      executor.shutdownNow();
    }

    assertThat(query(schema, "SELECT count(*) FROM " + schema + ".schema_version")).isEqualTo(Migrations.CURRENT);
    assertThat(query(schema, "SELECT max(version) FROM " + schema + ".schema_version")).isEqualTo(Migrations.CURRENT);
    assertThat(stores.get(0).load()).isEqualTo(StatusBoard.empty());
  }

  @Test
  void reopeningAMigratedSchemaChangesNothing() throws Exception {
    String schema = schema();
    open(TestDatabase.store(schema)).close();
    open(TestDatabase.store(schema)).close();

    assertThat(query(schema, "SELECT count(*) FROM " + schema + ".schema_version")).isEqualTo(Migrations.CURRENT);
  }

  @Test
  void aSchemaWrittenByANewerStatusKitIsRefused() throws Exception {
    String schema = schema();
    open(TestDatabase.store(schema)).close();
    TestDatabase.execute("INSERT INTO " + schema + ".schema_version (version, description) VALUES (99, 'from the future')");

    assertThatThrownBy(() -> TestDatabase.store(schema).build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99")
        .hasMessageContaining("knows versions up to " + Migrations.CURRENT)
        .hasMessageContaining(schema);
  }

  @Test
  void aDatabaseThatDoesNotAnswerIsNamedInTheFailure() {
    assertThatThrownBy(
            () -> PostgresStatusStore.builder().url("jdbc:postgresql://127.0.0.1:1/test?user=postgres").schema("nowhere").build())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the PostgreSQL store")
        .hasMessageContaining("schema nowhere at jdbc:postgresql://127.0.0.1:1/test")
        .hasMessageNotContaining("user=");
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> PostgresStatusStore.builder().url(TestDatabase.url()).schema("Bad-Name").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema must be")
        .hasMessageContaining("Bad-Name");
    assertThatThrownBy(() -> PostgresStatusStore.builder().schema("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("either url or dataSource");
    assertThatThrownBy(() -> PostgresStatusStore.builder().url(TestDatabase.url()).snapshotEvery(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("snapshotEvery must be positive: 0");
    assertThatThrownBy(() -> PostgresStatusStore.builder().url(TestDatabase.url()).pollInterval(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollInterval must be positive: PT0S");
    assertThatThrownBy(() -> PostgresStatusStore.builder().url(TestDatabase.url()).maxBatchEvents(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatchEvents must be positive: 0");
    assertThatThrownBy(() -> PostgresStatusStore.builder().url("jdbc:mysql://x/y").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void aDataSourceWorksAsWellAsAUrl() throws Exception {
    javax.sql.DataSource dataSource = new UrlDataSource(TestDatabase.url());
    PostgresStatusStore store = open(PostgresStatusStore.builder().dataSource(dataSource).schema(schema()));
    List<StatusBoard> boards = boards();
    await(store.append(EVENTS.get(0), boards.get(0)));

    assertThat(store.load()).isEqualTo(boards.get(0));
  }

  private static List<Long> snapshotVersions(String schema) throws Exception {
    List<Long> versions = new ArrayList<>();
    try (Connection connection = TestDatabase.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version FROM " + schema + ".snapshots ORDER BY version DESC")) {
      while (rows.next()) {
        versions.add(rows.getLong(1));
      }
    }
    return versions;
  }

  private static long oldestEvent(String schema) throws Exception {
    return query(schema, "SELECT min(sequence) FROM " + schema + ".events");
  }

  private static long query(String schema, String sql) throws Exception {
    try (Connection connection = TestDatabase.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
