package io.statuskit.testkit.generators;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Location;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns steps into a {@link CommandScript} against a small model of the board (which servers and
 * incidents exist, retired, named, open, and in what state), so valid steps always make valid
 * commands and mistakes always make commands a correct tracker rejects. Not thread-safe.
 */
final class ScriptBuilder {
  static final ImmutableList<Location> LOCATIONS =
      ImmutableList.of(
          Location.of("London", "GB", "United Kingdom"),
          Location.of("Toronto", "CA", "Canada"),
          Location.of("Lusaka", "ZM", "Zambia"),
          Location.of("Sydney", "AU", "Australia"),
          Location.of("New York", "US", "United States of America"));

  static final ImmutableList<String> ROLES =
      ImmutableList.of("Mail server", "Web server", "Relay server", "Primary nameserver", "Status website");

  static final ImmutableList<String> TITLES =
      ImmutableList.of(
          "Mail server shut down",
          "Relay server stopped to clean up spam",
          "Web server slow",
          "Nameserver upgrade",
          "Email migration");

  private static final String UNKNOWN = "NX404";

  private static final class ModelServer {
    boolean retired;
    boolean named;
    boolean replacedAnother;
  }

  private static final class ModelIncident {
    final IncidentKind kind;
    IncidentState state;
    Instant lastUpdate;

    ModelIncident(IncidentKind kind, IncidentState state, Instant lastUpdate) {
      this.kind = kind;
      this.state = state;
      this.lastUpdate = lastUpdate;
    }
  }

  private final Map<String, ModelServer> servers = new LinkedHashMap<>();
  private final Map<String, ModelIncident> incidents = new LinkedHashMap<>();
  private final List<CommandScript.Entry> entries = new ArrayList<>();
  private Instant time;
  private int nextServer = 1;
  private int nextIncident = 1;

  private ScriptBuilder(Instant base) {
    this.time = base;
  }

  static CommandScript build(Instant base, List<Step> steps) {
    ScriptBuilder builder = new ScriptBuilder(base);
    for (Step step : steps) {
      builder.time = builder.time.plus(Duration.ofMinutes(step.gap()));
      builder.add(step);
    }
    return new CommandScript(ImmutableList.copyOf(builder.entries));
  }

  private void add(Step step) {
    if (step instanceof Step.AddServer) {
      addServer((Step.AddServer) step);
    } else if (step instanceof Step.Observe) {
      observe((Step.Observe) step);
    } else if (step instanceof Step.Open) {
      open((Step.Open) step);
    } else if (step instanceof Step.Advance) {
      advance((Step.Advance) step);
    } else if (step instanceof Step.Addendum) {
      addendum((Step.Addendum) step);
    } else if (step instanceof Step.Retire) {
      retire((Step.Retire) step);
    } else if (step instanceof Step.Remove) {
      remove((Step.Remove) step);
    } else if (step instanceof Step.Change) {
      change((Step.Change) step);
    } else if (step instanceof Step.Reschedule) {
      reschedule((Step.Reschedule) step);
    } else if (step instanceof Step.Mistake) {
      mistake((Step.Mistake) step);
    }
  }

  // ---------------------------------------------------------------- valid steps

  private void addServer(Step.AddServer step) {
    String id = String.format("NC%03d", nextServer++);
    Server server =
        Server.builder(id)
            .location(LOCATIONS.get(Math.floorMod(step.location(), LOCATIONS.size())))
            .role(ROLES.get(Math.floorMod(step.location(), ROLES.size())))
            .visibility(step.internal() ? Visibility.INTERNAL : Visibility.PUBLIC)
            .build();
    servers.put(id, new ModelServer());
    accept(new Command.AddServer(server, now()));
  }

  private void observe(Step.Observe step) {
    String id = pick(servers, s -> !s.retired, step.server());
    if (id == null) {
      addServer(new Step.AddServer(0, step.server(), false));
      return;
    }
    accept(new Command.ObserveStatus(id, step.status(), null, now()));
  }

  private void open(Step.Open step) {
    List<String> inService = ids(servers, s -> !s.retired);
    String id = "I" + nextIncident++;
    String title = TITLES.get(Math.floorMod(step.title(), TITLES.size()));
    Command.OpenIncident.Builder open;
    switch (step.kind()) {
      case MAINTENANCE:
        open = Command.OpenIncident.maintenance(title, window(60, 120));
        break;
      case NOTICE:
        open = Command.OpenIncident.notice(title);
        break;
      default:
        open = Command.OpenIncident.incident(title).impact(step.impact());
        break;
    }
    open.id(id).at(now()).tags(step.kind() == IncidentKind.INCIDENT ? "down time" : "migration");
    int count = Math.min(Math.floorMod(step.servers(), 3), inService.size());
    for (int i = 0; i < count; i++) {
      String server = inService.get(Math.floorMod(step.firstServer() + i, inService.size()));
      if (step.declare() && step.kind() != IncidentKind.NOTICE) {
        open.declaring(server, step.status());
      } else {
        open.affecting(server, step.status());
      }
      serverModel(server).named = true;
    }
    IncidentState state = IncidentState.initial(step.kind());
    incidents.put(id, new ModelIncident(step.kind(), state, time));
    accept(open.build());
  }

  private void advance(Step.Advance step) {
    String id = pick(incidents, i -> i.state.isClosed() ? i.state == IncidentState.RESOLVED : true, step.incident());
    if (id == null) {
      observe(new Step.Observe(0, step.incident(), step.status()));
      return;
    }
    ModelIncident incident = incidentModel(id);
    IncidentState next = forward(incident.kind, incident.state, step.forward());
    Map<String, Status> declared = new LinkedHashMap<>();
    if (step.declare()) {
      String server = pick(servers, s -> !s.retired, step.forward());
      if (server != null) {
        declared.put(server, step.status());
        serverModel(server).named = true;
      }
    }
    incident.state = next;
    incident.lastUpdate = time;
    accept(new Command.PostUpdate(id, next, Body.plain("Now " + next.label().toLowerCase(java.util.Locale.ROOT)), ImmutableMap.copyOf(declared), now()));
  }

  private void addendum(Step.Addendum step) {
    String id = pick(incidents, i -> i.state.isClosed(), step.incident());
    if (id == null) {
      observe(new Step.Observe(0, step.incident(), Status.OPERATIONAL));
      return;
    }
    incidentModel(id).lastUpdate = time;
    accept(new Command.AddAddendum(id, Body.plain("Addendum"), now()));
  }

  private void retire(Step.Retire step) {
    String id = pick(servers, s -> !s.retired, step.server());
    if (id == null) {
      addServer(new Step.AddServer(0, step.server(), false));
      return;
    }
    String replacement = null;
    if (step.replace()) {
      replacement = pick(servers, s -> true, step.replacement());
      if (id.equals(replacement)) {
        replacement = null;
      }
    }
    serverModel(id).retired = true;
    if (replacement != null) {
      serverModel(replacement).replacedAnother = true;
    }
    accept(new Command.RetireServer(id, replacement, now()));
  }

  private void remove(Step.Remove step) {
    String id = pick(servers, s -> !s.named && !s.replacedAnother, step.server());
    if (id == null) {
      addServer(new Step.AddServer(0, step.server(), true));
      return;
    }
    servers.remove(id);
    accept(new Command.RemoveServer(id, now()));
  }

  private void change(Step.Change step) {
    String id = pick(servers, s -> true, step.server());
    if (id == null) {
      addServer(new Step.AddServer(0, step.role(), false));
      return;
    }
    Server server =
        Server.builder(id).role(ROLES.get(Math.floorMod(step.role(), ROLES.size()))).location(LOCATIONS.get(0)).build();
    accept(new Command.ChangeServer(server, now()));
  }

  private void reschedule(Step.Reschedule step) {
    String id = pick(incidents, i -> i.kind == IncidentKind.MAINTENANCE && !i.state.isClosed(), step.incident());
    if (id == null) {
      open(new Step.Open(0, IncidentKind.MAINTENANCE, step.incident(), io.statuskit.core.Impact.NONE, 0, 1, false, Status.UNDER_MAINTENANCE));
      return;
    }
    accept(new Command.RescheduleMaintenance(id, window(60 + 30 * Math.floorMod(step.shift(), 4), 180), now()));
  }

  // ---------------------------------------------------------------- mistakes

  private void mistake(Step.Mistake step) {
    int pick = step.pick();
    switch (step.kind()) {
      case UNKNOWN_INCIDENT:
        reject(new Command.PostUpdate("I404", IncidentState.RESOLVED, Body.plain("Resolved"), ImmutableMap.of(), now()), "unknown incident");
        return;
      case BACKWARDS_TRANSITION: {
        String id = pick(incidents, i -> backwards(i) != null, pick);
        if (id != null) {
          IncidentState back = requireState(backwards(incidentModel(id)));
          reject(new Command.PostUpdate(id, back, Body.plain("Back to " + back.key()), ImmutableMap.of(), now()),
              "backwards transition from " + incidentModel(id).state.key());
          return;
        }
        break;
      }
      case DUPLICATE_SERVER: {
        String id = pick(servers, s -> true, pick);
        if (id != null) {
          reject(new Command.AddServer(Server.builder(id).build(), now()), "duplicate server");
          return;
        }
        break;
      }
      case DUPLICATE_INCIDENT: {
        String id = pick(incidents, i -> true, pick);
        if (id != null) {
          reject(Command.OpenIncident.notice("Duplicate").id(id).at(now()).build(), "duplicate incident id");
          return;
        }
        break;
      }
      case ADDENDUM_TO_OPEN: {
        String id = pick(incidents, i -> !i.state.isClosed(), pick);
        if (id != null) {
          reject(new Command.AddAddendum(id, Body.plain("Too early"), now()), "addendum to an open incident");
          return;
        }
        break;
      }
      case UPDATE_BEFORE_PREVIOUS: {
        String id = pick(incidents, i -> !i.state.isClosed(), pick);
        if (id != null) {
          ModelIncident incident = incidentModel(id);
          OffsetDateTime before = OffsetDateTime.ofInstant(incident.lastUpdate.minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
          reject(new Command.PostUpdate(id, incident.state, Body.plain("Late"), ImmutableMap.of(), before),
              "update dated before the previous one");
          return;
        }
        break;
      }
      case OBSERVE_RETIRED: {
        String id = pick(servers, s -> s.retired, pick);
        if (id != null) {
          reject(new Command.ObserveStatus(id, Status.OPERATIONAL, null, now()), "observes a retired server");
          return;
        }
        break;
      }
      case REMOVE_NAMED: {
        String id = pick(servers, s -> s.named, pick);
        if (id != null) {
          reject(new Command.RemoveServer(id, now()), "removes a server an incident names");
          return;
        }
        break;
      }
      case RETIRE_RETIRED: {
        String id = pick(servers, s -> s.retired, pick);
        if (id != null) {
          reject(new Command.RetireServer(id, null, now()), "retires a retired server");
          return;
        }
        break;
      }
      case UNKNOWN_REPLACEMENT: {
        String id = pick(servers, s -> !s.retired, pick);
        if (id != null) {
          reject(new Command.RetireServer(id, UNKNOWN, now()), "replaced by an unknown server");
          return;
        }
        break;
      }
      case REPLACES_ITSELF: {
        String id = pick(servers, s -> !s.retired, pick);
        if (id != null) {
          reject(new Command.RetireServer(id, id, now()), "replaced by itself");
          return;
        }
        break;
      }
      case RESCHEDULE_NOT_OPEN_MAINTENANCE: {
        String id = pick(incidents, i -> i.kind != IncidentKind.MAINTENANCE || i.state.isClosed(), pick);
        if (id != null) {
          reject(new Command.RescheduleMaintenance(id, window(60, 120), now()), "reschedules what is not an open maintenance");
          return;
        }
        break;
      }
      case STATE_OF_OTHER_KIND: {
        String id = pick(incidents, i -> true, pick);
        if (id != null) {
          IncidentState other =
              incidentModel(id).kind == IncidentKind.MAINTENANCE ? IncidentState.INVESTIGATING : IncidentState.IN_PROGRESS;
          reject(new Command.PostUpdate(id, other, Body.plain("Wrong kind"), ImmutableMap.of(), now()),
              "state of another kind");
          return;
        }
        break;
      }
      case DECLARES_UNKNOWN_SERVER: {
        String id = pick(incidents, i -> !i.state.isClosed(), pick);
        if (id != null) {
          reject(new Command.PostUpdate(id, incidentModel(id).state, Body.plain("Unknown"), ImmutableMap.of(UNKNOWN, Status.MAJOR_OUTAGE), now()),
              "declares the status of an unknown server");
          return;
        }
        break;
      }
      default:
        break;
    }
    reject(new Command.ObserveStatus(UNKNOWN, Status.MAJOR_OUTAGE, null, now()), "unknown server");
  }

  private static IncidentState requireState(@Nullable IncidentState state) {
    if (state == null) {
      throw new IllegalStateException("no backwards state");
    }
    return state;
  }

  /** A state the incident cannot move to from where it is, of its own kind, or null. */
  private static @Nullable IncidentState backwards(ModelIncident incident) {
    for (IncidentState state : IncidentState.values()) {
      if (state.kind() == incident.kind && !incident.state.canMoveTo(state) && state.ordinal() < incident.state.ordinal()) {
        return state;
      }
    }
    if (incident.state.isClosed() && incident.state != IncidentState.RESOLVED) {
      return incident.state; // POSTED again, COMPLETED again, POSTMORTEM again
    }
    return null;
  }

  /** The state {@code forward} steps on from {@code state} (0: stay), kept within the kind. */
  static IncidentState forward(IncidentKind kind, IncidentState state, int forward) {
    if (state == IncidentState.RESOLVED) {
      return IncidentState.POSTMORTEM;
    }
    List<IncidentState> ladder = ladder(kind, forward);
    int rank = Math.max(ladder.indexOf(state), 0);
    return ladder.get(Math.min(rank + Math.floorMod(forward, 4), ladder.size() - 1));
  }

  private static List<IncidentState> ladder(IncidentKind kind, int choice) {
    switch (kind) {
      case MAINTENANCE:
        return List.of(
            IncidentState.SCHEDULED,
            IncidentState.IN_PROGRESS,
            IncidentState.VERIFYING,
            Math.floorMod(choice, 4) == 3 ? IncidentState.CANCELLED : IncidentState.COMPLETED);
      case NOTICE:
        return List.of(IncidentState.POSTED);
      default:
        return List.of(IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING, IncidentState.RESOLVED);
    }
  }

  // ---------------------------------------------------------------- helpers

  private ModelServer serverModel(String id) {
    return java.util.Objects.requireNonNull(servers.get(id), id);
  }

  private ModelIncident incidentModel(String id) {
    return java.util.Objects.requireNonNull(incidents.get(id), id);
  }

  private void accept(Command command) {
    entries.add(new CommandScript.Entry(command, true, ""));
  }

  private void reject(Command command, String why) {
    entries.add(new CommandScript.Entry(command, false, why));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
  }

  private MaintenanceWindow window(int startMinutes, int lengthMinutes) {
    Instant start = time.plus(Duration.ofMinutes(startMinutes));
    return MaintenanceWindow.of(start, start.plus(Duration.ofMinutes(lengthMinutes)));
  }

  private static <V> @Nullable String pick(Map<String, V> map, Predicate<V> filter, int pick) {
    List<String> candidates = ids(map, filter);
    return candidates.isEmpty() ? null : candidates.get(Math.floorMod(pick, candidates.size()));
  }

  private static <V> List<String> ids(Map<String, V> map, Predicate<V> filter) {
    return map.entrySet().stream().filter(e -> filter.test(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toList());
  }
}
