package io.statuskit.notify.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.spi.NotificationState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable state both notification stores apply their operations to. Not thread-safe. */
public final class StateBuilder {
  private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
  private final Map<String, Long> cursors = new LinkedHashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  /** Adds or replaces a subscriber and sets its cursor to its {@code since}. */
  public void put(Subscriber subscriber) {
    subscribers.put(subscriber.id(), subscriber);
    cursors.put(subscriber.id(), subscriber.since());
  }

  /** Removes a subscriber, its cursor and its dead letters. */
  public void remove(String subscriberId) {
    subscribers.remove(subscriberId);
    cursors.remove(subscriberId);
    clearDeadLetters(subscriberId);
  }

  /** Keeps dead letters of known subscribers and moves known cursors forward. */
  public void record(List<DeadLetter> letters, Map<String, Long> newCursors) {
    for (DeadLetter letter : letters) {
      if (subscribers.containsKey(letter.subscriberId())) {
        deadLetters.add(letter);
      }
    }
    newCursors.forEach(
        (id, cursor) -> {
          Long kept = cursors.get(id);
          if (kept != null && cursor > kept) {
            cursors.put(id, cursor);
          }
        });
  }

  /** Forgets a subscriber's dead letters. */
  public void clearDeadLetters(String subscriberId) {
    deadLetters.removeIf(letter -> letter.subscriberId().equals(subscriberId));
  }

  /** An immutable copy. */
  public NotificationState build() {
    return new NotificationState(
        ImmutableMap.copyOf(subscribers), ImmutableMap.copyOf(cursors), ImmutableList.copyOf(deadLetters));
  }
}
