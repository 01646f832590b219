package io.statuskit.testkit.assertj;

import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link Incident} (or maintenance, or notice): its state, lifecycle, length,
 * updates, servers and tags. Failure messages list the updates it holds. Not thread-safe (one per
 * assertion chain, as AssertJ's).
 */
public final class IncidentAssert extends AbstractAssert<IncidentAssert, Incident> {

  IncidentAssert(Incident actual) {
    super(actual, IncidentAssert.class);
  }

  /** Checks the current state. */
  public IncidentAssert hasState(IncidentState state) {
    isNotNull();
    if (actual.state() != state) {
      failWithActualExpectedAndMessage(
          actual.state(), state, "Expecting %s to be %s but it is %s%nUpdates:%n%s", actual.id(), state.key(),
          actual.state().key(), updates());
    }
    return this;
  }

  /** Checks the incident was resolved (a postmortem may have followed). */
  public IncidentAssert isResolved() {
    isNotNull();
    if (actual.state() != IncidentState.RESOLVED && actual.state() != IncidentState.POSTMORTEM) {
      failWithMessage("Expecting %s to be resolved but it is %s%nUpdates:%n%s", actual.id(), actual.state().key(), updates());
    }
    return this;
  }

  /** Checks the lifecycle is still going. */
  public IncidentAssert isOpen() {
    isNotNull();
    if (!actual.isOpen()) {
      failWithMessage("Expecting %s to be open but it is %s since %s", actual.id(), actual.state().key(), closedAt());
    }
    return this;
  }

  /** Checks the lifecycle is over (resolved, completed, cancelled or posted). */
  public IncidentAssert isClosed() {
    isNotNull();
    if (actual.isOpen()) {
      failWithMessage("Expecting %s to be closed but it is still %s%nUpdates:%n%s", actual.id(), actual.state().key(), updates());
    }
    return this;
  }

  /** Checks the kind: incident, maintenance or notice. */
  public IncidentAssert isKind(IncidentKind kind) {
    isNotNull();
    if (actual.kind() != kind) {
      failWithMessage("Expecting %s to be a %s but it is a %s", actual.id(), kind.key(), actual.kind().key());
    }
    return this;
  }

  /** Checks the title. */
  public IncidentAssert hasTitle(String title) {
    isNotNull();
    if (!actual.title().equals(title)) {
      failWithActualExpectedAndMessage(
          actual.title(), title, "Expecting %s to have title%n  \"%s\"%nbut it has%n  \"%s\"", actual.id(), title, actual.title());
    }
    return this;
  }

  /** Checks the impact. */
  public IncidentAssert hasImpact(Impact impact) {
    isNotNull();
    if (actual.impact() != impact) {
      failWithMessage("Expecting %s to have impact %s but it has %s", actual.id(), impact.key(), actual.impact().key());
    }
    return this;
  }

  /** Checks it lasted exactly this long from its first update to its close. */
  public IncidentAssert lastedExactly(Duration duration) {
    isNotNull();
    Optional<Duration> lasted = actual.duration();
    if (lasted.isEmpty()) {
      failWithMessage(
          "Expecting %s to have lasted exactly %s but it is still %s since %s", actual.id(), duration,
          actual.state().key(), actual.createdAt());
    } else if (!lasted.get().equals(duration)) {
      failWithActualExpectedAndMessage(
          lasted.get(), duration, "Expecting %s to have lasted exactly %s but it lasted %s, from %s to %s",
          actual.id(), duration, lasted.get(), actual.createdAt(), closedAt());
    }
    return this;
  }

  /** Checks how many updates it has, addenda included. */
  public IncidentAssert hasUpdateCount(int count) {
    isNotNull();
    if (actual.updates().size() != count) {
      failWithMessage(
          "Expecting %s to have %s updates but it has %s:%n%s", actual.id(), count, actual.updates().size(), updates());
    }
    return this;
  }

  /** Checks how many of its updates are addenda. */
  public IncidentAssert hasAddendumCount(int count) {
    isNotNull();
    long addenda = actual.updates().stream().filter(IncidentUpdate::addendum).count();
    if (addenda != count) {
      failWithMessage("Expecting %s to have %s addenda but it has %s:%n%s", actual.id(), count, addenda, updates());
    }
    return this;
  }

  /** Checks the states its updates moved through, oldest first, addenda included. */
  public IncidentAssert hasStates(IncidentState... states) {
    isNotNull();
    List<IncidentState> actualStates = actual.updates().stream().map(IncidentUpdate::state).collect(Collectors.toList());
    if (!actualStates.equals(Arrays.asList(states))) {
      failWithActualExpectedAndMessage(
          actualStates, Arrays.asList(states), "Expecting %s to have gone through %s but it went through %s",
          actual.id(), Arrays.asList(states), actualStates);
    }
    return this;
  }

  /** Checks it was opened at this instant. */
  public IncidentAssert wasCreatedAt(Instant instant) {
    isNotNull();
    if (!actual.createdInstant().equals(instant)) {
      failWithActualExpectedAndMessage(
          actual.createdInstant(), instant, "Expecting %s to have been opened at %s but it was opened at %s",
          actual.id(), instant, actual.createdInstant());
    }
    return this;
  }

  /** Checks it concerns at least these servers. */
  public IncidentAssert affects(String... serverIds) {
    isNotNull();
    List<String> missing = new ArrayList<>();
    for (String id : serverIds) {
      if (!actual.affects(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      failWithMessage(
          "Expecting %s to affect %s but it does not affect %s; it affects %s", actual.id(), Arrays.asList(serverIds),
          missing, actual.affected().keySet());
    }
    return this;
  }

  /** Checks its tags are exactly these labels (compared by slug), in any order. */
  public IncidentAssert hasTags(String... labels) {
    isNotNull();
    Set<String> expected = Arrays.stream(labels).map(l -> Tag.of(l).slug()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> actualTags = actual.tags().stream().map(Tag::slug).collect(Collectors.toCollection(TreeSet::new));
    if (!expected.equals(actualTags)) {
      failWithActualExpectedAndMessage(
          actualTags, expected, "Expecting %s to have tags %s but it has %s", actual.id(), expected, actualTags);
    }
    return this;
  }

  /** Checks its latest update's body contains this text. */
  public IncidentAssert hasLatestBodyContaining(String text) {
    isNotNull();
    String body = actual.latestUpdate().body().text();
    if (!body.contains(text)) {
      failWithMessage("Expecting the latest update of %s to contain%n  \"%s\"%nbut it reads%n  \"%s\"", actual.id(), text, body);
    }
    return this;
  }

  private String closedAt() {
    return actual.closedAt().map(OffsetDateTime::toString).orElse("-");
  }

  private String updates() {
    return actual.updates().stream()
        .map(u -> "  " + u.id() + " " + u.time() + " " + u.state().key() + (u.addendum() ? " (addendum)" : ""))
        .collect(Collectors.joining("\n"));
  }
}
