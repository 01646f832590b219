package io.statuskit.store.postgres;

import io.statuskit.history.spi.HistoryStore;
import io.statuskit.testkit.tck.HistoryStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The history store TCK against a real PostgreSQL: each test's directory stands for a schema of
 * its own; reopening is a new store on that schema, and the second node is a second store on it.
 */
class PostgresHistoryStoreContractTest extends HistoryStoreContract {
  private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterAll
  static void dropSchemas() {
    List<String> schemas = new ArrayList<>(SCHEMAS.values());
    SCHEMAS.clear();
    schemas.forEach(TestDatabase::drop);
  }

  @Override
  protected HistoryStore createStore(Path dir) {
    return PostgresHistoryStore.builder().url(TestDatabase.url()).schema(SCHEMAS.computeIfAbsent(dir, d -> TestDatabase.newSchema())).build();
  }

  @Override
  protected HistoryStore openSecondNode(HistoryStore first, Path dir) {
    return PostgresHistoryStore.builder().url(TestDatabase.url()).schema(((PostgresHistoryStore) first).schema()).build();
  }
}
