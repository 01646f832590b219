package io.statuskit.store.postgres;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL the tests use: 127.0.0.1:5432, database {@code test}, user {@code postgres} (or
 * {@code root}), trust authentication. Each test class makes its own schemas with random names
 * and drops them. When nothing answers on the port, tests are skipped with a message saying so.
 */
final class TestDatabase {
  static final String HOST = "127.0.0.1";
  static final int PORT = 5432;
  static final String DATABASE = "test";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static @Nullable String user;

  private TestDatabase() {}

  /** Skips the calling test class, saying why, when nothing answers on 127.0.0.1:5432. */
  static void assumeAvailable() {
    boolean answers;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, PORT), 1000);
      answers = true;
    } catch (IOException e) {
      answers = false;
    }
    if (!answers) {
      String why = "nothing answers on " + HOST + ":" + PORT + ", so the PostgreSQL store tests are skipped"
          + " (.ci/run installs and starts PostgreSQL; or start one with trust authentication and a database 'test')";
      System.err.println(why);
      assumeTrue(false, why);
    }
  }

  /** The JDBC URL of the test database, with a user that logs in. */
  static synchronized String url() {
    if (user == null) {
      SQLException first = null;
      for (String candidate : new String[] {"postgres", "root"}) {
        try (Connection connection = DriverManager.getConnection(base() + "?user=" + candidate)) {
          user = candidate;
          break;
        } catch (SQLException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (user == null) {
        throw new IllegalStateException("PostgreSQL answers on " + HOST + ":" + PORT + " but neither postgres nor root may log in to "
            + DATABASE, first);
      }
    }
    return base() + "?user=" + user;
  }

  private static String base() {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
  }

  /** The JDBC URL of the test database through a proxy on {@code port}. */
  static String urlVia(int port) {
    return url().replace(":" + PORT + "/", ":" + port + "/");
  }

  /** A new schema name, not yet created. */
  static String newSchema() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "statuskit_test_" + HexFormat.of().formatHex(bytes);
  }

  /** A plain connection for the test's own SQL. */
  static Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  /** Runs one statement. */
  static void execute(String sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Drops a schema and everything in it, if it exists. */
  static void drop(String schema) {
    try {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + schema + ": " + e);
    }
  }

  /** Terminates the backends of a store's connections of one role; returns how many. */
  static int terminate(String schema, String role) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      statement.setString(1, "statuskit " + schema + " " + role);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** A builder on the test database and {@code schema}, with short intervals for tests. */
  static PostgresStatusStore.Builder store(String schema) {
    return PostgresStatusStore.builder().url(url()).schema(schema).pollInterval(Duration.ofMillis(200));
  }
}
