package io.statuskit.store.postgres.internal;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the store's tables, so that no operator writes SQL by hand. Each
 * migration runs once, in one transaction with its row in {@code schema_version}; the whole run
 * holds a transaction-scoped advisory lock on the schema, so two nodes starting at once take
 * turns (the second finds the work done). A schema written by a newer StatusKit is refused.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /**
   * One step.
   *
   * @param version the schema version it brings the tables to
   * @param description what it does, kept in {@code schema_version}
   * @param statements the DDL, with {@code ${schema}} for the schema name
   */
  record Migration(int version, String description, ImmutableList<String> statements) {}

  /** Every migration, oldest first; append new ones, never edit a released one. */
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
                      + " document json NOT NULL)")),
          new Migration(
              2,
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
                      + " VALUES ('minute', 'epoch'), ('hour', 'epoch'), ('day', 'epoch')")));

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

  private Migrations() {}

  /**
   * Brings {@code sql}'s schema to {@link #CURRENT}, creating it if needed.
   *
   * @return the version the schema had before (0: new)
   * @throws StoreException if the schema was written by a newer StatusKit
   * @throws SQLException if the database refuses
   */
  public static int migrate(Connection connection, Sql sql, String target) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql.advisoryLock(Sql.LOCK_MIGRATE));
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + sql.schema);
      statement.execute(
          "CREATE TABLE IF NOT EXISTS " + sql.schemaVersion + " ("
              + " version int PRIMARY KEY,"
              + " description text NOT NULL,"
              + " applied_at timestamptz NOT NULL DEFAULT now())");
      int found;
      try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + sql.schemaVersion)) {
        rows.next();
        found = rows.getInt(1);
      }
      if (found > CURRENT) {
        throw new StoreException(
            "PostgreSQL store (" + target + ") is at schema version " + found + "; this StatusKit knows versions up to "
                + CURRENT + ". It was written by a newer StatusKit: use that one.");
      }
      for (Migration migration : ALL) {
        if (migration.version() <= found) {
          continue;
        }
        for (String ddl : migration.statements()) {
          statement.execute(ddl.replace("${schema}", sql.schema));
        }
        try (PreparedStatement row =
            connection.prepareStatement("INSERT INTO " + sql.schemaVersion + " (version, description) VALUES (?, ?)")) {
          row.setInt(1, migration.version());
          row.setString(2, migration.description());
          row.executeUpdate();
        }
        log.info("PostgreSQL store ({}): schema migrated to version {}: {}", target, migration.version(), migration.description());
      }
      connection.commit();
      return found;
    } catch (SQLException | RuntimeException e) {
      Connections.rollbackQuietly(connection);
      throw e;
    }
  }
}
