package io.statuskit.core.testing;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Location;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Visibility;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns random {@link Step}s into valid commands against the current board, with explicit times,
 * so that any list of steps plays as a realistic history. A small generator of status-core's own,
 * free of any test library: core's tests draw steps from a seed ({@link #random}); status-testkit's
 * properties draw them through its generators (which core tests cannot depend on).
 */
public final class CommandScript {
  private static final ZoneOffset[] OFFSETS = {
    ZoneOffset.UTC,
    ZoneOffset.ofHours(2),
    ZoneOffset.ofHoursMinutes(-5, -30),
    ZoneOffset.ofHoursMinutes(5, 45),
    ZoneOffset.ofHours(14),
    ZoneOffset.ofHours(-12)
  };
  private static final String[] TEXTS = {
    "Mail server shut down",
    "Connect timed out after 5s",
    "Rüdiger's \"quoted\" back\\slash",
    "Line one\nLine two\r\n\ttabbed",
    "Emoji 🚀 and 中文 and עברית",
    "<p>We are <b>investigating</b> &amp; will update</p>",
    "Zero width\u200b joiner and \u2028 separator",
    "Bidi \u202e override and soft\u00adhyphen", // printable: commands refuse control characters
    ".co.zm domains",
    "x",
  };
  private static final String[] ID_CHARS = {"NC0", "srv.", "edge-", "db_", "A"};
  private static final Status[] STATUSES = Status.values();
  private static final Impact[] IMPACTS = Impact.values();
  private static final String[][] PLACES = {
    {"London", "GB"}, {"Lusaka", "ZM"}, {"São Paulo", "BR"}, {"Zürich", "CH"}
  };

  private OffsetDateTime now = OffsetDateTime.of(2013, 5, 1, 6, 0, 0, 0, ZoneOffset.UTC);
  private int counter;

  /** One random step; how it is read depends on the board at that moment. */
  public record Step(int op, int a, int b, int c, int d) {}

  /** The largest {@link Step#op()}; the other parts of a step go up to {@link #MAX_PART}. */
  public static final int MAX_OP = 99;

  /** The largest value of a step's parts {@code a} to {@code d}. */
  public static final int MAX_PART = 999;

  /** Steps drawn from a seeded random source, for example-based tests. */
  public static List<Step> random(long seed, int count) {
    java.util.Random random = new java.util.Random(seed);
    List<Step> steps = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      steps.add(
          new Step(
              random.nextInt(MAX_OP + 1),
              random.nextInt(MAX_PART + 1),
              random.nextInt(MAX_PART + 1),
              random.nextInt(MAX_PART + 1),
              random.nextInt(MAX_PART + 1)));
    }
    return steps;
  }

  /**
   * Plays steps on a tracker; commands the board rejects are skipped.
   *
   * @return the commands that were applied, in order
   */
  public List<Command> play(StatusTracker tracker, List<Step> steps) {
    List<Command> applied = new ArrayList<>();
    for (Step step : steps) {
      Command command = next(tracker.board(), step);
      if (command == null) {
        continue;
      }
      long before = tracker.board().version();
      try {
        tracker.execute(command);
        applied.add(command);
      } catch (IllegalArgumentException | IllegalStateException e) {
        if (tracker.board().version() != before) {
          throw new AssertionError("a rejected command changed the board: " + command, e);
        }
        // a command that does not fit the board (a server still named by incidents, say)
      }
    }
    return applied;
  }

  /** A board made by playing steps on a fresh in-memory tracker. */
  public static StatusBoard board(List<Step> steps) {
    try (StatusTracker tracker = StatusTracker.inMemory(java.time.Clock.systemUTC())) {
      new CommandScript().play(tracker, steps);
      return tracker.board();
    }
  }

  /** The next command for this step on this board, or null if the step fits nothing there. */
  public @Nullable Command next(StatusBoard board, Step step) {
    now = now.plusSeconds(step.a() % 5 == 0 ? 0 : step.a() * 7L);
    if (step.b() % 7 == 0) {
      now = now.plusNanos(step.c() * 1_000_003L % 1_000_000_000L);
    }
    OffsetDateTime at = now.withOffsetSameInstant(OFFSETS[step.c() % OFFSETS.length]);
    List<ServerStatus> servers = board.servers();
    List<ServerStatus> active = servers.stream().filter(s -> !s.server().isRetired()).toList();
    List<Incident> incidents = board.incidents();
    int op = step.op();
    if (servers.isEmpty() || op < 12) {
      return new Command.AddServer(newServer(step), at);
    } else if (op < 18) {
      Server old = pick(servers, step.a()).server();
      Server.Builder changed = old.toBuilder().name(text(step.b()).strip().isEmpty() ? "n" : line(step.b()));
      changed.role(step.c() % 2 == 0 ? null : line(step.c() + 3));
      changed.tags(line(step.d()));
      return new Command.ChangeServer(changed.build(), at);
    } else if (op < 22) {
      if (active.isEmpty()) {
        return null;
      }
      Server server = pick(active, step.a()).server();
      String replacement = step.b() % 2 == 0 ? pick(servers, step.c()).id() : null;
      if (server.id().equals(replacement)) {
        replacement = null;
      }
      return new Command.RetireServer(server.id(), replacement, at);
    } else if (op < 25) {
      return new Command.RemoveServer(pick(servers, step.a()).id(), at);
    } else if (op < 50) {
      if (active.isEmpty()) {
        return null;
      }
      String detail = step.d() % 3 == 0 ? null : line(step.d());
      return new Command.ObserveStatus(
          pick(active, step.a()).id(), STATUSES[step.b() % STATUSES.length], detail, at);
    } else if (op < 65) {
      return open(servers, step, at);
    } else if (op < 88) {
      List<Incident> open = incidents.stream().filter(Incident::isOpen).toList();
      if (open.isEmpty()) {
        return open(servers, step, at);
      }
      Incident incident = pick(open, step.a());
      List<IncidentState> next = new ArrayList<>();
      for (IncidentState state : IncidentState.values()) {
        if (incident.state().canMoveTo(state)) {
          next.add(state);
        }
      }
      Map<String, Status> changes = new LinkedHashMap<>();
      if (step.c() % 3 == 0) {
        changes.put(pick(servers, step.d()).id(), STATUSES[step.c() % STATUSES.length]);
      }
      return new Command.PostUpdate(
          incident.id(),
          pick(next, step.b()),
          body(step.d()),
          com.google.common.collect.ImmutableMap.copyOf(changes),
          at,
          step.a() % 3 == 0 ? line(step.b()) : null);
    } else if (op < 94) {
      List<Incident> closed = incidents.stream().filter(i -> !i.isOpen()).toList();
      if (closed.isEmpty()) {
        return null;
      }
      Incident incident = pick(closed, step.a());
      if (incident.state() == IncidentState.RESOLVED && step.b() % 2 == 0) {
        return new Command.PostUpdate(
            incident.id(), IncidentState.POSTMORTEM, body(step.c()), com.google.common.collect.ImmutableMap.of(), at);
      }
      return new Command.AddAddendum(incident.id(), body(step.c()), at, step.d() % 2 == 0 ? "Update " + step.d() : null);
    } else {
      List<Incident> maintenance =
          incidents.stream().filter(i -> i.kind() == IncidentKind.MAINTENANCE && i.isOpen()).toList();
      if (maintenance.isEmpty()) {
        return null;
      }
      return new Command.RescheduleMaintenance(pick(maintenance, step.a()).id(), window(step), at);
    }
  }

  private Command open(List<ServerStatus> servers, Step step, OffsetDateTime at) {
    IncidentKind kind = IncidentKind.values()[step.b() % 3];
    String title = line(step.c()) + " " + (++counter);
    Command.OpenIncident.Builder open;
    switch (kind) {
      case MAINTENANCE:
        open = Command.OpenIncident.maintenance(title, window(step));
        if (step.d() % 4 == 0) {
          open.state(IncidentState.IN_PROGRESS);
        }
        break;
      case NOTICE:
        open = Command.OpenIncident.notice(title);
        break;
      default:
        open = Command.OpenIncident.incident(title);
        if (step.d() % 4 == 1) {
          open.state(IncidentState.IDENTIFIED);
        }
    }
    open.impact(IMPACTS[step.a() % IMPACTS.length]).at(at).body(body(step.d()));
    if (step.a() % 3 == 0) {
      open.id("inc-" + counter + (step.a() % 2 == 0 ? ".x" : "_y"));
    }
    if (!servers.isEmpty()) {
      open.affecting(pick(servers, step.a()).id(), STATUSES[step.c() % STATUSES.length]);
      if (step.d() % 2 == 0) {
        open.declaring(pick(servers, step.d()).id(), STATUSES[step.d() % STATUSES.length]);
      }
    }
    if (step.c() % 2 == 0) {
      open.tags(line(step.c()), "Tag " + (step.d() % 4));
    }
    if (step.d() % 3 == 0) {
      open.categories("Email delivery", line(step.a()));
    }
    return open.build();
  }

  private MaintenanceWindow window(Step step) {
    Instant start = now.toInstant().plusSeconds(step.c() * 60L - 20_000);
    return MaintenanceWindow.of(start, start.plusSeconds(1 + step.d() * 30L));
  }

  private Server newServer(Step step) {
    String id = ID_CHARS[step.a() % ID_CHARS.length] + (++counter);
    Server.Builder server = Server.builder(id);
    if (step.b() % 2 == 0) {
      server.name(line(step.b()));
    }
    if (step.c() % 3 != 0) {
      String[] place = PLACES[step.c() % PLACES.length];
      server.location(step.c() % 3 == 1 ? Location.of(place[0], place[1]) : Location.of(place[0], place[1], "Land " + step.d()));
    }
    if (step.d() % 2 == 0) {
      server.role(line(step.d()));
    }
    if (step.b() % 5 == 1) {
      server.visibility(Visibility.INTERNAL);
    }
    if (step.c() % 4 == 1) {
      server.group("Group " + (step.d() % 3));
    }
    if (step.d() % 5 == 2) {
      server.description(text(step.a()));
    }
    if (step.a() % 4 == 3) {
      server.host(id.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".example.net");
    }
    if (step.b() % 3 == 0) {
      server.tags(line(step.a()), line(step.b() + 1));
    }
    return server.build();
  }

  private static Body body(int n) {
    String text = text(n);
    return n % 4 == 0 ? Body.html("<p>" + text + "</p>") : Body.plain(text);
  }

  private static String text(int n) {
    return TEXTS[n % TEXTS.length];
  }

  /** A one-line text (line breaks and tabs become spaces): not blank after the checks the model makes. */
  private static String line(int n) {
    return text(n).replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
  }

  private static <T> T pick(List<T> list, int n) {
    return list.get(n % list.size());
  }

  /** The commands of a list, for failure messages. */
  public static String describe(List<Command> commands) {
    return ImmutableList.copyOf(commands).toString();
  }
}
