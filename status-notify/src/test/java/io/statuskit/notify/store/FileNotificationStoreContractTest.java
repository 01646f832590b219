package io.statuskit.notify.store;

import io.statuskit.notify.contract.NotificationStoreContract;
import io.statuskit.notify.spi.NotificationStore;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;

/** The {@link NotificationStoreContract} on {@link FileNotificationStore}, reopened from its directory. */
class FileNotificationStoreContractTest extends NotificationStoreContract {
  @TempDir Path dir;

  @Override
  protected NotificationStore create() {
    return FileNotificationStore.open(dir);
  }

  @Override
  protected @Nullable NotificationStore reopen(NotificationStore closed) {
    return FileNotificationStore.open(dir);
  }
}
