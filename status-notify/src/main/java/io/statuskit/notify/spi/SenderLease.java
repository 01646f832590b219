package io.statuskit.notify.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The right to send notifications, held by one notifier at a time among those sharing a {@link
 * NotificationStore}. Immutable and thread-safe.
 *
 * @param holder who holds it (a notifier's node name)
 * @param fencingToken grows every time the lease changes hands (or is taken again after it
 *     expired); cursor writes carry it, and a store refuses them once a newer token was handed out
 */
public record SenderLease(String holder, long fencingToken) {
  /** Checks the parts. */
  public SenderLease {
    requireNonNull(holder, "holder");
    checkArgument(!holder.isBlank(), "holder must not be blank");
    checkArgument(fencingToken > 0, "fencingToken must be positive: %s", fencingToken);
  }
}
