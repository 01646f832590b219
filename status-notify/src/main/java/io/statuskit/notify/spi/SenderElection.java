package io.statuskit.notify.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Picks the one notifier that sends, among notifiers on several nodes sharing a {@link
 * NotificationStore}: a lease with an expiry and a fencing token. The holder renews it well
 * before it expires; when the holder stops renewing (it died, hangs, or lost the store), another
 * node takes it over once it expired, with a larger fencing token. A notifier sends only while its
 * lease is valid by its own clock, and writes cursors with {@link
 * NotificationStore#record(java.util.List, java.util.Map, long)}, which the store refuses once a
 * newer token exists: a paused old holder cannot move a cursor the new one relies on.
 *
 * <p>Implementations are thread-safe.
 */
public interface SenderElection extends AutoCloseable {
  /**
   * Takes the lease for {@code holder}, or renews it when {@code holder} holds it, so that it
   * expires {@code duration} from now (by the election's clock, the database's for a shared
   * store).
   *
   * @return the lease when {@code holder} holds it now; empty when another holder's lease has not
   *     expired yet
   * @throws RuntimeException (such as a {@code StoreException}) when the election cannot be
   *     reached; the caller must then treat its lease as lost once it expires
   */
  Optional<SenderLease> tryAcquire(String holder, Duration duration);

  /** Gives the lease up at once when {@code lease} is still the current one, so another node takes over without waiting. */
  void release(SenderLease lease);

  /** Releases connections; later calls fail. */
  @Override
  void close();
}
