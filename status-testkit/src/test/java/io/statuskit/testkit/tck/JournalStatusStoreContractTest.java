package io.statuskit.testkit.tck;

import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.JournalStatusStore;
import java.nio.file.Path;

/** {@link JournalStatusStore} keeps the store contract, durability included. */
class JournalStatusStoreContractTest extends StatusStoreContract {
  @Override
  protected StatusStore createStore(Path dir) {
    return JournalStatusStore.open(dir);
  }
}
