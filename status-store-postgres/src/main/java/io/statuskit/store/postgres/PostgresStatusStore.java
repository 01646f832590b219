package io.statuskit.store.postgres;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Subscription;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import io.statuskit.store.postgres.internal.Connections;
import io.statuskit.store.postgres.internal.Counters;
import io.statuskit.store.postgres.internal.GroupCommitter;
import io.statuskit.store.postgres.internal.Listener;
import io.statuskit.store.postgres.internal.Migrations;
import io.statuskit.store.postgres.internal.Pinger;
import io.statuskit.store.postgres.internal.Readers;
import io.statuskit.store.postgres.internal.Settings;
import io.statuskit.store.postgres.internal.Snapshots;
import io.statuskit.store.postgres.internal.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StatusStore} on PostgreSQL that several trackers share (page servers behind a load
 * balancer, probe locations): each node opens a store on the same database and schema, and the
 * events table orders them. Tables, statements and behaviour are described in {@code
 * docs/storage.md}.
 *
 * <pre>{@code
 * try (StatusTracker tracker = StatusTracker.builder()
 *     .store(PostgresStatusStore.builder()
 *         .url("jdbc:postgresql://db.example.net:5432/status?user=statuskit")
 *         .schema("statuskit")
 *         .build())
 *     .build()) {
 *   tracker.observe("NC027", Status.MAJOR_OUTAGE);   // returns once PostgreSQL committed it
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Order.</b> An event is inserted only if the newest kept version is the one before it;
 *       the sequence is the primary key, so two writers racing for one version end in a unique
 *       violation for one of them, which fails its append with a {@link
 *       io.statuskit.core.spi.StoreConflictException} and keeps nothing of it.
 *   <li><b>Group commit.</b> {@link #append} queues; the store's writer thread puts everything
 *       queued (up to {@link Builder#maxBatchEvents} and {@link Builder#maxBatchBytes}) into one
 *       transaction, and each stage completes after that commit, in order.
 *   <li><b>Following.</b> Each commit sends a {@code NOTIFY}; {@link #follow} listens on a
 *       dedicated connection, and also polls every {@link Builder#pollInterval}.
 *   <li><b>Faults.</b> After a connection breaks mid-commit the store reads back whether the
 *       batch is there before completing or failing its stages; while the database is down,
 *       appends and reads fail with a {@link StoreException} that says so, and the store
 *       reconnects by itself.
 *   <li><b>Schema.</b> Created and migrated on {@code build()} (a {@code schema_version} table,
 *       under an advisory lock, so nodes may start together).
 * </ul>
 *
 * <p>Thread-safe. It owns a writer thread, a snapshot thread and, once followed, a listener
 * thread, each with its own connection; {@link #close()} keeps what is queued and stops them.
 */
public final class PostgresStatusStore implements StatusStore {
  private static final Duration PING_CACHE = Duration.ofSeconds(1);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private final String schema;
  private final Connections connections;
  private final Counters counters = new Counters();
  private final Readers readers;
  private final Snapshots snapshots;
  private final GroupCommitter committer;
  private final Listener listener;
  private final Pinger pinger;
  private volatile boolean closed;

  private PostgresStatusStore(Builder builder, Connections connections, Settings settings) {
    this.schema = builder.schema;
    this.connections = connections;
    Sql sql = new Sql(schema);
    UUID writer = UUID.randomUUID();
    this.readers = new Readers(connections, sql);
    this.snapshots = new Snapshots(connections, sql, settings, counters);
    this.committer = new GroupCommitter(connections, sql, settings, writer, counters, snapshots::committed);
    this.listener = new Listener(connections, sql, settings, writer, committer::lastCommitted);
    this.pinger = new Pinger(connections, settings.ticker(), PING_CACHE, PING_TIMEOUT);
  }

  /** A builder: schema {@code statuskit}, the default settings; a URL or a data source is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the board: the newest snapshot and the events after it, in one consistent read.
   *
   * @throws StoreException if the database cannot be read (the message names schema and URL)
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public StatusBoard load() {
    checkOpen();
    return readers.load();
  }

  @Override
  public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    requireNonNull(event, "event");
    requireNonNull(after, "after");
    checkOpen();
    return committer.append(event, after);
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException if the database cannot be read, or the events were compacted
   */
  @Override
  public List<StatusEvent> eventsAfter(long version) {
    checkArgument(version >= 0, "version must not be negative: %s", version);
    checkOpen();
    return readers.eventsAfter(version);
  }

  /**
   * Calls {@code listener} on the store's listener thread after another writer's commit is
   * notified, after a poll that found a newer version, and after the listener connection is
   * (re)established.
   */
  @Override
  public Subscription follow(Runnable listener) {
    requireNonNull(listener, "listener");
    checkOpen();
    Runnable remove = this.listener.add(listener);
    return remove::run;
  }

  /**
   * Checks that the database answers: {@code SELECT 1} on a connection of the check's own, with a
   * 2-second timeout; the outcome, either way, is kept for a second, so a readiness probe can ask
   * as often as it likes. The connection is opened again after a failure.
   *
   * @throws StoreException saying why the database does not answer
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public void ping() {
    checkOpen();
    pinger.ping();
  }

  /**
   * Writes a snapshot of the board now and compacts, on the calling thread. The store also does
   * this by itself every {@link Builder#snapshotEvery} versions.
   *
   * @return the version of the snapshot
   * @throws StoreException if the database refuses
   */
  public long snapshot() {
    checkOpen();
    StatusBoard board = readers.load();
    try {
      snapshots.write(board);
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL store (" + connections.target() + "): cannot write a snapshot: " + e.getMessage(), e);
    }
    return board.version();
  }

  /**
   * Makes {@code board} the store's starting point (a migration from another store): keeps it as
   * a snapshot at its version, so the next event continues from there. Only a store that holds
   * nothing yet accepts it, checked in the same transaction as the insert. Trackers on the store
   * should be built after the import: they load the board when they start.
   *
   * @throws IllegalStateException if the store already holds events or a snapshot
   * @throws StoreException if the database refuses
   */
  public void importBoard(StatusBoard board) {
    requireNonNull(board, "board");
    checkOpen();
    long head;
    try {
      head = snapshots.importBoard(board);
    } catch (SQLException e) {
      throw new StoreException("PostgreSQL store (" + connections.target() + "): cannot import a board: " + e.getMessage(), e);
    }
    checkState(head == 0, "the store is not empty (it keeps version %s): %s", head, connections.target());
  }

  /** The newest kept version, read from the database. */
  public long version() {
    checkOpen();
    return readers.head();
  }

  /** Counters since the store opened: events, transactions, conflicts, in-doubt commits. */
  public PostgresStoreStatistics statistics() {
    return new PostgresStoreStatistics(
        counters.eventsKept(),
        counters.transactions(),
        counters.conflicts(),
        counters.failedBatches(),
        counters.inDoubt(),
        counters.inDoubtKept(),
        counters.reconnects(),
        counters.snapshots());
  }

  /** The schema holding the store's tables. */
  public String schema() {
    return schema;
  }

  /** How many appends wait for the writer thread. */
  int queuedAppends() {
    return committer.queued();
  }

  private void checkOpen() {
    checkState(!closed, "store is closed: %s", connections.target());
  }

  /** Commits what is queued, then stops the threads and closes the connections. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    committer.close();
    listener.close();
    snapshots.close();
    readers.close();
    pinger.close();
  }

  @Override
  public String toString() {
    return "PostgresStatusStore{" + connections.target() + "}";
  }

  /**
   * Builds a {@link PostgresStatusStore}: checks the settings, creates or migrates the schema and
   * starts the writer. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable DataSource dataSource;
    private @Nullable String user;
    private @Nullable String password;
    private String schema = "statuskit";
    private int snapshotEvery = 10_000;
    private Duration pollInterval = Duration.ofSeconds(1);
    private int maxBatchEvents = 1_000;
    private int maxBatchBytes = 4 << 20;
    private Duration inDoubtTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private @Nullable ThreadFactory threadFactory;
    private Ticker ticker = Ticker.systemTicker();

    private Builder() {}

    /**
     * The database, as a {@code jdbc:postgresql://host:port/database} URL (driver parameters such
     * as {@code user}, {@code password}, {@code ssl} may follow {@code ?}). Either this or
     * {@link #dataSource}.
     */
    public Builder url(String jdbcUrl) {
      this.url = requireNonNull(jdbcUrl, "url");
      return this;
    }

    /**
     * The database, as the host's data source (a pool). The store takes up to three connections
     * for as long as it is open (writer, listener, one reader) plus short-lived ones. Either this
     * or {@link #url}.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The user, with {@link #url}; default: the URL's or the driver's. */
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
     * The schema holding the tables (created if missing): a lower-case identifier of at most 48
     * letters, digits and underscores; default {@code statuskit}. Stores on one schema share one
     * board; several boards may live in one database under different schemas.
     */
    public Builder schema(String schema) {
      this.schema = requireNonNull(schema, "schema");
      return this;
    }

    /** Versions between automatic snapshots, default 10,000; start-up replays at most about this many events. */
    public Builder snapshotEvery(int versions) {
      this.snapshotEvery = versions;
      return this;
    }

    /**
     * How often the listener asks for the newest version in case a notice was lost, default 1 s
     * (notices themselves arrive at once).
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = requireNonNull(interval, "pollInterval");
      return this;
    }

    /** Most events in one transaction, default 1,000; 1 gives one commit per command. */
    public Builder maxBatchEvents(int events) {
      this.maxBatchEvents = events;
      return this;
    }

    /** Most bytes of event documents in one transaction, default 4 MiB (a larger event goes alone). */
    public Builder maxBatchBytes(int bytes) {
      this.maxBatchBytes = bytes;
      return this;
    }

    /**
     * How long the writer tries to reconnect and read back a batch whose connection broke during
     * the commit, default 30 s; after that its stages fail as in doubt.
     */
    public Builder inDoubtTimeout(Duration timeout) {
      this.inDoubtTimeout = requireNonNull(timeout, "inDoubtTimeout");
      return this;
    }

    /** How long opening a connection may take, with {@link #url}; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /** Makes the writer, listener and snapshot threads; default daemon threads named statuskit-postgres-N. */
    public Builder threadFactory(ThreadFactory factory) {
      this.threadFactory = requireNonNull(factory, "threadFactory");
      return this;
    }

    /** Measures timeouts and the poll interval; default {@link Ticker#systemTicker()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Checks the settings, connects, creates or migrates the schema, and starts the store.
     *
     * @throws IllegalArgumentException naming a setting whose value is out of range
     * @throws IllegalStateException if neither or both of a URL and a data source were given
     * @throws StoreException if the database cannot be reached or refuses, or its schema was
     *     written by a newer StatusKit
     */
    public PostgresStatusStore build() {
      checkArgument(snapshotEvery > 0, "snapshotEvery must be positive: %s", snapshotEvery);
      checkArgument(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive: %s", pollInterval);
      checkArgument(maxBatchEvents > 0, "maxBatchEvents must be positive: %s", maxBatchEvents);
      checkArgument(maxBatchBytes > 0, "maxBatchBytes must be positive: %s", maxBatchBytes);
      checkArgument(!inDoubtTimeout.isNegative(), "inDoubtTimeout must not be negative: %s", inDoubtTimeout);
      Connections connections = Migrations.open(url, dataSource, user, password, connectTimeout, schema, Migrations.STATUS);
      ThreadFactory threads =
          threadFactory != null
              ? threadFactory
              : new ThreadFactoryBuilder().setNameFormat("statuskit-postgres-%d").setDaemon(true).build();
      Settings settings =
          new Settings(snapshotEvery, pollInterval, maxBatchEvents, maxBatchBytes, inDoubtTimeout, threads, ticker);
      return new PostgresStatusStore(this, connections, settings);
    }
  }
}
