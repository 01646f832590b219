package io.statuskit.notify.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.base.Ticker;
import io.statuskit.notify.spi.SenderElection;
import io.statuskit.notify.spi.SenderLease;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A sender election within one JVM: for one node (where it always grants the lease to the one
 * notifier), or for several notifiers sharing one {@link InMemoryNotificationStore} in a test.
 * Thread-safe.
 */
public final class InProcessSenderElection implements SenderElection {
  private final Ticker ticker;
  private @Nullable String holder; // guarded by this
  private long token; // guarded by this
  private long expiresAt; // guarded by this, ticker nanos

  /** An election on the system ticker. */
  public InProcessSenderElection() {
    this(Ticker.systemTicker());
  }

  /** An election on {@code ticker} (tests move time by hand). */
  public InProcessSenderElection(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public synchronized Optional<SenderLease> tryAcquire(String holder, Duration duration) {
    requireNonNull(holder, "holder");
    requireNonNull(duration, "duration");
    checkArgument(!duration.isNegative() && !duration.isZero(), "duration must be positive: %s", duration);
    long now = ticker.read();
    boolean valid = this.holder != null && expiresAt - now > 0;
    if (valid && !holder.equals(this.holder)) {
      return Optional.empty();
    }
    if (!valid) {
      token++;
      this.holder = holder;
    }
    expiresAt = now + duration.toNanos();
    return Optional.of(new SenderLease(holder, token));
  }

  @Override
  public synchronized void release(SenderLease lease) {
    requireNonNull(lease, "lease");
    if (lease.fencingToken() == token && lease.holder().equals(holder)) {
      expiresAt = ticker.read();
      holder = null;
    }
  }

  /** Whether {@code fencingToken} is the newest token handed out (a store's fence check). */
  public synchronized boolean isCurrent(long fencingToken) {
    return fencingToken == token;
  }

  /** The holder of a lease that has not expired, if any. */
  public synchronized Optional<String> holder() {
    return holder != null && expiresAt - ticker.read() > 0 ? Optional.of(holder) : Optional.empty();
  }

  @Override
  public void close() {
    // nothing to release
  }
}
