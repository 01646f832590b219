package io.statuskit.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statuskit.core.Command;
import io.statuskit.core.spi.CommandObserver;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.spi.StoreException;
import org.jspecify.annotations.Nullable;

/**
 * Times every command a {@link io.statuskit.core.StatusTracker} executes, as a {@value
 * StatusKitMeters#TRACKER_COMMANDS} timer tagged {@code command} (the command's type: {@code
 * ReportHealth}, {@code OpenIncident}, ...) and {@code outcome}: {@code ok}; {@code rejected} for
 * a command the board refused (a bad value, a conflict with the board); {@code conflict} when
 * other writers of a shared store kept every attempt's version first; {@code store_failed} when
 * the store could not keep it; {@code error} otherwise. The time runs from the call until it
 * returns, so it includes waiting for the store (see {@link TimedStatusStore} for the store alone).
 *
 * <pre>{@code
 * StatusTracker tracker = StatusTracker.builder()
 *     .commandObserver(TrackerMetrics.of(registry))
 *     .build();
 * }</pre>
 *
 * <p>Durations come from the registry's clock. Thread-safe.
 */
public final class TrackerMetrics implements CommandObserver {
  private final MeterRegistry registry;

  private TrackerMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry");
  }

  /** An observer that times commands into {@code registry}. */
  public static TrackerMetrics of(MeterRegistry registry) {
    return new TrackerMetrics(registry);
  }

  @Override
  public Execution started(Command command) {
    String type = command.getClass().getSimpleName();
    Timer.Sample sample = Timer.start(registry);
    return (event, failure) -> sample.stop(timer(type, failure));
  }

  private Timer timer(String command, @Nullable RuntimeException failure) {
    return Timer.builder(StatusKitMeters.TRACKER_COMMANDS)
        .description("Tracker commands, from the call until the store holds the event or the command fails")
        .tags("command", command, "outcome", outcome(failure))
        .register(registry);
  }

  private static String outcome(@Nullable RuntimeException failure) {
    if (failure == null) {
      return "ok";
    } else if (failure instanceof StoreConflictException) {
      return "conflict";
    } else if (failure instanceof StoreException) {
      return "store_failed";
    } else if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
      return "rejected";
    }
    return "error";
  }
}
