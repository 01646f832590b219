package io.statuskit.notify.spi;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;

/**
 * What a {@link NotificationStore} holds. Immutable and thread-safe.
 *
 * @param subscribers the subscribers, by id
 * @param cursors per subscriber id, the board version through which every event was delivered,
 *     dead-lettered or found not to concern them (at least the subscriber's {@code since})
 * @param deadLetters notifications given up on, oldest first
 */
public record NotificationState(
    ImmutableMap<String, Subscriber> subscribers,
    ImmutableMap<String, Long> cursors,
    ImmutableList<DeadLetter> deadLetters) {
  /** Checks the parts are present. */
  public NotificationState {
    requireNonNull(subscribers, "subscribers");
    requireNonNull(cursors, "cursors");
    requireNonNull(deadLetters, "deadLetters");
  }

  /** Nothing kept. */
  public static NotificationState empty() {
    return new NotificationState(ImmutableMap.of(), ImmutableMap.of(), ImmutableList.of());
  }
}
