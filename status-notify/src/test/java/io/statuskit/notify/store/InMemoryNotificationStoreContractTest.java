package io.statuskit.notify.store;

import io.statuskit.notify.contract.NotificationStoreContract;
import io.statuskit.notify.spi.NotificationStore;
import org.jspecify.annotations.Nullable;

/** The {@link NotificationStoreContract} on {@link InMemoryNotificationStore} (with its in-process election). */
class InMemoryNotificationStoreContractTest extends NotificationStoreContract {
  @Override
  protected NotificationStore create() {
    return new InMemoryNotificationStore();
  }

  @Override
  protected @Nullable NotificationStore reopen(NotificationStore closed) {
    return null;
  }
}
