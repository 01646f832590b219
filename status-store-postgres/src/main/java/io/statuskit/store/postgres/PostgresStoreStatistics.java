package io.statuskit.store.postgres;

/**
 * Counters of one {@link PostgresStatusStore} since it opened. Immutable.
 *
 * @param eventsKept events this store committed
 * @param transactions transactions that committed them; {@code eventsKept / transactions} is the
 *     group-commit factor
 * @param conflicts batches refused because another writer kept their first sequence first
 * @param failedBatches batches that failed for any reason, conflicts included
 * @param inDoubt commits whose connection broke, so that their outcome was read back
 * @param inDoubtKept of those, the ones found kept
 * @param reconnects writer connections opened after the first
 * @param snapshots snapshots this store wrote
 */
public record PostgresStoreStatistics(
    long eventsKept,
    long transactions,
    long conflicts,
    long failedBatches,
    long inDoubt,
    long inDoubtKept,
    long reconnects,
    long snapshots) {}
