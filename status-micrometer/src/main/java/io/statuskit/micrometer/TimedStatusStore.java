package io.statuskit.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Subscription;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreConflictException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StatusStore} that times each commit of the store it wraps (any store: in memory,
 * journal, PostgreSQL) as a {@value StatusKitMeters#STORE_COMMITS} timer tagged {@code outcome}:
 * {@code ok} once the event is durable, {@code conflict} when another writer kept that version
 * first, {@code failed} when the store could not keep it. The time runs from the call to {@link
 * #append} until its stage completes, so for a journal it includes waiting for the group's fsync.
 * Everything else is passed through untouched.
 *
 * <pre>{@code
 * StatusTracker tracker = StatusTracker.builder()
 *     .store(TimedStatusStore.wrap(JournalStatusStore.open(Path.of("statuskit-data")), registry))
 *     .build();
 * }</pre>
 *
 * <p>The timer is recorded before the stage the tracker waits on completes, so a command that has
 * returned has its commit counted. Durations come from the registry's clock. Thread-safe as the
 * wrapped store is.
 */
public final class TimedStatusStore implements StatusStore {
  private final StatusStore store;
  private final MeterRegistry registry;

  private TimedStatusStore(StatusStore store, MeterRegistry registry) {
    this.store = requireNonNull(store, "store");
    this.registry = requireNonNull(registry, "registry");
  }

  /**
   * Wraps {@code store}, timing its commits into {@code registry}; closing the result closes it.
   *
   * @param store the store to time
   * @param registry where the timer lives
   * @return the timed store
   */
  public static TimedStatusStore wrap(StatusStore store, MeterRegistry registry) {
    return new TimedStatusStore(store, registry);
  }

  /** The store this one times. */
  public StatusStore delegate() {
    return store;
  }

  @Override
  public StatusBoard load() {
    return store.load();
  }

  @Override
  public CompletionStage<Void> append(StatusEvent event, StatusBoard after) {
    Timer.Sample sample = Timer.start(registry);
    CompletionStage<Void> durable;
    try {
      durable = store.append(event, after);
    } catch (RuntimeException e) {
      sample.stop(timer(e));
      throw e;
    }
    // The dependent stage completes on the thread that completed the store's, right after the
    // timer is recorded; stages still complete in sequence order.
    return durable.whenComplete((ok, failure) -> sample.stop(timer(failure)));
  }

  @Override
  public List<StatusEvent> eventsAfter(long version) {
    return store.eventsAfter(version);
  }

  @Override
  public Subscription follow(Runnable listener) {
    return store.follow(listener);
  }

  @Override
  public void close() {
    store.close();
  }

  private Timer timer(@Nullable Throwable failure) {
    return Timer.builder(StatusKitMeters.STORE_COMMITS)
        .description("Store appends, from the call until the event is durable or refused")
        .tags("outcome", outcome(failure))
        .register(registry);
  }

  private static String outcome(@Nullable Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return "ok";
    }
    return cause instanceof StoreConflictException ? "conflict" : "failed";
  }

  @Override
  public String toString() {
    return "TimedStatusStore[" + store + "]";
  }
}
