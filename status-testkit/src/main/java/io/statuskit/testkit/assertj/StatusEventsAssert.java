package io.statuskit.testkit.assertj;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusEvent;
import io.statuskit.testkit.internal.Describe;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.Condition;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions on a list of {@link StatusEvent}s, with everything AssertJ's list assertions offer
 * plus matching by {@link StatusEventConditions}. Failure messages list the events one a line.
 * Not thread-safe (one per assertion chain, as AssertJ's).
 */
public final class StatusEventsAssert
    extends AbstractListAssert<StatusEventsAssert, List<StatusEvent>, StatusEvent, ObjectAssert<StatusEvent>> {

  StatusEventsAssert(List<? extends StatusEvent> actual) {
    super(ImmutableList.copyOf(actual), StatusEventsAssert.class);
  }

  /**
   * Checks that events matching the conditions occur in this order, others possibly between them.
   * The failure message names the first condition no later event meets and lists the events.
   */
  @SafeVarargs
  public final StatusEventsAssert containsSubsequence(Condition<? super StatusEvent>... conditions) {
    isNotNull();
    int next = 0;
    long lastMatched = -1;
    for (int c = 0; c < conditions.length; c++) {
      boolean found = false;
      while (next < actual.size()) {
        StatusEvent event = actual.get(next++);
        if (conditions[c].matches(event)) {
          found = true;
          lastMatched = event.sequence();
          break;
        }
      }
      if (!found) {
        failWithMessage(
            "Expecting events to contain, in this order:%n%s%nbut no event %s meets%n  %s%nEvents:%n%s",
            listing(conditions), c == 0 ? "at all" : "after #" + lastMatched, conditions[c], Describe.events(actual));
      }
    }
    return this;
  }

  /** Checks each event's sequence is one more than the one before it. */
  public StatusEventsAssert isInSequenceOrder() {
    isNotNull();
    for (int i = 1; i < actual.size(); i++) {
      if (actual.get(i).sequence() != actual.get(i - 1).sequence() + 1) {
        failWithMessage(
            "Expecting events in sequence order but #%s follows #%s%nEvents:%n%s",
            actual.get(i).sequence(), actual.get(i - 1).sequence(), Describe.events(actual));
      }
    }
    return this;
  }

  @Override
  protected ObjectAssert<StatusEvent> toAssert(StatusEvent value, String description) {
    return new ObjectAssert<>(value).as(description);
  }

  @Override
  protected StatusEventsAssert newAbstractIterableAssert(Iterable<? extends StatusEvent> iterable) {
    return new StatusEventsAssert(ImmutableList.copyOf(iterable));
  }

  @SafeVarargs
  private static String listing(Condition<? super StatusEvent>... conditions) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < conditions.length; i++) {
      text.append("  ").append(i + 1).append(". ").append(conditions[i]);
      if (i + 1 < conditions.length) {
        text.append('\n');
      }
    }
    return text.toString();
  }
}
