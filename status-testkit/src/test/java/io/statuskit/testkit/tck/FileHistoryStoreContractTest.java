package io.statuskit.testkit.tck;

import io.statuskit.history.spi.HistoryStore;
import io.statuskit.history.store.FileHistoryStore;
import java.io.IOException;
import java.nio.file.Path;

/** The history store TCK against the file store, reopened on its directory. */
class FileHistoryStoreContractTest extends HistoryStoreContract {
  @Override
  protected HistoryStore createStore(Path dir) throws IOException {
    return FileHistoryStore.open(dir);
  }
}
