package io.statuskit.store.postgres;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import io.statuskit.core.spi.StoreException;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.spi.HistoryStore;
import io.statuskit.store.postgres.internal.Connections;
import io.statuskit.store.postgres.internal.HistoryTables;
import io.statuskit.store.postgres.internal.Migrations;
import io.statuskit.store.postgres.internal.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HistoryStore} on PostgreSQL, beside {@link PostgresStatusStore} in the same schema (or
 * on its own): rollup buckets in {@code history_minute}, {@code history_hour} and {@code
 * history_day}, one row per series and block (six hours of minutes, a UTC day of hours, a UTC
 * year of days: small where a block is rewritten every minute or hour, big where once a day)
 * holding the block's buckets in status-history's compact layout, and the watermarks in {@code
 * history_watermark}. Every node that opens it on the same schema reads the same history;
 * nothing is cached, so a bucket another node wrote is read at once. Tables, statements and
 * sizes: {@code docs/history.md} and {@code docs/storage.md}.
 *
 * <pre>{@code
 * HistoryRecorder history = HistoryRecorder.builder(PostgresHistoryStore.builder()
 *         .url("jdbc:postgresql://db.example.net:5432/status?user=statuskit")
 *         .schema("statuskit")
 *         .build())
 *     .scheduler(scheduler)
 *     .build();
 * }</pre>
 *
 * <p>{@link #write} is one transaction (the buckets replace those with the same key; the
 * watermark moves with them); {@link #deleteBefore} deletes whole blocks and trims the one the
 * cutoff falls in. Neither blocks a reader (PostgreSQL's MVCC) nor a write to other blocks.
 * The schema is created and migrated by {@code build()} exactly as {@link PostgresStatusStore}
 * does it (its own {@code history_schema_version}, under the same advisory lock); version 2
 * re-blocks the rows of version 1 (an hour of minutes, a month of days) in the migration's
 * transaction.
 *
 * <p>Thread-safe. One connection for writes (held while open) and up to two idle ones for reads.
 */
public final class PostgresHistoryStore implements HistoryStore {
  private final String schema;
  private final Connections connections;
  private final HistoryTables tables;
  private volatile boolean closed;

  private PostgresHistoryStore(String schema, Connections connections) {
    this.schema = schema;
    this.connections = connections;
    this.tables = new HistoryTables(connections, new Sql(schema));
  }

  /** A builder: schema {@code statuskit}; a URL or a data source is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * @throws StoreException if the database refuses or does not answer (after two retries on a new
   *     connection); then nothing of the write is kept
   */
  @Override
  public void write(Resolution resolution, List<Rollup> rollups, Instant compactedThrough) {
    requireNonNull(compactedThrough, "compactedThrough");
    checkOpen();
    tables.write(resolution, rollups, compactedThrough);
  }

  /** Stores these buckets without touching the watermark (which another node may move meanwhile). */
  @Override
  public void write(Resolution resolution, List<Rollup> rollups) {
    checkOpen();
    tables.write(resolution, rollups, null);
  }

  @Override
  public List<Rollup> read(Resolution resolution, SeriesKey series, Instant from, Instant to) {
    List<Rollup> rollups = new java.util.ArrayList<>();
    forEach(resolution, series, from, to, rollups::add);
    return rollups;
  }

  @Override
  public void forEach(Resolution resolution, SeriesKey series, Instant from, Instant to, Consumer<Rollup> sink) {
    checkOpen();
    tables.forEach(resolution, series, from, to, sink);
  }

  @Override
  public Set<SeriesKey> series() {
    checkOpen();
    return tables.series(null);
  }

  @Override
  public Set<SeriesKey> series(String serverId) {
    requireNonNull(serverId, "serverId");
    checkOpen();
    return tables.series(serverId);
  }

  @Override
  public Instant watermark(Resolution resolution) {
    checkOpen();
    return tables.watermark(resolution);
  }

  @Override
  public void deleteBefore(Resolution resolution, Instant cutoff) {
    checkOpen();
    tables.deleteBefore(resolution, cutoff);
  }

  /**
   * The bytes of the history tables on disk, with their indexes and TOAST: {@code
   * pg_total_relation_size} of each.
   */
  public long bytesOnDisk() {
    checkOpen();
    return tables.bytesOnDisk();
  }

  /** The schema holding the tables. */
  public String schema() {
    return schema;
  }

  private void checkOpen() {
    checkState(!closed, "history store is closed: %s", connections.target());
  }

  /** Closes the store's connections. */
  @Override
  public void close() {
    closed = true;
    tables.close();
  }

  @Override
  public String toString() {
    return "PostgresHistoryStore{" + connections.target() + "}";
  }

  /** Builds a {@link PostgresHistoryStore}: checks the settings, connects, creates or migrates the schema. Not thread-safe. */
  public static final class Builder {
    private @Nullable String url;
    private @Nullable DataSource dataSource;
    private @Nullable String user;
    private @Nullable String password;
    private String schema = "statuskit";
    private Duration connectTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /** The database as a {@code jdbc:postgresql://host:port/database} URL (driver parameters may follow {@code ?}). Either this or {@link #dataSource}. */
    public Builder url(String jdbcUrl) {
      this.url = requireNonNull(jdbcUrl, "url");
      return this;
    }

    /** The database as the host's data source (a pool). Either this or {@link #url}. */
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

    /** The schema (created if missing), as for {@link PostgresStatusStore.Builder#schema}; default {@code statuskit}. */
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
     * Checks the settings, connects, and creates or migrates the schema.
     *
     * @throws IllegalArgumentException naming a setting whose value is out of range
     * @throws IllegalStateException if neither or both of a URL and a data source were given
     * @throws StoreException if the database cannot be reached or refuses, or its schema was
     *     written by a newer StatusKit
     */
    public PostgresHistoryStore build() {
      Connections connections = Migrations.open(url, dataSource, user, password, connectTimeout, schema, Migrations.HISTORY);
      return new PostgresHistoryStore(schema, connections);
    }
  }
}
