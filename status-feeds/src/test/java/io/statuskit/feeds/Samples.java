package io.statuskit.feeds;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Category;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A board with every kind of thing the documents show: grouped public servers, an internal one, a
 * resolved and an open incident with status changes, upcoming, active, completed (rescheduled)
 * and cancelled maintenance, and a notice.
 */
public final class Samples {
  private Samples() {}

  public static OffsetDateTime t(String iso) {
    return OffsetDateTime.parse(iso);
  }

  public static StatusBoard board() {
    Boards b = Boards.builder()
        .server(Server.builder("NC033").name("Primary nameserver").location("Toronto", "CA").group("Nameservers").build())
        .server(Server.builder("NC035").name("Secondary nameserver").location("Sydney", "AU").group("Nameservers").build())
        .server(Server.builder("NC036").name("Mail server").location("Amsterdam", "NL").description("IMAP, POP and SMTP").build())
        .server(Server.builder("NC023").name("Relay server").internal().build());
    b.incident(new Incident("mail-outage", IncidentKind.INCIDENT, "NC036: Mail server down", Impact.MAJOR,
        ImmutableMap.of("NC036", Status.MAJOR_OUTAGE, "NC023", Status.DEGRADED_PERFORMANCE),
        ImmutableSet.of(Tag.of("email"), Tag.of("mail server")), ImmutableSet.of(Category.of("Outages")),
        ImmutableList.of(
            IncidentUpdate.of("mail-outage-1", t("2024-03-01T09:00:00Z"), IncidentState.INVESTIGATING,
                Body.plain("Mail is not being delivered."), ImmutableMap.of("NC036", Status.MAJOR_OUTAGE, "NC023", Status.DEGRADED_PERFORMANCE)),
            IncidentUpdate.of("mail-outage-2", t("2024-03-01T09:20:00.250Z"), IncidentState.MONITORING,
                Body.html("<p>A fix is <em>in place</em>.</p>"), ImmutableMap.of("NC036", Status.DEGRADED_PERFORMANCE)),
            IncidentUpdate.of("mail-outage-3", t("2024-03-01T11:05:00+01:00"), IncidentState.RESOLVED,
                Body.plain("All mail delivered.\nSorry for the delay."), ImmutableMap.of("NC036", Status.OPERATIONAL))),
        null, 0));
    b.incident(new Incident("dns-slow", IncidentKind.INCIDENT, "Slow DNS answers", Impact.MINOR,
        ImmutableMap.of("NC035", Status.DEGRADED_PERFORMANCE), ImmutableSet.of(Tag.of("dns")), ImmutableSet.of(),
        ImmutableList.of(IncidentUpdate.of("dns-slow-1", t("2024-03-10T12:00:00Z"), IncidentState.IDENTIFIED,
            Body.plain("Answers from NC035 take 2 s & more."), ImmutableMap.of("NC035", Status.DEGRADED_PERFORMANCE))),
        null, 0));
    b.incident(maintenance("kernel", "Kernel upgrade on NC033", "NC033", IncidentState.COMPLETED,
        "2024-02-10T02:00:00Z", "2024-02-10T03:00:00Z", 1));
    b.incident(maintenance("disk", "Disk replacement on NC036", "NC036", IncidentState.IN_PROGRESS,
        "2024-03-11T01:00:00Z", "2024-03-11T05:00:00Z", 0));
    b.incident(maintenance("network", "Network maintenance, Sydney", "NC035", IncidentState.SCHEDULED,
        "2024-04-01T22:00:00Z", "2024-04-02T01:30:00Z", 2));
    b.incident(maintenance("cancelled", "Cancelled; move to new rack", "NC036", IncidentState.CANCELLED,
        "2024-01-05T22:00:00Z", "2024-01-05T23:00:00Z", 0));
    b.incident(new Incident("notice", IncidentKind.NOTICE, "New status page", Impact.NONE, ImmutableMap.of(),
        ImmutableSet.of(), ImmutableSet.of(Category.of("Notices")),
        ImmutableList.of(IncidentUpdate.of("notice-1", t("2024-01-02T08:00:00Z"), IncidentState.POSTED, Body.plain("Welcome."))),
        null, 0));
    return b.build();
  }

  private static Incident maintenance(String id, String title, String server, IncidentState state, String start, String end, int revision) {
    OffsetDateTime announced = t(start).minusDays(7);
    ImmutableList.Builder<IncidentUpdate> updates = ImmutableList.builder();
    updates.add(IncidentUpdate.of(id + "-1", announced, IncidentState.SCHEDULED, Body.plain("We will " + title.toLowerCase() + ".")));
    if (state == IncidentState.IN_PROGRESS || state == IncidentState.COMPLETED) {
      updates.add(IncidentUpdate.of(id + "-2", t(start), IncidentState.IN_PROGRESS, Body.plain("Work has begun.")));
    }
    if (state == IncidentState.COMPLETED) {
      updates.add(IncidentUpdate.of(id + "-3", t(end).minusMinutes(10), IncidentState.COMPLETED, Body.plain("Work is done.")));
    }
    if (state == IncidentState.CANCELLED) {
      updates.add(IncidentUpdate.of(id + "-2", announced.plusDays(1), IncidentState.CANCELLED, Body.plain("Called off.")));
    }
    return new Incident(id, IncidentKind.MAINTENANCE, title, Impact.NONE, ImmutableMap.of(server, Status.UNDER_MAINTENANCE),
        ImmutableSet.of(Tag.of("maintenance")), ImmutableSet.of(Category.of("Maintenance")), updates.build(),
        MaintenanceWindow.of(Instant.parse(start), Instant.parse(end)), revision);
  }

  /** Observes every server operational first, as probes would, so no status is unknown. */
  public static StatusBoard observed(StatusBoard board) {
    StatusBoard result = board;
    for (var server : board.glance()) {
      result = result.apply(new StatusEvent.StatusObserved(result.version() + 1, Instant.parse("2024-03-11T02:00:00Z"), server.id(), Status.OPERATIONAL, null));
    }
    return result;
  }
}
