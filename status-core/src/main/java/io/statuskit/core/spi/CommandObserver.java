package io.statuskit.core.spi;

import io.statuskit.core.Command;
import io.statuskit.core.StatusEvent;
import org.jspecify.annotations.Nullable;

/**
 * Told of every command a {@link io.statuskit.core.StatusTracker} executes, from the call to the
 * moment it returns or throws, so a host can time and count commands (status-micrometer's {@code
 * TrackerMetrics} is one). Set it with {@code StatusTracker.Builder.commandObserver}.
 *
 * <p>Both calls run on the thread that executes the command, so they must be quick and must not
 * block; an exception thrown by either is logged and does not affect the command. The observer
 * keeps its own clock: the tracker measures nothing for it. Implementations must be thread-safe,
 * since commands execute concurrently.
 */
public interface CommandObserver {
  /** An observer that does nothing; the default. */
  CommandObserver NONE = command -> Execution.NONE;

  /**
   * A command is about to be checked and kept.
   *
   * @param command the command
   * @return what to tell when the command is done
   */
  Execution started(Command command);

  /** One command's execution, told once how it ended. */
  interface Execution {
    /** An execution that ignores its end. */
    Execution NONE = (event, failure) -> {};

    /**
     * The command returned or threw.
     *
     * @param event the event the store now holds, or null when the command failed
     * @param failure why it failed ({@link IllegalArgumentException} or {@link
     *     IllegalStateException} when refused, {@link StoreException} when the store could not
     *     keep it), or null when it succeeded
     */
    void finished(@Nullable StatusEvent event, @Nullable RuntimeException failure);
  }
}
