package io.statuskit.examples.sample;

import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import java.time.OffsetDateTime;

/**
 * A small stand-in for the NinerNet sample: three servers and the NC027 outage of 23 November
 * 2016, written into a tracker with the times of the seed. Thread-safe (stateless).
 */
public final class StarterSample {
  private StarterSample() {}

  /** Writes the sample into an empty tracker. */
  public static void seed(StatusTracker tracker) {
    OffsetDateTime added = OffsetDateTime.parse("2016-11-01T00:00:00Z");
    tracker.execute(new Command.AddServer(
        Server.builder("NC023").location("London", "GB").role("Relay server").internal().build(), added));
    tracker.execute(new Command.AddServer(
        Server.builder("NC027").location("Amsterdam", "NL").role("Mail server").build(), added));
    tracker.execute(new Command.AddServer(
        Server.builder("NC042").location(io.statuskit.core.Location.of("Seattle", "US", "United States of America")).role("Status website").build(), added));
    for (String id : new String[] {"NC023", "NC027", "NC042"}) {
      tracker.execute(new Command.ObserveStatus(id, Status.OPERATIONAL, null, added));
    }
    tracker.execute(new Command.ObserveStatus(
        "NC027", Status.MAJOR_OUTAGE, "shut down to clean up after a spammer", OffsetDateTime.parse("2016-11-23T07:09:00Z")));
    tracker.execute(
        OpenIncident.incident("NC027: Mail server shut down")
            .id("nc027-mail-server-shut-down")
            .affecting("NC027", Status.MAJOR_OUTAGE)
            .tags("mail server", "spam")
            .categories("Server and System Status")
            .body("We have temporarily shut down server NC027 to clean up after a spammer. It will be back up in a few minutes. We apologise for the inconvenience.")
            .at(OffsetDateTime.parse("2016-11-23T07:11:41Z"))
            .build());
    tracker.execute(new Command.ObserveStatus("NC027", Status.OPERATIONAL, null, OffsetDateTime.parse("2016-11-23T07:17:00Z")));
    tracker.execute(new Command.PostUpdate(
        "nc027-mail-server-shut-down",
        IncidentState.RESOLVED,
        Body.plain("The mail server (NC027) has been restarted after cleaning up after a spammer. It was down for eight minutes between 07:09 and 07:17 UTC."),
        com.google.common.collect.ImmutableMap.of(),
        OffsetDateTime.parse("2016-11-23T07:28:27Z")));
  }
}
