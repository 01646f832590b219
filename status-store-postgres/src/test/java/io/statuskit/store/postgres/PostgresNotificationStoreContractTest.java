package io.statuskit.store.postgres;

import io.statuskit.notify.contract.NotificationStoreContract;
import io.statuskit.notify.spi.NotificationStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * status-notify's {@link NotificationStoreContract} on {@link PostgresNotificationStore}: a new
 * schema per test on the test database, reopened by a second store on the same schema, dropped
 * afterwards.
 */
class PostgresNotificationStoreContractTest extends NotificationStoreContract {
  private @Nullable String schema;

  @BeforeAll
  static void database() {
    TestDatabase.assumeAvailable();
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      TestDatabase.drop(schema);
    }
  }

  @Override
  protected NotificationStore create() {
    if (schema == null) {
      schema = TestDatabase.newSchema();
    }
    return PostgresNotificationStore.builder().url(TestDatabase.url()).schema(schema).build();
  }

  @Override
  protected @Nullable NotificationStore reopen(NotificationStore closed) {
    return create();
  }
}
