package io.statuskit.store.postgres.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the store's tables, so that no operator writes SQL by hand. Each
 * migration runs once, in one transaction with its row in {@code schema_version}; the whole run
 * holds a transaction-scoped advisory lock on the schema, so two nodes starting at once take
 * turns (the second finds the work done). A schema written by a newer StatusKit is refused.
 *
 * <p>Three {@link Plan}s use it: the status store's ({@link #STATUS}: {@code schema_version}),
 * the history store's ({@link #HISTORY}: {@code history_schema_version}) and the notification
 * store's ({@link #NOTIFY}: {@code notify_schema_version}), each with its own version table, so
 * each store can be used without the others and each is versioned alone.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /**
   * One step.
   *
   * @param version the schema version it brings the tables to
   * @param description what it does, kept in {@code schema_version}
   * @param statements the DDL, with {@code ${schema}} for the schema name
   * @param step what runs after the statements, or null
   */
  public record Migration(int version, String description, ImmutableList<String> statements, @Nullable Step step) {
    /** A migration of DDL only. */
    public Migration(int version, String description, ImmutableList<String> statements) {
      this(version, description, statements, null);
    }
  }

  /** Work of a migration that SQL alone cannot do (decoding and re-encoding blobs), run after its statements in its transaction. */
  @FunctionalInterface
  public interface Step {
    /** Does the work on {@code connection} (in the migration's transaction) for {@code schema}. */
    void run(Connection connection, String schema) throws SQLException;
  }

  /**
   * One store's migrations and where their versions are kept.
   *
   * @param versionTable the table (in the schema) that keeps applied versions
   * @param label what the store is called in messages
   * @param migrations every migration, oldest first; append new ones, never edit a released one
   */
  public record Plan(String versionTable, String label, ImmutableList<Migration> migrations) {
    /** The schema version this StatusKit writes. */
    public int current() {
      return migrations.get(migrations.size() - 1).version();
    }
  }

  /** Every migration of the status store, oldest first; append new ones, never edit a released one. */
  static final ImmutableList<Migration> ALL =
      ImmutableList.of(
          new Migration(
              1,
              "events (statuskit/1 event documents, sequence as primary key) and snapshots (board documents)",
              ImmutableList.of(
                  "CREATE TABLE ${schema}.events ("
                      + " sequence bigint PRIMARY KEY CHECK (sequence > 0),"
                      + " type text NOT NULL,"
                      + " writer uuid NOT NULL,"
                      + " kept_at timestamptz NOT NULL DEFAULT now(),"
                      + " document json NOT NULL)",
                  "CREATE TABLE ${schema}.snapshots ("
                      + " version bigint PRIMARY KEY CHECK (version >= 0),"
                      + " taken_at timestamptz NOT NULL DEFAULT now(),"
                      + " document json NOT NULL)")));

  /**
   * A history table: one row per series and block, the block's buckets in {@code rollups} (the
   * layout of status-history's {@code RollupCodec}). The fill factor leaves room in each page for
   * the updates of the open block (HOT updates: no index entry per update).
   */
  private static String historyTable(String name, int fillFactor) {
    return "CREATE TABLE ${schema}." + name + " ("
        + " server_id text NOT NULL,"
        + " location text NOT NULL,"
        + " block_start timestamptz NOT NULL,"
        + " first_start timestamptz NOT NULL,"
        + " rollups bytea NOT NULL,"
        + " PRIMARY KEY (server_id, location, block_start))"
        + " WITH (fillfactor = " + fillFactor + ")";
  }

  /** The schema version this StatusKit writes. */
  public static final int CURRENT = ALL.get(ALL.size() - 1).version();

  /** The status store's plan: {@code events} and {@code snapshots}, versions in {@code schema_version}. */
  public static final Plan STATUS = new Plan("schema_version", "PostgreSQL store", ALL);

  /**
   * The notification store's plan (status-notify's {@code NotificationStore}): subscribers with
   * their cursors, dead letters and the sender lease, versions in {@code notify_schema_version}.
   */
  public static final Plan NOTIFY =
      new Plan(
          "notify_schema_version",
          "PostgreSQL notification store",
          ImmutableList.of(
              new Migration(
                  1,
                  "notify_subscribers (with each subscriber's cursor), notify_dead_letters, notify_leases",
                  ImmutableList.of(
                      "CREATE TABLE ${schema}.notify_subscribers ("
                          + " id text PRIMARY KEY,"
                          + " position bigserial NOT NULL,"
                          + " channel text NOT NULL CHECK (channel IN ('email', 'webhook')),"
                          + " address text,"
                          + " url text,"
                          + " format text,"
                          + " secret text,"
                          + " servers text[] NOT NULL,"
                          + " tags text[] NOT NULL,"
                          + " categories text[] NOT NULL,"
                          + " kinds text[] NOT NULL,"
                          + " components boolean NOT NULL,"
                          + " confirmed boolean NOT NULL,"
                          + " since bigint NOT NULL CHECK (since >= 0),"
                          + " created_at text NOT NULL,"
                          + " token text NOT NULL,"
                          + " delivered_through bigint NOT NULL)",
                      "CREATE TABLE ${schema}.notify_dead_letters ("
                          + " id bigserial PRIMARY KEY,"
                          + " subscriber text NOT NULL REFERENCES ${schema}.notify_subscribers (id) ON DELETE CASCADE,"
                          + " version bigint NOT NULL CHECK (version > 0),"
                          + " attempts int NOT NULL,"
                          + " error text NOT NULL,"
                          + " at text NOT NULL)",
                      "CREATE INDEX ON ${schema}.notify_dead_letters (subscriber)",
                      "CREATE TABLE ${schema}.notify_leases ("
                          + " name text PRIMARY KEY,"
                          + " holder text NOT NULL,"
                          + " token bigint NOT NULL CHECK (token > 0),"
                          + " acquired_at timestamptz NOT NULL,"
                          + " expires_at timestamptz NOT NULL)"))));

  /**
   * The history store's plan (status-history's {@code HistoryStore}): rollup blocks per series and
   * resolution and the compaction watermarks, versions in {@code history_schema_version}.
   */
  public static final Plan HISTORY =
      new Plan(
          "history_schema_version",
          "PostgreSQL history store",
          ImmutableList.of(
              new Migration(
                  1,
                  "history: rollup buckets packed per series and block (an hour of minutes, a day of hours, a month of days)"
                      + " and a watermark per resolution",
                  ImmutableList.of(
                      historyTable("history_minute", 80),
                      historyTable("history_hour", 90),
                      historyTable("history_day", 90),
                      "CREATE TABLE ${schema}.history_watermark ("
                          + " resolution text PRIMARY KEY CHECK (resolution IN ('minute', 'hour', 'day')),"
                          + " compacted_through timestamptz NOT NULL)",
                      "INSERT INTO ${schema}.history_watermark (resolution, compacted_through)"
                          + " VALUES ('minute', 'epoch'), ('hour', 'epoch'), ('day', 'epoch')")),
              new Migration(
                  2,
                  "history: minute blocks of six hours (were an hour), day blocks of a UTC year (were a month), existing rows"
                      + " re-blocked; rollups STORAGE EXTERNAL (the blobs are DEFLATE'd already)",
                  ImmutableList.of(
                      "ALTER TABLE ${schema}.history_minute ALTER COLUMN rollups SET STORAGE EXTERNAL",
                      "ALTER TABLE ${schema}.history_hour ALTER COLUMN rollups SET STORAGE EXTERNAL",
                      "ALTER TABLE ${schema}.history_day ALTER COLUMN rollups SET STORAGE EXTERNAL"),
                  HistoryTables::reblock)));

  private Migrations() {}

  /**
   * What every store's {@code build()} does first: checks the connection settings (either a URL or
   * a data source, a valid schema name, a positive connect timeout), connects, and brings {@code
   * plan}'s tables to its current version.
   *
   * @return the store's connections
   * @throws IllegalArgumentException naming a setting whose value is out of range
   * @throws IllegalStateException if neither or both of a URL and a data source were given
   * @throws StoreException if the database cannot be reached or refuses, or the tables were
   *     written by a newer StatusKit
   */
  public static Connections open(
      @Nullable String url,
      @Nullable DataSource dataSource,
      @Nullable String user,
      @Nullable String password,
      Duration connectTimeout,
      String schema,
      Plan plan) {
    checkState(url != null ^ dataSource != null, "give either url or dataSource (url: %s, dataSource: %s)", url, dataSource);
    checkArgument(Sql.isValidSchema(schema),
        "schema must be a lower-case identifier of at most 48 letters, digits and underscores: %s", schema);
    checkArgument(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive: %s", connectTimeout);
    if (url != null) {
      checkArgument(url.startsWith("jdbc:postgresql:"), "url must start with jdbc:postgresql: %s", url);
    }
    Connections connections =
        url != null
            ? Connections.ofUrl(url, user, password, connectTimeout, schema)
            : Connections.ofDataSource(requireNonNull(dataSource), schema);
    try (Connection connection = connections.open("setup")) {
      migrate(connection, new Sql(schema), connections.target(), plan);
    } catch (SQLException e) {
      throw new StoreException(
          "cannot open the " + plan.label() + " (" + connections.target() + "): " + e.getMessage()
              + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")"), e);
    }
    return connections;
  }

  /**
   * Brings {@code sql}'s schema to {@link #CURRENT}, creating it if needed.
   *
   * @return the version the schema had before (0: new)
   * @throws StoreException if the schema was written by a newer StatusKit
   * @throws SQLException if the database refuses
   */
  public static int migrate(Connection connection, Sql sql, String target) throws SQLException {
    return migrate(connection, sql, target, STATUS);
  }

  /**
   * Brings {@code sql}'s schema to {@code plan}'s current version, creating the schema and the
   * plan's version table if needed.
   *
   * @return the version the plan's tables had before (0: new)
   * @throws StoreException if they were written by a newer StatusKit
   * @throws SQLException if the database refuses
   */
  public static int migrate(Connection connection, Sql sql, String target, Plan plan) throws SQLException {
    String versionTable = sql.schema + "." + plan.versionTable();
    int current = plan.current();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.advisoryLock(Sql.LOCK_MIGRATE));
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + sql.schema);
      statement.execute(
          "CREATE TABLE IF NOT EXISTS " + versionTable + " ("
              + " version int PRIMARY KEY,"
              + " description text NOT NULL,"
              + " applied_at timestamptz NOT NULL DEFAULT now())");
      int found;
      try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + versionTable)) {
        rows.next();
        found = rows.getInt(1);
      }
      if (found > current) {
        throw new StoreException(
            plan.label() + " (" + target + ") is at schema version " + found + "; this StatusKit knows versions up to "
                + current + ". It was written by a newer StatusKit: use that one.");
      }
      for (Migration migration : plan.migrations()) {
        if (migration.version() <= found) {
          continue;
        }
        for (String ddl : migration.statements()) {
          statement.execute(ddl.replace("${schema}", sql.schema));
        }
        Step step = migration.step();
        if (step != null) {
          step.run(connection, sql.schema);
        }
        try (PreparedStatement row =
            connection.prepareStatement("INSERT INTO " + versionTable + " (version, description) VALUES (?, ?)")) {
          row.setInt(1, migration.version());
          row.setString(2, migration.description());
          row.executeUpdate();
        }
        log.info("{} ({}): schema migrated to version {}: {}", plan.label(), target, migration.version(), migration.description());
      }
      connection.commit();
      return found;
    } catch (SQLException | RuntimeException e) {
      Connections.rollbackQuietly(connection);
      throw e;
    }
  }
}
