package io.statuskit.store.postgres;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.spi.StatusStore;
import io.statuskit.testkit.tck.StatusStoreContract;
import io.statuskit.testservers.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store TCK against a real PostgreSQL: each test's directory stands for a schema of its own,
 * and the second writer is a second store on that schema, as a second node would open it. The
 * first store reaches the database through a {@link TcpProxy} of the test's own, so that the test
 * can take the database away from it ({@link #breakBacking}).
 */
class PostgresStatusStoreContractTest extends StatusStoreContract {
  private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();
  private static final Map<Path, TcpProxy> PROXIES = new ConcurrentHashMap<>();

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterAll
  static void dropSchemas() throws IOException {
    List<String> schemas = new ArrayList<>(SCHEMAS.values());
    SCHEMAS.clear();
    schemas.forEach(TestDatabase::drop);
    List<TcpProxy> proxies = new ArrayList<>(PROXIES.values());
    PROXIES.clear();
    for (TcpProxy proxy : proxies) {
      proxy.close();
    }
  }

  @Override
  protected StatusStore createStore(Path dir) {
    TcpProxy proxy =
        PROXIES.computeIfAbsent(
            dir,
            d -> {
              try {
                return TcpProxy.to(TestDatabase.PORT);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return TestDatabase.store(SCHEMAS.computeIfAbsent(dir, d -> TestDatabase.newSchema()))
        .url(TestDatabase.urlVia(proxy.port()))
        .build();
  }

  /** The database goes away: the proxy cuts the store's connections and refuses new ones. */
  @Override
  protected boolean breakBacking(StatusStore store, Path dir) throws IOException {
    requireNonNull(PROXIES.get(dir), "the test's proxy").down();
    return true;
  }

  @Override
  protected StatusStore createSecondWriter(StatusStore first, Path dir) {
    return TestDatabase.store(((PostgresStatusStore) first).schema()).build();
  }
}
