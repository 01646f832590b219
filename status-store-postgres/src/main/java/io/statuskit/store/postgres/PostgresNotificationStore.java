package io.statuskit.store.postgres;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.statuskit.core.spi.StoreException;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.spi.NotificationStore;
import io.statuskit.notify.spi.SenderElection;
import io.statuskit.store.postgres.internal.Connections;
import io.statuskit.store.postgres.internal.Migrations;
import io.statuskit.store.postgres.internal.NotificationTables;
import io.statuskit.store.postgres.internal.PostgresSenderElection;
import io.statuskit.store.postgres.internal.Sql;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * status-notify's {@link NotificationStore} on PostgreSQL, shared by the notifiers of several
 * nodes: subscribers with their cursors, dead letters, and the {@link SenderElection} lease that
 * lets one of them send at a time, with fenced cursor writes. Tables and behaviour are described
 * in {@code docs/storage.md} and {@code docs/notify.md}.
 *
 * <pre>{@code
 * Notifier notifier = Notifier.builder()
 *     .tracker(tracker, statusStore)
 *     .store(PostgresNotificationStore.builder()
 *         .url("jdbc:postgresql://db.example.net:5432/status?user=statuskit")
 *         .schema("statuskit")
 *         .build())
 *     .pageUrl(URI.create("https://status.example.net/"))
 *     .build();
 * }</pre>
 *
 * <p>Needs status-notify on the class or module path (an optional dependency of this module).
 * Thread-safe. Holds two connections (one for the store, one for the lease) while open.
 */
public final class PostgresNotificationStore implements NotificationStore {
  private final Connections connections;
  private final NotificationTables tables;
  private final PostgresSenderElection election;
  private volatile boolean closed;

  private PostgresNotificationStore(Connections connections, Sql sql) {
    this.connections = connections;
    this.tables = new NotificationTables(connections, sql, "notify");
    this.election = new PostgresSenderElection(new NotificationTables(connections, sql, "notify-lease"));
  }

  /** A builder: schema {@code statuskit}; a URL or a data source is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException if the database cannot be read (the message names schema and URL)
   */
  @Override
  public NotificationState load() {
    checkOpen();
    return tables.load();
  }

  @Override
  public void put(Subscriber subscriber) {
    requireNonNull(subscriber, "subscriber");
    checkOpen();
    tables.put(subscriber);
  }

  @Override
  public void remove(String subscriberId) {
    requireNonNull(subscriberId, "subscriberId");
    checkOpen();
    tables.remove(subscriberId);
  }

  @Override
  public void record(List<DeadLetter> deadLetters, Map<String, Long> cursors) {
    requireNonNull(deadLetters, "deadLetters");
    requireNonNull(cursors, "cursors");
    checkOpen();
    tables.record(deadLetters, cursors, 0);
  }

  /**
   * {@inheritDoc} The lease row is read {@code FOR SHARE} in the same transaction as the writes.
   */
  @Override
  public boolean record(List<DeadLetter> deadLetters, Map<String, Long> cursors, long fencingToken) {
    requireNonNull(deadLetters, "deadLetters");
    requireNonNull(cursors, "cursors");
    checkArgument(fencingToken > 0, "fencingToken must be positive: %s", fencingToken);
    checkOpen();
    return tables.record(deadLetters, cursors, fencingToken);
  }

  /** The lease in {@code notify_leases}: one sender among the notifiers on this schema. */
  @Override
  public Optional<SenderElection> senderElection() {
    return Optional.of(election);
  }

  @Override
  public void clearDeadLetters(String subscriberId) {
    requireNonNull(subscriberId, "subscriberId");
    checkOpen();
    tables.clearDeadLetters(subscriberId);
  }

  private void checkOpen() {
    checkState(!closed, "the notification store is closed: %s", connections.target());
  }

  /** Closes both connections. */
  @Override
  public void close() {
    closed = true;
    election.close();
    tables.close();
  }

  @Override
  public String toString() {
    return "PostgresNotificationStore{" + connections.target() + "}";
  }

  /** Builds a {@link PostgresNotificationStore}; not thread-safe. */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable DataSource dataSource;
    private @Nullable String user;
    private @Nullable String password;
    private String schema = "statuskit";
    private Duration connectTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /** The database as a {@code jdbc:postgresql:} URL. Either this or {@link #dataSource}. */
    public Builder url(String jdbcUrl) {
      this.url = requireNonNull(jdbcUrl, "url");
      return this;
    }

    /** The database as the host's data source. Either this or {@link #url}. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The user, with {@link #url}. */
    public Builder user(String user) {
      this.user = requireNonNull(user, "user");
      return this;
    }

    /** The password, with {@link #url}. */
    public Builder password(String password) {
      this.password = requireNonNull(password, "password");
      return this;
    }

    /**
     * The schema holding the tables (created if missing), the same rules as {@link
     * PostgresStatusStore.Builder#schema}; default {@code statuskit}. It may be the board's schema:
     * the tables' names start with {@code notify_}.
     */
    public Builder schema(String schema) {
      this.schema = requireNonNull(schema, "schema");
      return this;
    }

    /** How long opening a connection may take, with {@link #url}; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /**
     * Checks the settings, connects, and creates or migrates the notification tables.
     *
     * @throws IllegalArgumentException naming a setting whose value is out of range
     * @throws IllegalStateException if neither or both of a URL and a data source were given
     * @throws StoreException if the database cannot be reached or refuses, or the tables were
     *     written by a newer StatusKit
     */
    public PostgresNotificationStore build() {
      Connections connections = Migrations.open(url, dataSource, user, password, connectTimeout, schema, Migrations.NOTIFY);
      return new PostgresNotificationStore(connections, new Sql(schema));
    }
  }
}
