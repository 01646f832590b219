package io.statuskit.testkit.tck;

import io.statuskit.history.spi.HistoryStore;
import io.statuskit.history.store.InMemoryHistoryStore;
import java.nio.file.Path;

/** The history store TCK against the in-memory store (not durable: the reopen test is skipped). */
class InMemoryHistoryStoreContractTest extends HistoryStoreContract {
  @Override
  protected HistoryStore createStore(Path dir) {
    return new InMemoryHistoryStore();
  }

  @Override
  protected boolean isDurable() {
    return false;
  }
}
