package io.statuskit.notify;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.notify.store.FileNotificationStore;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The JVM that {@link NotifyCrashTest} kills: a tracker on a journal and a notifier on a file
 * store, running incident rounds without end, appending the version of every heard command to
 * the acknowledgement file once the command returned. Arguments: journal directory, notify
 * directory, run number, acknowledgement file.
 */
public final class NotifyCrashChild {
  private NotifyCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path journalDir = Path.of(args[0]);
    Path notifyDir = Path.of(args[1]);
    int run = Integer.parseInt(args[2]);
    JournalStatusStore journal = JournalStatusStore.open(journalDir);
    try (StatusTracker tracker = StatusTracker.builder().store(journal).build();
        Notifier notifier =
            Notifier.builder()
                .tracker(tracker, journal)
                .store(FileNotificationStore.open(notifyDir))
                .pageUrl(URI.create("https://status.example.net/run-" + run + "/"))
                .targets(TargetPolicy.allowingLoopback())
                .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(40), 0.5, 100))
                .flushInterval(Duration.ofMillis(10))
                .build();
        OutputStream acks = new FileOutputStream(args[3], true)) {
      for (int i = 0; i < 1_000_000; i++) {
        Incident incident =
            tracker.openIncident(
                OpenIncident.incident("NC027: down " + run + "." + i).affecting("NC027", Status.MAJOR_OUTAGE).body("Looking.").build());
        ack(acks, tracker);
        tracker.postUpdate(incident.id(), IncidentState.IDENTIFIED, Body.plain("Found it."));
        ack(acks, tracker);
        tracker.resolve(incident.id(), Body.plain("Fixed."));
        ack(acks, tracker);
        tracker.observe("NC027", Status.DEGRADED_PERFORMANCE);
        ack(acks, tracker);
        tracker.observe("NC099", Status.MAJOR_OUTAGE);
        tracker.observe("NC027", Status.OPERATIONAL);
        ack(acks, tracker);
        tracker.observe("NC099", Status.OPERATIONAL);
        Thread.sleep(5);
      }
    }
  }

  private static void ack(OutputStream acks, StatusTracker tracker) throws Exception {
    acks.write((tracker.board().version() + "\n").getBytes(UTF_8));
  }
}
