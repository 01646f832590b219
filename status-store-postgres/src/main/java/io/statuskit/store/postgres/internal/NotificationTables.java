package io.statuskit.store.postgres.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.spi.StoreException;
import io.statuskit.notify.Channel;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.Topics;
import io.statuskit.notify.WebhookFormat;
import io.statuskit.notify.spi.NotificationState;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The notification store's tables: subscribers (each row with its cursor, {@code
 * delivered_through}), dead letters and the sender lease, over one connection that is opened on
 * first use and again after it broke. Every method is one transaction. Thread-safe (one caller
 * at a time).
 */
public final class NotificationTables implements AutoCloseable {
  /** The one lease row's name. */
  static final String SENDER = "sender";

  private final Connections connections;
  private final String role;
  private final String subscribers;
  private final String deadLetters;
  private final String leases;
  private @Nullable Connection connection; // guarded by this

  /** Tables in {@code sql}'s schema, reached through {@code connections} on a connection named {@code role}. */
  public NotificationTables(Connections connections, Sql sql, String role) {
    this.connections = connections;
    this.role = role;
    this.subscribers = sql.schema + ".notify_subscribers";
    this.deadLetters = sql.schema + ".notify_dead_letters";
    this.leases = sql.schema + ".notify_leases";
  }

  /** What a step does with the connection, in a transaction. */
  private interface Step<T> {
    T run(Connection connection) throws SQLException;
  }

  private synchronized <T> T inTransaction(String what, boolean readOnly, Step<T> step) {
    Connection c = null;
    try {
      c = connection();
      c.setReadOnly(readOnly);
      c.setTransactionIsolation(readOnly ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_READ_COMMITTED);
      T result = step.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      Connections.rollbackQuietly(c);
      if (Errors.connectionLost(e, c)) {
        Connections.closeQuietly(c);
        connection = null;
      }
      throw new StoreException(
          "PostgreSQL notification store (" + connections.target() + "): cannot " + what + ": " + Errors.describe(e), e);
    } catch (RuntimeException e) {
      Connections.rollbackQuietly(c);
      throw e;
    }
  }

  private Connection connection() throws SQLException {
    Connection c = connection;
    if (c == null || c.isClosed()) {
      c = connections.open(role);
      c.setAutoCommit(false);
      connection = c;
    }
    return c;
  }

  /** Everything kept, in one consistent read. */
  public NotificationState load() {
    return inTransaction("load subscribers", true, c -> {
      ImmutableMap.Builder<String, Subscriber> subs = ImmutableMap.builder();
      ImmutableMap.Builder<String, Long> cursors = ImmutableMap.builder();
      try (PreparedStatement s = c.prepareStatement(
              "SELECT id, channel, address, url, format, secret, servers, tags, categories, kinds, components,"
                  + " confirmed, since, created_at, token, delivered_through FROM " + subscribers + " ORDER BY position");
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          Subscriber subscriber = subscriber(rows);
          subs.put(subscriber.id(), subscriber);
          cursors.put(subscriber.id(), rows.getLong("delivered_through"));
        }
      }
      ImmutableList.Builder<DeadLetter> letters = ImmutableList.builder();
      try (PreparedStatement s = c.prepareStatement(
              "SELECT subscriber, version, attempts, error, at FROM " + deadLetters + " ORDER BY id");
          ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          letters.add(new DeadLetter(rows.getString(1), rows.getLong(2), rows.getInt(3), rows.getString(4),
              Instant.parse(rows.getString(5))));
        }
      }
      return new NotificationState(subs.buildOrThrow(), cursors.buildOrThrow(), letters.build());
    });
  }

  private static Subscriber subscriber(ResultSet rows) throws SQLException {
    Channel channel =
        switch (rows.getString("channel")) {
          case "email" -> new Channel.Email(rows.getString("address"));
          case "webhook" -> new Channel.Webhook(
              URI.create(rows.getString("url")), WebhookFormat.fromKey(rows.getString("format")), rows.getString("secret"));
          default -> throw new SQLException("channel must be email or webhook: " + rows.getString("channel"));
        };
    ImmutableSet.Builder<IncidentKind> kinds = ImmutableSet.builder();
    for (String key : strings(rows, "kinds")) {
      kinds.add(IncidentKind.fromKey(key));
    }
    Topics topics = new Topics(
        ImmutableSet.copyOf(strings(rows, "servers")),
        ImmutableSet.copyOf(strings(rows, "tags")),
        ImmutableSet.copyOf(strings(rows, "categories")),
        kinds.build(),
        rows.getBoolean("components"));
    return new Subscriber(rows.getString("id"), channel, topics, rows.getBoolean("confirmed"), rows.getLong("since"),
        Instant.parse(rows.getString("created_at")), rows.getString("token"));
  }

  private static List<String> strings(ResultSet rows, String column) throws SQLException {
    Array array = rows.getArray(column);
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  /** Adds or replaces a subscriber (keeping its place) and sets its cursor to its since. */
  public void put(Subscriber s) {
    inTransaction("keep subscriber " + s.id(), false, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO " + subscribers + " (id, channel, address, url, format, secret, servers, tags, categories, kinds,"
              + " components, confirmed, since, created_at, token, delivered_through)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (id) DO UPDATE SET channel = EXCLUDED.channel, address = EXCLUDED.address,"
              + " url = EXCLUDED.url, format = EXCLUDED.format, secret = EXCLUDED.secret, servers = EXCLUDED.servers,"
              + " tags = EXCLUDED.tags, categories = EXCLUDED.categories, kinds = EXCLUDED.kinds,"
              + " components = EXCLUDED.components, confirmed = EXCLUDED.confirmed, since = EXCLUDED.since,"
              + " created_at = EXCLUDED.created_at, token = EXCLUDED.token, delivered_through = EXCLUDED.delivered_through")) {
        p.setString(1, s.id());
        if (s.channel() instanceof Channel.Webhook hook) {
          p.setString(2, "webhook");
          p.setString(3, null);
          p.setString(4, hook.url().toString());
          p.setString(5, hook.format().key());
          p.setString(6, hook.secret());
        } else {
          p.setString(2, "email");
          p.setString(3, ((Channel.Email) s.channel()).address());
          p.setString(4, null);
          p.setString(5, null);
          p.setString(6, null);
        }
        p.setArray(7, c.createArrayOf("text", s.topics().servers().toArray()));
        p.setArray(8, c.createArrayOf("text", s.topics().tags().toArray()));
        p.setArray(9, c.createArrayOf("text", s.topics().categories().toArray()));
        p.setArray(10, c.createArrayOf("text", s.topics().kinds().stream().map(IncidentKind::key).toArray()));
        p.setBoolean(11, s.topics().components());
        p.setBoolean(12, s.confirmed());
        p.setLong(13, s.since());
        p.setString(14, s.createdAt().toString());
        p.setString(15, s.token());
        p.setLong(16, s.since());
        p.executeUpdate();
      }
      return true;
    });
  }

  /** Removes a subscriber; its dead letters go with it (ON DELETE CASCADE). */
  public void remove(String id) {
    inTransaction("remove subscriber " + id, false, c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + subscribers + " WHERE id = ?")) {
        p.setString(1, id);
        p.executeUpdate();
      }
      return true;
    });
  }

  /** Forgets a subscriber's dead letters. */
  public void clearDeadLetters(String id) {
    inTransaction("clear the dead letters of " + id, false, c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + deadLetters + " WHERE subscriber = ?")) {
        p.setString(1, id);
        p.executeUpdate();
      }
      return true;
    });
  }

  /**
   * Keeps dead letters and moves cursors forward in one transaction; with a fencing token, only
   * if it is the sender lease's current token (the lease row is read {@code FOR SHARE}, so a
   * takeover waits for this transaction, and this one sees a committed takeover).
   *
   * @return whether it was kept
   */
  public boolean record(List<DeadLetter> letters, Map<String, Long> cursors, long fencingToken) {
    return inTransaction("record " + cursors.size() + " cursors and " + letters.size() + " dead letters", false, c -> {
      if (fencingToken > 0) {
        try (PreparedStatement p = c.prepareStatement("SELECT token FROM " + leases + " WHERE name = ? FOR SHARE")) {
          p.setString(1, SENDER);
          try (ResultSet rows = p.executeQuery()) {
            if (!rows.next() || rows.getLong(1) != fencingToken) {
              c.rollback();
              return false;
            }
          }
        }
      }
      if (!letters.isEmpty()) {
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO " + deadLetters + " (subscriber, version, attempts, error, at)"
                + " SELECT id, ?, ?, ?, ? FROM " + subscribers + " WHERE id = ?")) {
          for (DeadLetter letter : letters) {
            p.setLong(1, letter.version());
            p.setInt(2, letter.attempts());
            p.setString(3, letter.lastError());
            p.setString(4, letter.at().toString());
            p.setString(5, letter.subscriberId());
            p.addBatch();
          }
          p.executeBatch();
        }
      }
      if (!cursors.isEmpty()) {
        String[] ids = new String[cursors.size()];
        Long[] values = new Long[cursors.size()];
        int i = 0;
        for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
          ids[i] = cursor.getKey();
          values[i] = cursor.getValue();
          i++;
        }
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE " + subscribers + " AS s SET delivered_through = greatest(s.delivered_through, v.cursor)"
                + " FROM unnest(?::text[], ?::bigint[]) AS v(id, cursor) WHERE s.id = v.id")) {
          p.setArray(1, c.createArrayOf("text", ids));
          p.setArray(2, c.createArrayOf("bigint", values));
          p.executeUpdate();
        }
      }
      return true;
    });
  }

  /**
   * Takes or renews the sender lease for {@code holder}: taken when there is none or it expired
   * (by the database's clock), with the token one larger; renewed with the same token when
   * {@code holder} holds it and it has not expired.
   *
   * @return the token, or 0 when another holder's lease has not expired
   */
  public long acquire(String holder, long millis) {
    return inTransaction("take the sender lease", false, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO " + leases + " AS l (name, holder, token, acquired_at, expires_at)"
              + " VALUES (?, ?, 1, clock_timestamp(), clock_timestamp() + ?::double precision * interval '1 millisecond')"
              + " ON CONFLICT (name) DO UPDATE SET"
              + " token = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp() THEN l.token ELSE l.token + 1 END,"
              + " acquired_at = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp()"
              + " THEN l.acquired_at ELSE EXCLUDED.acquired_at END,"
              + " holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at"
              + " WHERE l.holder = EXCLUDED.holder OR l.expires_at <= clock_timestamp()"
              + " RETURNING token")) {
        p.setString(1, SENDER);
        p.setString(2, holder);
        p.setLong(3, millis);
        try (ResultSet rows = p.executeQuery()) {
          return rows.next() ? rows.getLong(1) : 0L;
        }
      }
    });
  }

  /** Lets the lease expire now, when {@code holder} still holds it with {@code token}. */
  public void release(String holder, long token) {
    inTransaction("give the sender lease up", false, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE " + leases + " SET expires_at = clock_timestamp() WHERE name = ? AND holder = ? AND token = ?")) {
        p.setString(1, SENDER);
        p.setString(2, holder);
        p.setLong(3, token);
        p.executeUpdate();
      }
      return true;
    });
  }

  /** Closes the connection. */
  @Override
  public synchronized void close() {
    Connections.closeQuietly(connection);
    connection = null;
  }
}
