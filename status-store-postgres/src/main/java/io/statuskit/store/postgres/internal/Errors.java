package io.statuskit.store.postgres.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** What a {@link SQLException} from PostgreSQL means for the store. */
final class Errors {
  /** {@code unique_violation}: another writer kept an event with this sequence first. */
  static final String UNIQUE_VIOLATION = "23505";

  private Errors() {}

  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether PostgreSQL chose this transaction as a deadlock's victim (40P01) or failed it for a
   * serialization conflict (40001): nothing of it was kept and running it again may succeed. Looks
   * through the causes and a batch's next exceptions.
   */
  static boolean isDeadlock(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (@Nullable SQLException sql = t instanceof SQLException s ? s : null; sql != null; sql = sql.getNextException()) {
        if ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the connection is gone (class 08, an administrator's {@code pg_terminate_backend}
   * (57P01), a crash or shutdown (57P02, 57P03), an I/O error, or a connection that no longer
   * answers): then the outcome of a commit in progress is unknown.
   */
  static boolean connectionLost(SQLException e, @Nullable Connection connection) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
          return true;
        }
      }
    }
    if (connection == null) {
      return true;
    }
    try {
      return connection.isClosed() || !connection.isValid(2);
    } catch (SQLException | RuntimeException suppressed) {
      return true;
    }
  }

  /** A short description: the driver's message and SQL state. */
  static String describe(SQLException e) {
    String state = e.getSQLState();
    String message = e.getMessage();
    return (message == null ? e.getClass().getSimpleName() : message) + (state == null ? "" : " (SQL state " + state + ")");
  }
}
