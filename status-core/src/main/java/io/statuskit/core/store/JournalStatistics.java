package io.statuskit.core.store;

/**
 * Counters of a {@link JournalStatusStore} since it opened, for tests, benchmarks and metrics.
 * {@code eventsWritten / forces} is the group-commit factor: how many events one fsync made
 * durable on average. Immutable and thread-safe.
 *
 * @param eventsWritten events written to segments
 * @param batches writes of one or more events by the writer thread
 * @param forces fsyncs of segment files ({@code FileChannel.force})
 * @param bytesWritten bytes of records written to segments
 * @param failedBatches batches that could not be written and were rolled back
 * @param snapshotsWritten snapshots written
 * @param snapshotFailures snapshots that could not be written (the journal still holds the events)
 * @param segmentsDeleted segments removed by compaction
 */
public record JournalStatistics(
    long eventsWritten,
    long batches,
    long forces,
    long bytesWritten,
    long failedBatches,
    long snapshotsWritten,
    long snapshotFailures,
    long segmentsDeleted) {}
