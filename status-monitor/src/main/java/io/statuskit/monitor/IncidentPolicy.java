package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.statuskit.core.Impact;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * When and how the {@link Monitor} opens and resolves incidents by itself: it opens one when a
 * server becomes hard-down ({@code "NC036: Mail server unreachable"}) and resolves it when the
 * server is hard-up again, with the computed downtime ({@code "NC036: Mail server is back online.
 * It was down for eight minutes between 07:09 and 07:17 UTC."}). A flapping server opens no
 * incident and resolves none until it settles.
 *
 * <p>Templates may use {@code {id}}, {@code {name}}, {@code {detail}} (the failing probes'
 * messages) and, in the resolution, {@code {outage}} (the downtime sentence from {@link
 * io.statuskit.core.Outage#describe}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param title the incident title template
 * @param openingBody the first update's template
 * @param resolutionBody the resolution's template
 * @param impact the incident's impact
 * @param zone the time zone of times in texts
 */
public record IncidentPolicy(
    String title, String openingBody, String resolutionBody, Impact impact, ZoneId zone) {

  private static final IncidentPolicy DEFAULTS =
      new IncidentPolicy(
          "{id}: {name} unreachable",
          "Our monitoring finds {id} ({name}) unreachable: {detail}. We are investigating.",
          "{id}: {name} is back online. It was {outage}.",
          Impact.MAJOR,
          ZoneOffset.UTC);

  /** Validates every part. */
  public IncidentPolicy {
    requireNonNull(title, "title");
    checkArgument(!title.isBlank(), "incident title must not be blank: \"%s\"", title);
    requireNonNull(openingBody, "openingBody");
    requireNonNull(resolutionBody, "resolutionBody");
    requireNonNull(impact, "impact");
    requireNonNull(zone, "zone");
  }

  /** The defaults shown above, major impact, times in UTC. */
  public static IncidentPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** These templates with another title. */
  public IncidentPolicy withTitle(String template) {
    return new IncidentPolicy(template, openingBody, resolutionBody, impact, zone);
  }

  /** This policy with times in another zone. */
  public IncidentPolicy withZone(ZoneId newZone) {
    return new IncidentPolicy(title, openingBody, resolutionBody, impact, newZone);
  }

  String fill(String template, String serverId, String name, String detail, String outage) {
    return template
        .replace("{id}", serverId)
        .replace("{name}", name)
        .replace("{detail}", detail)
        .replace("{outage}", outage);
  }
}
