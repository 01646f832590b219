package io.statuskit.core.json;

import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Impact;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** A small board in the seed's spirit that uses every part of the model. */
final class SampleBoards {
  private SampleBoards() {}

  static OffsetDateTime at(String text) {
    return OffsetDateTime.parse(text);
  }

  /** Plays a short history with every command type on the tracker. */
  static void play(StatusTracker tracker) {
    tracker.execute(
        new Command.AddServer(
            Server.builder("NC018").name("Relay server").location("London", "GB").role("Relay server").build(),
            at("2013-03-01T09:00:00Z")));
    tracker.execute(
        new Command.AddServer(
            Server.builder("NC026")
                .name("Relay server 2")
                .location("Lusaka", "ZM")
                .role("Relay server")
                .internal()
                .group("Mail")
                .description("Replaces NC018.")
                .host("nc026.example.net")
                .tags(".co.zm domains", "Email")
                .build(),
            at("2013-03-02T09:00:00+02:00")));
    tracker.execute(
        new Command.AddServer(
            Server.builder("NC027").name("Mail server").location("London", "GB").role("Mail server").build(),
            at("2013-03-02T10:00:00Z")));
    tracker.execute(new Command.ObserveStatus("NC027", Status.OPERATIONAL, null, at("2016-11-23T07:00:00Z")));
    tracker.execute(
        new Command.ObserveStatus("NC027", Status.MAJOR_OUTAGE, "connect timed out after 5s", at("2016-11-23T07:09:00Z")));
    tracker.execute(
        OpenIncident.incident("NC027: Mail server shut down")
            .id("20161123-nc027")
            .affecting("NC027", Status.MAJOR_OUTAGE)
            .declaring("NC027", Status.MAJOR_OUTAGE)
            .tags("Email")
            .categories("Outages")
            .body(Body.html("<p>NC027 <b>shut down</b>.</p>"))
            .at(at("2016-11-23T09:10:00+02:00"))
            .build());
    tracker.execute(
        new Command.PostUpdate(
            "20161123-nc027",
            IncidentState.RESOLVED,
            Body.plain("NC027: Mail server back online"),
            com.google.common.collect.ImmutableMap.copyOf(Map.of("NC027", Status.OPERATIONAL)),
            at("2016-11-23T09:17:00+02:00"),
            "NC027: Mail server back online"));
    tracker.execute(new Command.ObserveStatus("NC027", Status.OPERATIONAL, null, at("2016-11-23T07:17:00Z")));
    tracker.execute(
        new Command.AddAddendum(
            "20161123-nc027", Body.plain("Root cause was a failed disk."), at("2022-01-24T12:00:00-05:00"), "Update, 2022-01-24"));
    MaintenanceWindow window =
        MaintenanceWindow.of(Instant.parse("2023-06-01T22:00:00Z"), Instant.parse("2023-06-02T02:00:00Z"));
    tracker.execute(
        OpenIncident.maintenance("Core switch upgrade", window)
            .id("maint-1")
            .affecting("NC026", Status.UNDER_MAINTENANCE)
            .at(at("2023-05-20T08:00:00+05:45"))
            .build());
    tracker.execute(
        new Command.RescheduleMaintenance(
            "maint-1",
            MaintenanceWindow.of(Instant.parse("2023-06-08T22:00:00Z"), Instant.parse("2023-06-09T02:00:00Z")),
            at("2023-05-21T08:00:00Z")));
    tracker.execute(
        new Command.PostUpdate(
            "maint-1", IncidentState.IN_PROGRESS, Body.plain("Started."), com.google.common.collect.ImmutableMap.of(),
            at("2023-06-08T22:00:05.123456789Z")));
    tracker.execute(OpenIncident.notice("New status page").at(at("2023-07-01T00:00:00+14:00")).build());
    tracker.execute(
        new Command.ChangeServer(
            Server.builder("NC027").name("Mail server").location("London", "GB").role("Mail + IMAP").tags("Email").build(),
            at("2023-07-02T00:00:00Z")));
    tracker.execute(new Command.RetireServer("NC018", "NC026", at("2023-07-03T00:00:00Z")));
    tracker.execute(new Command.AddServer(Server.builder("tmp-1").build(), at("2023-07-04T00:00:00Z")));
    tracker.execute(new Command.RemoveServer("tmp-1", at("2023-07-04T00:00:01Z")));
  }

  /** After {@link #play}: a monitor's report that opens its incident, and the one that resolves it. */
  static void playMonitorOutage(StatusTracker tracker) {
    tracker.execute(
        new Command.ReportCoverage(
            "monitor",
            com.google.common.collect.ImmutableList.of(
                new Command.ReportCoverage.Watched("NC027", Instant.parse("2023-08-01T07:09:00Z"))),
            at("2023-08-01T07:30:00Z"),
            at("2023-08-01T07:09:30Z")));
    tracker.execute(
        new Command.ReportHealth(
            "NC027",
            "monitor:NC027",
            Status.MAJOR_OUTAGE,
            "connect refused",
            at("2023-08-01T07:09:00Z"),
            OpenIncident.incident("NC027: Mail server unreachable").impact(Impact.MAJOR).affecting("NC027", Status.MAJOR_OUTAGE).build(),
            null,
            at("2023-08-01T07:10:00Z")));
    tracker.execute(
        new Command.ReportHealth(
            "NC027",
            "monitor:NC027",
            Status.OPERATIONAL,
            "all probes up",
            at("2023-08-01T07:17:00Z"),
            null,
            outage -> Body.plain("NC027: Mail server back online. It was " + outage.describe(ZoneOffset.UTC) + "."),
            at("2023-08-01T07:18:00Z")));
  }

  static StatusTracker tracker() {
    return StatusTracker.builder().clock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
  }
}
