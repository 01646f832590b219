package io.statuskit.store.postgres;

import io.statuskit.core.spi.StatusStore;
import io.statuskit.testkit.tck.StatusStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store TCK against a real PostgreSQL: each test's directory stands for a schema of its own,
 * and the second writer is a second store on that schema, as a second node would open it.
 */
class PostgresStatusStoreContractTest extends StatusStoreContract {
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
  protected StatusStore createStore(Path dir) {
    return TestDatabase.store(SCHEMAS.computeIfAbsent(dir, d -> TestDatabase.newSchema())).build();
  }

  @Override
  protected StatusStore createSecondWriter(StatusStore first, Path dir) {
    return TestDatabase.store(((PostgresStatusStore) first).schema()).build();
  }
}
