package io.statuskit.store.postgres.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.regex.Pattern;

/**
 * The statements of one schema. The schema name is checked to be a plain lower-case identifier,
 * so it can be written into statements without quoting. Immutable.
 */
public final class Sql {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,47}");

  /** First key of the store's advisory locks; the second is {@code hashtext(schema)}. */
  static final int LOCK_MIGRATE = 0x534b0001;

  static final int LOCK_SNAPSHOT = 0x534b0002;

  /** Every batch takes it shared; a writer that lost a race takes it exclusively for a turn. */
  static final int LOCK_TURN = 0x534b0003;

  final String schema;
  final String channel;
  final String events;
  final String snapshots;
  final String schemaVersion;

  /** The statements for {@code schema}. */
  public Sql(String schema) {
    checkArgument(
        IDENTIFIER.matcher(schema).matches(),
        "schema must be a lower-case identifier of at most 48 letters, digits and underscores: %s",
        schema);
    this.schema = schema;
    this.channel = "statuskit_" + schema;
    this.events = schema + ".events";
    this.snapshots = schema + ".snapshots";
    this.schemaVersion = schema + ".schema_version";
  }

  /** Whether {@code name} is a schema name this store accepts. */
  public static boolean isValidSchema(String name) {
    return IDENTIFIER.matcher(name).matches();
  }

  /** The newest version kept: of an event, or of a snapshot when compaction left no event after it. */
  String head() {
    return "SELECT greatest((SELECT max(sequence) FROM " + events + "), (SELECT max(version) FROM " + snapshots + "), 0)";
  }

  /**
   * Keeps a batch in one statement (one round trip before the COMMIT): takes the turn lock
   * shared, inserts the batch (sequences and documents as two arrays) by one writer only if the
   * newest kept version is the one before it, and notifies the channel if it inserted. A racing
   * writer that inserted the same sequence first makes it fail with a unique violation. Returns
   * one row: how many events it inserted. Parameters: writer, sequences, documents, first - 1,
   * channel, payload.
   */
  String keepBatch() {
    return "WITH turn AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(" + LOCK_TURN + ", hashtext('" + schema + "'))),"
        + " ins AS (INSERT INTO " + events + " (sequence, type, writer, document)"
        + " SELECT b.seq, b.doc::json ->> 'type', ?::uuid, b.doc::json"
        + " FROM unnest(?::bigint[], ?::text[]) WITH ORDINALITY AS b(seq, doc, ord), turn"
        + " WHERE (" + head() + ") = ?"
        + " ORDER BY b.ord"
        + " RETURNING sequence)"
        + " SELECT n, (SELECT pg_notify(?, ?) WHERE n > 0) FROM (SELECT count(*) AS n FROM ins) AS inserted";
  }

  /** Which of a range of sequences are kept, and whether by the given writer. */
  String readBack() {
    return "SELECT sequence, writer = ?::uuid FROM " + events + " WHERE sequence BETWEEN ? AND ? ORDER BY sequence";
  }

  String eventsAfter() {
    return "SELECT sequence, document FROM " + events + " WHERE sequence > ? ORDER BY sequence";
  }

  String newestSnapshot() {
    return "SELECT version, document FROM " + snapshots + " ORDER BY version DESC LIMIT 1";
  }

  String insertSnapshot() {
    return "INSERT INTO " + snapshots + " (version, document) VALUES (?, ?::json) ON CONFLICT (version) DO NOTHING";
  }

  /** The older of the two newest snapshots: everything up to it is covered twice. */
  String olderRetainedSnapshot() {
    return "SELECT version FROM " + snapshots + " ORDER BY version DESC OFFSET 1 LIMIT 1";
  }

  String deleteSnapshotsBefore() {
    return "DELETE FROM " + snapshots + " WHERE version < ?";
  }

  String deleteEventsUpTo() {
    return "DELETE FROM " + events + " WHERE sequence <= ?";
  }

  String listen() {
    return "LISTEN " + channel;
  }

  String takeTurn() {
    return "SELECT pg_advisory_lock(" + LOCK_TURN + ", hashtext('" + schema + "'))";
  }

  String releaseTurn() {
    return "SELECT pg_advisory_unlock(" + LOCK_TURN + ", hashtext('" + schema + "'))";
  }

  String advisoryLock(int key) {
    return "SELECT pg_advisory_xact_lock(" + key + ", hashtext('" + schema + "'))";
  }
}
