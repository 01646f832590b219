package io.statuskit.store.postgres.internal;

import java.util.concurrent.atomic.AtomicLong;

/** The store's counters, updated by its threads. Thread-safe. */
public final class Counters {
  final AtomicLong eventsKept = new AtomicLong();
  final AtomicLong transactions = new AtomicLong();
  final AtomicLong conflicts = new AtomicLong();
  final AtomicLong failedBatches = new AtomicLong();
  final AtomicLong inDoubt = new AtomicLong();
  final AtomicLong inDoubtKept = new AtomicLong();
  final AtomicLong reconnects = new AtomicLong();
  final AtomicLong snapshots = new AtomicLong();

  /** Events this store committed. */
  public long eventsKept() {
    return eventsKept.get();
  }

  /** Transactions that committed events (one per batch). */
  public long transactions() {
    return transactions.get();
  }

  /** Batches refused because another writer kept their first sequence. */
  public long conflicts() {
    return conflicts.get();
  }

  /** Batches that failed for any reason, conflicts included. */
  public long failedBatches() {
    return failedBatches.get();
  }

  /** Commits whose connection broke, so that the outcome had to be read back. */
  public long inDoubt() {
    return inDoubt.get();
  }

  /** Of those, the ones found kept. */
  public long inDoubtKept() {
    return inDoubtKept.get();
  }

  /** Writer connections opened after the first. */
  public long reconnects() {
    return reconnects.get();
  }

  /** Snapshots written by this store. */
  public long snapshots() {
    return snapshots.get();
  }
}
