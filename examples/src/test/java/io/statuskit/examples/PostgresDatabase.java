package io.statuskit.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The PostgreSQL the examples' tests use: 127.0.0.1:5432, database {@code test}, user {@code
 * postgres}, trust authentication. Each test makes its own schema and drops it; when nothing
 * answers, the test is skipped with a printed reason.
 */
final class PostgresDatabase {
  private static final SecureRandom RANDOM = new SecureRandom();

  private PostgresDatabase() {}

  /** Skips the calling test, saying why, when nothing answers on 127.0.0.1:5432. */
  static void assumeAvailable() {
    boolean answers;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
      answers = true;
    } catch (IOException e) {
      answers = false;
    }
    if (!answers) {
      String why = "nothing answers on 127.0.0.1:5432, so the PostgreSQL store tests of the examples are skipped";
      System.err.println(why);
      assumeTrue(false, why);
    }
  }

  /** A new schema name, not yet created. */
  static String newSchema() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return "statuskit_examples_" + HexFormat.of().formatHex(bytes);
  }

  /** The {@code --store} URL of {@code schema}. */
  static String store(String schema) {
    return "postgresql://127.0.0.1:5432/test?schema=" + schema + "&user=postgres";
  }

  /** Drops a schema and everything in it. */
  static void drop(String schema) {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + schema + ": " + e);
    }
  }
}
