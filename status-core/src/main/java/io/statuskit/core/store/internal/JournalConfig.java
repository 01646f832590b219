package io.statuskit.core.store.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Everything the journal engine needs, as the public options give it.
 *
 * @param directory the journal directory
 * @param segmentBytes size after which the writer starts a new segment
 * @param snapshotEvery events between snapshots
 * @param fsyncInterval zero: fsync before every acknowledgement; positive: acknowledge once
 *     written and fsync at most this often
 * @param truncateAtCorruption whether recovery may cut at a corrupt record
 * @param threadFactory makes the writer and snapshot threads
 * @param ticker measures the fsync interval
 * @param opener opens segment and snapshot channels
 */
public record JournalConfig(
    Path directory,
    long segmentBytes,
    int snapshotEvery,
    Duration fsyncInterval,
    boolean truncateAtCorruption,
    ThreadFactory threadFactory,
    Ticker ticker,
    ChannelOpener opener) {
  /** Checks the parts are present. */
  public JournalConfig {
    requireNonNull(directory, "directory");
    requireNonNull(fsyncInterval, "fsyncInterval");
    requireNonNull(threadFactory, "threadFactory");
    requireNonNull(ticker, "ticker");
    requireNonNull(opener, "opener");
  }
}
