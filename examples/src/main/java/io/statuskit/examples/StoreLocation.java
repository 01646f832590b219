package io.statuskit.examples;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.store.postgres.PostgresNotificationStore;
import io.statuskit.store.postgres.PostgresStatusStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a command keeps the board, from {@code --store} or the config file's {@code store}: a
 * journal directory ({@code journal:/path} or a plain path) or a PostgreSQL schema ({@code
 * postgresql://host:port/db?schema=x}, user and password from the URL or {@code PGUSER} and
 * {@code PGPASSWORD}). Immutable and thread-safe.
 */
sealed interface StoreLocation {
  /** Opens the store; the caller closes it. */
  StatusStore open();

  /** The location without a password, for messages. */
  String describe();

  /**
   * A journal directory.
   *
   * @param directory the journal's directory
   */
  record Journal(Path directory) implements StoreLocation {
    /** Checks the part. */
    public Journal {
      requireNonNull(directory, "directory");
    }

    @Override
    public JournalStatusStore open() {
      return JournalStatusStore.open(directory);
    }

    @Override
    public String describe() {
      return "journal:" + directory.toAbsolutePath().normalize();
    }
  }

  /**
   * A PostgreSQL schema.
   *
   * @param jdbcUrl the JDBC URL without user and password
   * @param schema the schema holding the board
   * @param user the user, or null for the driver's default
   * @param password the password, or null
   */
  record Postgres(String jdbcUrl, String schema, @Nullable String user, @Nullable String password) implements StoreLocation {
    /** Checks the parts. */
    public Postgres {
      requireNonNull(jdbcUrl, "jdbcUrl");
      requireNonNull(schema, "schema");
    }

    @Override
    public PostgresStatusStore open() {
      PostgresStatusStore.Builder builder = PostgresStatusStore.builder().url(jdbcUrl).schema(schema);
      if (user != null) {
        builder.user(user);
      }
      if (password != null) {
        builder.password(password);
      }
      return builder.build();
    }

    /**
     * The notification store in the same database and schema as the board, so that every {@code
     * serve} on this database shares subscribers, cursors, dead letters and the one sender's lease.
     */
    public PostgresNotificationStore openNotifications() {
      PostgresNotificationStore.Builder builder = PostgresNotificationStore.builder().url(jdbcUrl).schema(schema);
      if (user != null) {
        builder.user(user);
      }
      if (password != null) {
        builder.password(password);
      }
      return builder.build();
    }

    @Override
    public String describe() {
      return jdbcUrl + " schema " + schema;
    }

    @Override
    public String toString() {
      return "Postgres[" + describe() + (user == null ? "" : ", user " + user) + "]";
    }
  }

  /**
   * Parses a store location.
   *
   * @param text {@code postgresql://...}, {@code journal:/path} or a path
   * @param env the environment, for {@code PGUSER} and {@code PGPASSWORD}
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  static StoreLocation parse(String text, Map<String, String> env) {
    requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("store must not be empty");
    }
    if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
      return postgres(text, env);
    }
    if (text.startsWith("journal:")) {
      String path = text.substring("journal:".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("store journal: needs a directory: \"" + text + "\"");
      }
      return new Journal(Path.of(path));
    }
    if (text.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(
          "store must be postgresql://host:port/db?schema=x, journal:/path or a directory: \"" + text + "\"");
    }
    return new Journal(Path.of(text));
  }

  private static Postgres postgres(String text, Map<String, String> env) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("store is not a valid URL: \"" + redact(text) + "\": " + e.getReason());
    }
    String host = uri.getHost();
    String path = uri.getPath();
    if (host == null || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException("store must be postgresql://host[:port]/database[?schema=x]: \"" + redact(text) + "\"");
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (!name.equals("schema") && !name.equals("user") && !name.equals("password")) {
          throw new IllegalArgumentException("store: unknown parameter " + name + " (known: schema, user, password)");
        }
        query.put(name, value);
      }
    }
    String user = query.get("user");
    String password = query.get("password");
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      if (parts.length == 2) {
        password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
      }
    }
    if (user == null) {
      user = env.get("PGUSER");
    }
    if (password == null) {
      password = env.get("PGPASSWORD");
    }
    String jdbc = "jdbc:postgresql://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    return new Postgres(jdbc, query.getOrDefault("schema", "statuskit"), user, password);
  }

  private static String redact(String text) {
    return text.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
  }
}
