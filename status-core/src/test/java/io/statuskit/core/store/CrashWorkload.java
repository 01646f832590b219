package io.statuskit.core.store;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The commands of the crash test. Writer thread {@code t} owns server {@code w<t>} and its own
 * incidents, so its commands depend only on its own earlier ones, and command {@code j} of thread
 * {@code t} is the same in every run. Whether a command reached the journal can be read off the
 * board.
 */
final class CrashWorkload {
  private static final OffsetDateTime BASE = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final ZoneOffset[] OFFSETS = {
    ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHoursMinutes(5, 45), ZoneOffset.ofHours(-7)
  };

  private CrashWorkload() {}

  static Command setup(int thread) {
    return new Command.AddServer(Server.builder("w" + thread).name("Writer " + thread).build(), BASE);
  }

  private static OffsetDateTime time(int thread, int j) {
    return BASE.plusSeconds(1 + j).plusNanos(thread * 1000L).withOffsetSameInstant(OFFSETS[thread % OFFSETS.length]);
  }

  private static Body body(int thread, int j) {
    int length = 20 + (int) ((j * 7919L + thread * 104_729L) % 1500);
    StringBuilder text = new StringBuilder(length + 16).append("t").append(thread).append(" j").append(j).append(' ');
    while (text.length() < length) {
      text.append("status ünïcode 🚀 ");
    }
    return Body.plain(text.toString());
  }

  static Command command(int thread, int j) {
    String server = "w" + thread;
    OffsetDateTime at = time(thread, j);
    switch (j % 7) {
      case 0:
        return new Command.ObserveStatus(server, Status.values()[j % 6], "t" + thread + "-" + j, at);
      case 1:
        return Command.OpenIncident.incident("Outage " + thread + "-" + j)
            .id("i-" + thread + "-" + j)
            .declaring(server, Status.MAJOR_OUTAGE)
            .body(body(thread, j))
            .at(at)
            .build();
      case 2:
        return new Command.PostUpdate("i-" + thread + "-" + (j - 1), IncidentState.MONITORING, body(thread, j),
            ImmutableMap.of(server, Status.DEGRADED_PERFORMANCE), at);
      case 3:
        return new Command.PostUpdate("i-" + thread + "-" + (j - 2), IncidentState.RESOLVED, body(thread, j), ImmutableMap.of(), at);
      case 4:
        return Command.OpenIncident.notice("Notice " + thread + "-" + j).id("n-" + thread + "-" + j).body(body(thread, j)).at(at).build();
      case 5:
        // a monitor's health change: the observation and the incident it opens, in one command
        return new Command.ReportHealth(
            server,
            "monitor:" + server,
            Status.MAJOR_OUTAGE,
            "t" + thread + "-" + j,
            at,
            Command.OpenIncident.incident("Monitor " + thread + "-" + j).id("m-" + thread + "-" + j).body(body(thread, j)).build(),
            null,
            at);
      default:
        return new Command.ReportHealth(
            server, "monitor:" + server, Status.OPERATIONAL, null, at, null, outage -> body(thread, j), at);
    }
  }

  /**
   * Whether command {@code j} of thread {@code t}, the latest of its thread if present, is on the
   * board. For a health report, both of its halves (the observation and the incident it opened or
   * resolved) must agree: one without the other fails the test.
   */
  static boolean present(StatusBoard board, int thread, int j) {
    switch (j % 7) {
      case 0:
        return observedAt(board, thread, j);
      case 1:
        return board.incident("i-" + thread + "-" + j).isPresent();
      case 2:
        return board.incident("i-" + thread + "-" + (j - 1)).map(Incident::updates).map(u -> u.size() >= 2).orElse(false);
      case 3:
        return board.incident("i-" + thread + "-" + (j - 2)).map(Incident::updates).map(u -> u.size() >= 3).orElse(false);
      case 4:
        return board.incident("n-" + thread + "-" + j).isPresent();
      case 5:
        return bothHalvesOrNone(
            thread, j, observedAt(board, thread, j), board.incident("m-" + thread + "-" + j).isPresent());
      default:
        return bothHalvesOrNone(
            thread,
            j,
            observedAt(board, thread, j),
            board.incident("m-" + thread + "-" + (j - 1)).map(incident -> !incident.isOpen()).orElse(false));
    }
  }

  private static boolean observedAt(StatusBoard board, int thread, int j) {
    Optional<ServerStatus> server = board.serverStatus("w" + thread);
    return server.isPresent() && time(thread, j).toInstant().equals(server.get().observedAt());
  }

  private static boolean bothHalvesOrNone(int thread, int j, boolean observation, boolean incident) {
    if (observation != incident) {
      throw new AssertionError(
          "health report " + j + " of thread " + thread + " is half there: observation " + observation + ", incident " + incident);
    }
    return observation;
  }
}
