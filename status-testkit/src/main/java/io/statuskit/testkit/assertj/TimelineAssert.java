package io.statuskit.testkit.assertj;

import io.statuskit.core.Outage;
import io.statuskit.core.Status;
import io.statuskit.core.StatusChange;
import io.statuskit.core.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a server's {@link Timeline}: its outages (as the page words them), downtime and
 * uptime. Failure messages show the changes the timeline holds. Not thread-safe (one per
 * assertion chain, as AssertJ's).
 */
public final class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {
  /** How close two uptime percentages must be to count as equal. */
  public static final double UPTIME_TOLERANCE = 1e-9;

  TimelineAssert(Timeline actual) {
    super(actual, TimelineAssert.class);
  }

  /**
   * Checks the whole history holds exactly one outage and that it reads as given in UTC, such as
   * "down for eight minutes between 07:09 and 07:17 UTC".
   */
  public TimelineAssert hasOutage(String description) {
    return hasOutages(ZoneOffset.UTC, description);
  }

  /** Checks the whole history holds exactly one outage, described in {@code zone} as given. */
  public TimelineAssert hasOutage(String description, ZoneId zone) {
    return hasOutages(zone, description);
  }

  /** Checks the outages of the whole history, oldest first, described in {@code zone}. */
  public TimelineAssert hasOutages(ZoneId zone, String... descriptions) {
    isNotNull();
    List<String> actualOutages = describe(actual.outages(), zone);
    if (!actualOutages.equals(Arrays.asList(descriptions))) {
      failWithActualExpectedAndMessage(
          actualOutages, Arrays.asList(descriptions),
          "Expecting %s to have outages%n  %s%nbut it has%n  %s%nTimeline:%n%s",
          actual.serverId(), Arrays.asList(descriptions), actualOutages, changes());
    }
    return this;
  }

  /** Checks the server never was in outage. */
  public TimelineAssert hasNoOutages() {
    return hasOutages(ZoneOffset.UTC);
  }

  /**
   * Checks the total length of the history's outages, all of which must have ended.
   *
   * @see #hasDowntime(Duration, Instant, Instant) for a window that cuts an ongoing outage
   */
  public TimelineAssert hasDowntime(Duration downtime) {
    isNotNull();
    List<Outage> outages = actual.outages();
    Duration total = Duration.ZERO;
    for (Outage outage : outages) {
      if (outage.isOngoing()) {
        failWithMessage(
            "Expecting %s to have %s of downtime but it is still down since %s%nTimeline:%n%s",
            actual.serverId(), downtime, outage.start(), changes());
      }
      total = total.plus(outage.duration());
    }
    if (!total.equals(downtime)) {
      failWithActualExpectedAndMessage(
          total, downtime, "Expecting %s to have %s of downtime but it has %s in %s%nTimeline:%n%s",
          actual.serverId(), downtime, total, describe(outages, ZoneOffset.UTC), changes());
    }
    return this;
  }

  /** Checks the downtime within {@code [from, to)}. */
  public TimelineAssert hasDowntime(Duration downtime, Instant from, Instant to) {
    isNotNull();
    Duration down = actual.downtime(from, to);
    if (!down.equals(downtime)) {
      failWithActualExpectedAndMessage(
          down, downtime, "Expecting %s to have %s of downtime in [%s, %s) but it has %s%nTimeline:%n%s",
          actual.serverId(), downtime, from, to, down, changes());
    }
    return this;
  }

  /** Checks the uptime percentage over {@code [from, to)}, to within {@link #UPTIME_TOLERANCE}. */
  public TimelineAssert hasUptimePercent(double percent, Instant from, Instant to) {
    isNotNull();
    double uptime = actual.uptimePercent(from, to);
    if (Math.abs(uptime - percent) > UPTIME_TOLERANCE) {
      failWithActualExpectedAndMessage(
          uptime, percent, "Expecting %s to be up %s%% of [%s, %s) but it was up %s%%%nTimeline:%n%s",
          actual.serverId(), percent, from, to, uptime, changes());
    }
    return this;
  }

  /** Checks the status at an instant. */
  public TimelineAssert hasStatusAt(Instant instant, Status status) {
    isNotNull();
    Status at = actual.statusAt(instant);
    if (at != status) {
      failWithActualExpectedAndMessage(
          at, status, "Expecting %s to be %s at %s but it was %s%nTimeline:%n%s", actual.serverId(), status.key(),
          instant, at.key(), changes());
    }
    return this;
  }

  private String changes() {
    if (actual.changes().isEmpty()) {
      return "  (no changes)";
    }
    return actual.changes().stream()
        .map((StatusChange c) -> "  " + c.at() + " " + c.status().key())
        .collect(Collectors.joining("\n"));
  }

  private static List<String> describe(List<Outage> outages, ZoneId zone) {
    return outages.stream().map(o -> o.describe(zone)).collect(Collectors.toList());
  }
}
