package io.statuskit.testkit.tck;

import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.InMemoryStatusStore;
import java.nio.file.Path;

/** {@link InMemoryStatusStore} keeps the store contract, apart from durability. */
class InMemoryStatusStoreContractTest extends StatusStoreContract {
  @Override
  protected StatusStore createStore(Path dir) {
    return new InMemoryStatusStore();
  }

  @Override
  protected StatusStore createSecondWriter(StatusStore first, Path dir) {
    return ((InMemoryStatusStore) first).share();
  }

  @Override
  protected boolean isDurable() {
    return false;
  }
}
