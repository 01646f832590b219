package io.statuskit.store.postgres.internal;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The settings the internals need, checked by the public builder.
 *
 * @param snapshotEvery events between snapshots
 * @param pollInterval how often the listener asks for the newest version when no notice came
 * @param maxBatchEvents most events in one transaction
 * @param maxBatchBytes most document bytes in one transaction (one event may exceed it alone)
 * @param inDoubtTimeout how long the writer tries to learn the outcome of a commit whose
 *     connection broke, before failing it as in doubt
 * @param threadFactory makes the writer, listener and snapshot threads
 * @param ticker measures timeouts and the poll interval
 */
public record Settings(
    int snapshotEvery,
    Duration pollInterval,
    int maxBatchEvents,
    int maxBatchBytes,
    Duration inDoubtTimeout,
    ThreadFactory threadFactory,
    Ticker ticker) {}
