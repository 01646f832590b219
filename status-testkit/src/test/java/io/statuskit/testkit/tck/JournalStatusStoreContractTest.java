package io.statuskit.testkit.tck;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.JournalStatusStore;
import java.nio.file.Path;

/** {@link JournalStatusStore} keeps the store contract, durability included. */
class JournalStatusStoreContractTest extends StatusStoreContract {
  @Override
  protected StatusStore createStore(Path dir) {
    return JournalStatusStore.open(journal(dir));
  }

  /** The journal's directory is removed under the open store. */
  @Override
  protected boolean breakBacking(StatusStore store, Path dir) throws Exception {
    MoreFiles.deleteRecursively(journal(dir), RecursiveDeleteOption.ALLOW_INSECURE);
    return true;
  }

  private static Path journal(Path dir) {
    return dir.resolve("journal");
  }
}
