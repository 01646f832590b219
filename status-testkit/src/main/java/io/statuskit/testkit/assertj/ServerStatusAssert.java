package io.statuskit.testkit.assertj;

import io.statuskit.core.Location;
import io.statuskit.core.Retirement;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a server as a board sees it: its effective status, description, retirement and
 * history ({@link #timeline()}). Not thread-safe (one per assertion chain, as AssertJ's).
 */
public final class ServerStatusAssert extends AbstractAssert<ServerStatusAssert, ServerStatus> {

  ServerStatusAssert(ServerStatus actual) {
    super(actual, ServerStatusAssert.class);
  }

  /** Checks the effective status (worst of observation, open incidents and maintenance). */
  public ServerStatusAssert hasStatus(Status status) {
    isNotNull();
    if (actual.status() != status) {
      failWithActualExpectedAndMessage(
          actual.status(), status,
          "Expecting server %s to have status %s but it has %s (last observed %s at %s, since %s)",
          actual.id(), status.key(), actual.status().key(), actual.observed().key(), actual.observedAt(),
          actual.timeline().currentSince().map(Instant::toString).orElse("-"));
    }
    return this;
  }

  /** Checks the last observed status (before incidents and maintenance are considered). */
  public ServerStatusAssert hasObservedStatus(Status status) {
    isNotNull();
    if (actual.observed() != status) {
      failWithActualExpectedAndMessage(
          actual.observed(), status, "Expecting server %s to have been observed %s but it was observed %s at %s",
          actual.id(), status.key(), actual.observed().key(), actual.observedAt());
    }
    return this;
  }

  /** Checks the server has been retired. */
  public ServerStatusAssert isRetired() {
    isNotNull();
    if (!actual.server().isRetired()) {
      failWithMessage("Expecting server %s to be retired but it is in service", actual.id());
    }
    return this;
  }

  /** Checks the server was retired and replaced by {@code replacementId}. */
  public ServerStatusAssert isReplacedBy(String replacementId) {
    isRetired();
    Retirement retirement = Objects.requireNonNull(actual.server().retirement());
    if (!replacementId.equals(retirement.replacedBy())) {
      failWithMessage(
          "Expecting server %s to be replaced by %s but it was replaced by %s", actual.id(), replacementId,
          retirement.replacedBy() == null ? "nothing" : retirement.replacedBy());
    }
    return this;
  }

  /** Checks the server is in service (not retired). */
  public ServerStatusAssert isInService() {
    isNotNull();
    Retirement retirement = actual.server().retirement();
    if (retirement != null) {
      failWithMessage("Expecting server %s to be in service but it was retired at %s", actual.id(), retirement.at());
    }
    return this;
  }

  /** Checks the server is public or internal. */
  public ServerStatusAssert hasVisibility(Visibility visibility) {
    isNotNull();
    if (actual.server().visibility() != visibility) {
      failWithMessage(
          "Expecting server %s to be %s but it is %s", actual.id(), visibility.key(), actual.server().visibility().key());
    }
    return this;
  }

  /** Checks the role, such as "Mail server". */
  public ServerStatusAssert hasRole(String role) {
    isNotNull();
    if (!role.equals(actual.server().role())) {
      failWithActualExpectedAndMessage(
          actual.server().role(), role, "Expecting server %s to have role %s but it has %s", actual.id(), role,
          actual.server().role());
    }
    return this;
  }

  /** Checks the location by city and ISO country code. */
  public ServerStatusAssert isLocatedIn(String city, String countryCode) {
    isNotNull();
    Location location = actual.server().location();
    if (location == null || !location.city().equals(city) || !location.countryCode().equals(countryCode)) {
      failWithMessage(
          "Expecting server %s to be in %s, %s but it is in %s", actual.id(), city, countryCode,
          location == null ? "no known place" : location.city() + ", " + location.countryCode());
    }
    return this;
  }

  /** Goes on to the server's timeline. */
  public TimelineAssert timeline() {
    isNotNull();
    return new TimelineAssert(actual.timeline());
  }

  /** Checks the server had exactly one outage, described in UTC as given; see {@link TimelineAssert#hasOutage}. */
  public ServerStatusAssert hasOutage(String description) {
    timeline().hasOutage(description);
    return this;
  }

  /** Checks the server never was in outage. */
  public ServerStatusAssert hasNoOutages() {
    timeline().hasNoOutages();
    return this;
  }

  /** Checks the server's total downtime over its ended outages; see {@link TimelineAssert#hasDowntime}. */
  public ServerStatusAssert hasDowntime(Duration downtime) {
    timeline().hasDowntime(downtime);
    return this;
  }
}
