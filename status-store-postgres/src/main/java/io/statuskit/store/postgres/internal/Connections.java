package io.statuskit.store.postgres.internal;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * Opens the store's connections, from a JDBC URL (through the PostgreSQL driver directly, so no
 * {@code DriverManager} lookup is needed on the module path) or from the host's {@link
 * DataSource}. Every connection is named {@code statuskit <schema> <role>} in {@code
 * pg_stat_activity}. Thread-safe.
 */
public final class Connections {
  private static final Driver DRIVER = new Driver();

  private final @Nullable String url;
  private final Properties properties;
  private final @Nullable DataSource dataSource;
  private final String schema;
  private final String target;

  private Connections(
      @Nullable String url, Properties properties, @Nullable DataSource dataSource, String schema, String target) {
    this.url = url;
    this.properties = properties;
    this.dataSource = dataSource;
    this.schema = schema;
    this.target = target;
  }

  /** Connections from a {@code jdbc:postgresql:} URL, with an optional user and password. */
  public static Connections ofUrl(
      String url, @Nullable String user, @Nullable String password, Duration connectTimeout, String schema) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    long seconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
    properties.setProperty("connectTimeout", Long.toString(seconds));
    properties.setProperty("loginTimeout", Long.toString(seconds));
    properties.setProperty("tcpKeepAlive", "true");
    int query = url.indexOf('?');
    String shown = query < 0 ? url : url.substring(0, query);
    return new Connections(url, properties, null, schema, "schema " + schema + " at " + shown);
  }

  /** Connections from the host's data source (a pool, say). */
  public static Connections ofDataSource(DataSource dataSource, String schema) {
    return new Connections(null, new Properties(), requireNonNull(dataSource, "dataSource"), schema,
        "schema " + schema + " of " + dataSource);
  }

  /**
   * Opens a connection for {@code role} (writer, reader, listener, snapshot, setup).
   *
   * @throws SQLException if the database cannot be reached or refuses the login
   */
  public Connection open(String role) throws SQLException {
    String name = applicationName(schema, role);
    if (dataSource != null) {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement set = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
        set.setString(1, name);
        set.execute();
      } catch (SQLException e) {
        closeQuietly(connection);
        throw e;
      }
      return connection;
    }
    Properties copy = new Properties();
    copy.putAll(properties);
    copy.setProperty("ApplicationName", name);
    Connection connection = DRIVER.connect(requireNonNull(url), copy);
    if (connection == null) {
      throw new SQLException("not a jdbc:postgresql: URL: " + target);
    }
    return connection;
  }

  /** The name a connection of {@code role} has in {@code pg_stat_activity.application_name}. */
  public static String applicationName(String schema, String role) {
    return "statuskit " + schema + " " + role;
  }

  /** What the store is connected to, for messages: schema and URL without its parameters. */
  public String target() {
    return target;
  }

  /** Closes a connection, ignoring what a broken one throws. */
  public static void closeQuietly(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // a broken connection may refuse even this; it is gone either way
    }
  }

  /** Rolls back, ignoring what a broken connection throws. */
  public static void rollbackQuietly(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      // the connection is broken; the server rolls back an unfinished transaction by itself
    }
  }
}
