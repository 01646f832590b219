package io.statuskit.store.postgres.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.statuskit.notify.spi.SenderElection;
import io.statuskit.notify.spi.SenderLease;
import java.time.Duration;
import java.util.Optional;

/**
 * The sender election on the {@code notify_leases} row, over its own connection (so a slow
 * cursor write never delays a renewal). Thread-safe.
 */
public final class PostgresSenderElection implements SenderElection {
  private final NotificationTables tables;

  /** An election on {@code tables}, which it owns. */
  public PostgresSenderElection(NotificationTables tables) {
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public Optional<SenderLease> tryAcquire(String holder, Duration duration) {
    requireNonNull(holder, "holder");
    requireNonNull(duration, "duration");
    checkArgument(!duration.isNegative() && !duration.isZero(), "duration must be positive: %s", duration);
    long token = tables.acquire(holder, Math.max(1, duration.toMillis()));
    return token == 0 ? Optional.empty() : Optional.of(new SenderLease(holder, token));
  }

  @Override
  public void release(SenderLease lease) {
    requireNonNull(lease, "lease");
    tables.release(lease.holder(), lease.fencingToken());
  }

  @Override
  public void close() {
    tables.close();
  }
}
