package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Impact;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When and how the {@link Monitor} opens and resolves incidents by itself: it opens one when a
 * server has been hard-down for {@link #openAfter} ({@code "NC027: Mail server shut down"}) and,
 * when the server answers again, resolves it with the computed downtime ({@code "NC027: Mail
 * server back online. It was down for eight minutes between 07:09 and 07:17 UTC."}), or, when
 * {@link #autoResolve} is off, posts a "monitoring" update ({@link #recoveryBody}) and leaves the
 * resolution to a person. A flapping server opens no incident and resolves none until it settles.
 * One outage gets one incident, also across monitor restarts, crashes and several monitors: the
 * board keeps the incident with the origin {@code monitor:<id>} and refuses a second.
 *
 * <p>Templates may use {@code {id}}, {@code {name}}, {@code {detail}} (the failing probes'
 * messages) and, after the first one, {@code {outage}} (the downtime sentence from {@link
 * io.statuskit.core.Outage#describe}: "down since 07:09 UTC" while it lasts, "down for eight
 * minutes between 07:09 and 07:17 UTC" or "down for seven seconds at 13:09 UTC" once over).
 *
 * <p>Immutable and thread-safe.
 *
 * @param title the incident title template
 * @param openingBody the first update's template
 * @param resolutionBody the resolution's template
 * @param impact the incident's impact
 * @param zone the time zone of times in texts
 * @param openAfter how long a server must be hard-down before the incident opens (zero: at once),
 *     counted from the outage's start
 * @param resolutionTitle the resolving update's own title template, or null for none
 * @param autoResolve whether the monitor resolves the incident when the server answers again, or
 *     posts a "monitoring" update and leaves the resolution to a person
 * @param recoveryBody the "monitoring" update's template when {@code autoResolve} is off
 * @param servers the servers the policy applies to; empty for every server
 */
public record IncidentPolicy(
    String title,
    String openingBody,
    String resolutionBody,
    Impact impact,
    ZoneId zone,
    Duration openAfter,
    @Nullable String resolutionTitle,
    boolean autoResolve,
    String recoveryBody,
    ImmutableSet<String> servers) {

  /** The default title template. */
  public static final String DEFAULT_TITLE = "{id}: {name} unreachable";

  /** The default opening template. */
  public static final String DEFAULT_OPENING =
      "Our monitoring finds {id} ({name}) unreachable: {detail}. We are investigating.";

  /** The default resolution template. */
  public static final String DEFAULT_RESOLUTION = "{id}: {name} is back online. It was {outage}.";

  /** The default title of the resolving update. */
  public static final String DEFAULT_RESOLUTION_TITLE = "{id}: {name} back online";

  /** The default "monitoring" template, used when a person resolves the incident. */
  public static final String DEFAULT_RECOVERY =
      "Monitoring: the server answers again. {id} ({name}) was {outage}. We are watching it and will"
          + " resolve this incident once we are sure.";

  private static final IncidentPolicy DEFAULTS =
      new IncidentPolicy(
          DEFAULT_TITLE,
          DEFAULT_OPENING,
          DEFAULT_RESOLUTION,
          Impact.MAJOR,
          ZoneOffset.UTC,
          Duration.ZERO,
          DEFAULT_RESOLUTION_TITLE,
          true,
          DEFAULT_RECOVERY,
          ImmutableSet.of());

  /** Validates every part. */
  public IncidentPolicy {
    requireNonNull(title, "title");
    checkArgument(!title.isBlank(), "incident title must not be blank: \"%s\"", title);
    requireNonNull(openingBody, "openingBody");
    requireNonNull(resolutionBody, "resolutionBody");
    requireNonNull(impact, "impact");
    requireNonNull(zone, "zone");
    requireNonNull(openAfter, "openAfter");
    checkArgument(!openAfter.isNegative(), "openAfter must not be negative: %s", openAfter);
    checkArgument(
        resolutionTitle == null || !resolutionTitle.isBlank(), "resolutionTitle must not be blank: \"%s\"", resolutionTitle);
    requireNonNull(recoveryBody, "recoveryBody");
    requireNonNull(servers, "servers");
  }

  /**
   * The templates of earlier versions: opens at once, resolves by itself, for every server, and no
   * title on the resolving update.
   */
  public IncidentPolicy(String title, String openingBody, String resolutionBody, Impact impact, ZoneId zone) {
    this(title, openingBody, resolutionBody, impact, zone, Duration.ZERO, null, true, DEFAULT_RECOVERY, ImmutableSet.of());
  }

  /** The defaults shown above: at once, resolved by the monitor, major impact, times in UTC, every server. */
  public static IncidentPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** These templates with another title. */
  public IncidentPolicy withTitle(String template) {
    return new IncidentPolicy(
        template, openingBody, resolutionBody, impact, zone, openAfter, resolutionTitle, autoResolve, recoveryBody, servers);
  }

  /** This policy with times in another zone. */
  public IncidentPolicy withZone(ZoneId newZone) {
    return new IncidentPolicy(
        title, openingBody, resolutionBody, impact, newZone, openAfter, resolutionTitle, autoResolve, recoveryBody, servers);
  }

  /** This policy opening an incident only once a server has been hard-down for {@code delay}. */
  public IncidentPolicy withOpenAfter(Duration delay) {
    return new IncidentPolicy(
        title, openingBody, resolutionBody, impact, zone, delay, resolutionTitle, autoResolve, recoveryBody, servers);
  }

  /**
   * This policy leaving the resolution to a person ({@code false}): on recovery the incident gets a
   * "monitoring" update made from {@link #recoveryBody} and stays open.
   */
  public IncidentPolicy withAutoResolve(boolean resolve) {
    return new IncidentPolicy(
        title, openingBody, resolutionBody, impact, zone, openAfter, resolutionTitle, resolve, recoveryBody, servers);
  }

  /** This policy for these servers only (none: every server). */
  public IncidentPolicy forServers(Set<String> ids) {
    return new IncidentPolicy(
        title, openingBody, resolutionBody, impact, zone, openAfter, resolutionTitle, autoResolve, recoveryBody,
        ImmutableSet.copyOf(ids));
  }

  /** Whether the policy opens incidents for this server. */
  public boolean appliesTo(String serverId) {
    return servers.isEmpty() || servers.contains(serverId);
  }

  String fill(String template, String serverId, String name, String detail, String outage) {
    return template
        .replace("{id}", serverId)
        .replace("{name}", name)
        .replace("{detail}", detail)
        .replace("{outage}", outage);
  }
}
