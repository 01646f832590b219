package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import io.statuskit.core.StatusEvent.CoverageReported;
import io.statuskit.core.StatusEvent.HealthReported;
import io.statuskit.core.StatusEvent.IncidentOpened;
import io.statuskit.core.StatusEvent.IncidentUpdated;
import io.statuskit.core.StatusEvent.MaintenanceRescheduled;
import io.statuskit.core.StatusEvent.ServerAdded;
import io.statuskit.core.StatusEvent.ServerChanged;
import io.statuskit.core.StatusEvent.ServerRemoved;
import io.statuskit.core.StatusEvent.ServerRetired;
import io.statuskit.core.StatusEvent.StatusObserved;
import io.statuskit.core.internal.Checks;
import io.statuskit.core.internal.FoldedText;
import io.statuskit.core.internal.Hamt;
import io.statuskit.core.internal.OrderedMap;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of everything a status page shows: servers with their effective status
 * and history, incidents, maintenance and notices, with the queries a page needs.
 *
 * <p>A board is changed only by {@link #apply(StatusEvent)}, which returns a new board and leaves
 * this one as it was; the {@link StatusTracker} does that for each command and publishes the
 * result, so readers never lock and never see half a change.
 *
 * <p><b>Effective status.</b> A server's status is the worst ({@link Status#worst}) of its last
 * observation ({@link Status#UNKNOWN} before any), the statuses that updates of its open
 * incidents declare ({@link IncidentUpdate#statusChanges()}), {@link Status#UNDER_MAINTENANCE}
 * for each maintenance in progress that affects it, and the statuses such maintenance declares.
 * Each change of it is recorded on the server's {@link Timeline}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StatusBoard {
  private static final StatusBoard EMPTY =
      new StatusBoard(0, null, OrderedMap.empty(), OrderedMap.empty(), ImmutableSet.of(), Hamt.empty());

  private static final Comparator<Incident> NEWEST_FIRST =
      Comparator.comparing(Incident::createdInstant).reversed().thenComparing(Incident::id);

  private final long version;
  private final @Nullable Instant updatedAt;
  // Persistent maps: applying an event copies O(log n) of them, not the whole map.
  private final OrderedMap<String, ServerStatus> servers;
  private final OrderedMap<String, Incident> incidents;
  private final ImmutableSet<String> openIds;
  /** Each incident's searchable text, case folded; kept up as incidents open and update. */
  private final Hamt<String, FoldedText> folded;
  private final Supplier<ImmutableList<Incident>> newestFirst;
  private final Supplier<ImmutableList<ServerStatus>> serverList;
  private final Supplier<QueryIndex> index;
  private final Supplier<StatusBoard> withoutNotes;

  private StatusBoard(
      long version,
      @Nullable Instant updatedAt,
      OrderedMap<String, ServerStatus> servers,
      OrderedMap<String, Incident> incidents,
      ImmutableSet<String> openIds,
      Hamt<String, FoldedText> folded) {
    this.version = version;
    this.updatedAt = updatedAt;
    this.servers = servers;
    this.incidents = incidents;
    this.openIds = openIds;
    this.folded = folded;
    this.newestFirst = Suppliers.memoize(() -> ImmutableList.sortedCopyOf(NEWEST_FIRST, incidents));
    this.serverList = Suppliers.memoize(() -> ImmutableList.copyOf(servers));
    this.index = Suppliers.memoize(() -> new QueryIndex(newestFirst.get()));
    this.withoutNotes = Suppliers.memoize(this::stripNotes);
  }

  /** The empty board, version 0. */
  public static StatusBoard empty() {
    return EMPTY;
  }

  /**
   * Rebuilds a board from its parts, as a snapshot or export holds them.
   *
   * @throws IllegalArgumentException if the parts do not fit together
   */
  public static StatusBoard of(
      long version,
      @Nullable Instant updatedAt,
      Collection<ServerStatus> servers,
      Collection<Incident> incidents) {
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    OrderedMap<String, ServerStatus> serverMap = OrderedMap.empty();
    for (ServerStatus server : servers) {
      if (serverMap.containsKey(server.id())) {
        throw new IllegalArgumentException("server.id: duplicate " + Checks.show(server.id()));
      }
      serverMap = serverMap.put(server.id(), server);
    }
    OrderedMap<String, Incident> incidentMap = OrderedMap.empty();
    Set<String> open = new LinkedHashSet<>();
    Hamt<String, FoldedText> folded = Hamt.empty();
    for (Incident incident : incidents) {
      if (incidentMap.containsKey(incident.id())) {
        throw new IllegalArgumentException("incident.id: duplicate " + Checks.show(incident.id()));
      }
      incidentMap = incidentMap.put(incident.id(), incident);
      folded = folded.put(incident.id(), FoldedText.empty().plus(searchableText(incident, 0)));
      for (String server : referencedServers(incident)) {
        if (!serverMap.containsKey(server)) {
          throw new IllegalArgumentException(
              "incident " + incident.id() + " names unknown server " + Checks.show(server));
        }
      }
      if (incident.isOpen()) {
        open.add(incident.id());
      }
    }
    // what open incidents and maintenance declare is derived, not stored
    for (ServerStatus server : servers) {
      serverMap = serverMap.put(server.id(), server.withDeclared(declaredStatus(server.id(), incidentMap, open)));
    }
    return new StatusBoard(version, updatedAt, serverMap, incidentMap, ImmutableSet.copyOf(open), folded);
  }

  // ---------------------------------------------------------------- applying events

  /**
   * The board after {@code event}, trusting it as kept: the lifecycle rules are not checked here
   * (the tracker checks them with {@link #check} before it keeps an event), so a rule tightened in
   * a later release never makes an old journal unreadable. This board is not changed.
   *
   * @throws IllegalArgumentException if the event does not follow this board's version, or names
   *     a server or incident the board does not have (the event cannot be placed at all)
   */
  public StatusBoard apply(StatusEvent event) {
    requireNonNull(event, "event");
    if (event.sequence() != version + 1) {
      throw new IllegalArgumentException(
          "event.sequence must be " + (version + 1) + " after version " + version + ": " + event.sequence());
    }
    if (event instanceof ServerAdded added) {
      return addServer(added);
    } else if (event instanceof ServerChanged changed) {
      return changeServer(changed);
    } else if (event instanceof ServerRetired retired) {
      return retireServer(retired);
    } else if (event instanceof ServerRemoved removed) {
      return removeServer(removed);
    } else if (event instanceof StatusObserved observed) {
      return observe(observed);
    } else if (event instanceof IncidentOpened opened) {
      return openIncident(opened);
    } else if (event instanceof IncidentUpdated updated) {
      return updateIncident(updated);
    } else if (event instanceof MaintenanceRescheduled rescheduled) {
      return reschedule(rescheduled);
    } else if (event instanceof HealthReported reported) {
      return reportHealth(reported);
    } else if (event instanceof CoverageReported coverage) {
      return reportCoverage(coverage);
    } else if (event instanceof StatusEvent.VantageForgotten forgotten) {
      return forgetVantage(forgotten);
    }
    throw new IllegalArgumentException("event: unknown type " + event.getClass().getName());
  }

  /**
   * Checks that {@code event} keeps the rules on this board: no duplicate ids, lifecycles only
   * move forward, no observation of a retired server or before its last one, no removal of a
   * server that incidents name. The tracker runs it on every command before it keeps the event;
   * replay ({@link #apply}) does not.
   *
   * @throws IllegalArgumentException if the event names an unknown server or incident, or a value
   *     that is not valid here (its message names the field and the value)
   * @throws IllegalStateException if the event conflicts with the board: a duplicate id, a
   *     lifecycle step that is not allowed, a retired server observed
   */
  public void check(StatusEvent event) {
    requireNonNull(event, "event");
    if (event.sequence() != version + 1) {
      throw new IllegalArgumentException(
          "event.sequence must be " + (version + 1) + " after version " + version + ": " + event.sequence());
    }
    if (event instanceof ServerAdded added) {
      Server server = added.server();
      if (servers.containsKey(server.id())) {
        throw new IllegalStateException("server.id: duplicate, already on the board: " + Checks.show(server.id()));
      }
      checkReplacement(server.id(), server.retirement());
    } else if (event instanceof ServerChanged changed) {
      requireServer(changed.server().id());
    } else if (event instanceof ServerRetired retired) {
      ServerStatus old = requireServer(retired.serverId());
      if (old.server().isRetired()) {
        throw new IllegalStateException("server.id: " + Checks.show(retired.serverId()) + " is already retired");
      }
      checkReplacement(retired.serverId(), new Retirement(retired.at(), retired.replacedBy()));
    } else if (event instanceof ServerRemoved removed) {
      checkRemoval(removed.serverId());
    } else if (event instanceof StatusObserved observed) {
      checkObservation(observed.serverId(), observed.at());
    } else if (event instanceof IncidentOpened opened) {
      checkOpening(opened.incident());
      checkOneOpenPerOrigin(opened.incident());
    } else if (event instanceof IncidentUpdated updated) {
      checkUpdate(updated.incidentId(), updated.update());
    } else if (event instanceof MaintenanceRescheduled rescheduled) {
      requireIncident(rescheduled.incidentId()).checkWindowChange();
    } else if (event instanceof HealthReported reported) {
      checkObservation(reported.serverId(), reported.observedAt());
      Incident opened = reported.opened();
      if (opened != null) {
        checkOpening(opened);
        checkOneOpenPerOrigin(opened);
        if (!reported.origin().equals(opened.origin())) {
          throw new IllegalArgumentException(
              "opened.origin must be " + Checks.show(reported.origin()) + ": " + Checks.show(opened.origin()));
        }
      }
      String resolved = reported.resolvedIncidentId();
      if (resolved != null) {
        checkUpdate(resolved, requireNonNull(reported.resolution()));
      }
    } else if (event instanceof CoverageReported coverage) {
      for (Command.ReportCoverage.Watched watched : coverage.servers()) {
        requireServer(watched.serverId());
      }
    } else if (event instanceof StatusEvent.VantageForgotten forgotten) {
      boolean known = false;
      for (ServerStatus server : servers) {
        known |= vantageVerdict(server, forgotten.vantage()) != null;
      }
      if (!known) {
        throw new IllegalArgumentException("vantage: no server has a verdict from " + Checks.show(forgotten.vantage()));
      }
    } else {
      throw new IllegalArgumentException("event: unknown type " + event.getClass().getName());
    }
  }

  /**
   * One open incident per origin: a second monitor, or one restarted, or another node, that
   * decided on an older board to open one finds it refused, and its retry sees the first.
   */
  private void checkOneOpenPerOrigin(Incident incident) {
    String origin = incident.origin();
    if (origin == null || !incident.isOpen()) {
      return;
    }
    Optional<Incident> open = openIncidentFrom(origin);
    if (open.isPresent()) {
      throw new IllegalStateException(
          "incident.origin: " + Checks.show(origin) + " already has an open incident: " + Checks.show(open.get().id()));
    }
  }

  private void checkRemoval(String serverId) {
    requireServer(serverId);
    List<String> naming = new ArrayList<>();
    for (Incident incident : incidents) {
      if (referencedServers(incident).contains(serverId)) {
        naming.add(incident.id());
      }
    }
    if (!naming.isEmpty()) {
      throw new IllegalStateException(
          "server.id: "
              + Checks.show(serverId)
              + " is named by incidents "
              + naming
              + "; retire it instead of removing it");
    }
    for (ServerStatus other : servers) {
      Retirement retirement = other.server().retirement();
      if (retirement != null && serverId.equals(retirement.replacedBy())) {
        throw new IllegalStateException(
            "server.id: " + Checks.show(serverId) + " replaced " + other.id() + "; retire it instead");
      }
    }
  }

  private void checkObservation(String serverId, Instant at) {
    ServerStatus old = requireServer(serverId);
    if (old.server().isRetired()) {
      throw new IllegalStateException(
          "server.id: " + Checks.show(serverId) + " is retired; its status is no longer observed");
    }
    Instant last = old.observedAt();
    if (last != null && at.isBefore(last)) {
      throw new IllegalArgumentException(
          "at: observation of " + old.id() + " at " + at + " is before the last one at " + last);
    }
  }

  private void checkOpening(Incident incident) {
    if (incidents.containsKey(incident.id())) {
      throw new IllegalStateException("incident.id: duplicate, already on the board: " + Checks.show(incident.id()));
    }
    requireServers(referencedServers(incident));
    incident.checkLifecycle();
  }

  private void checkUpdate(String incidentId, IncidentUpdate update) {
    Incident old = requireIncident(incidentId);
    for (IncidentUpdate existing : old.updates()) {
      if (existing.id().equals(update.id())) {
        throw new IllegalStateException("update.id: duplicate in " + old.id() + ": " + Checks.show(update.id()));
      }
    }
    requireServers(update.statusChanges().keySet());
    old.withUpdate(update);
  }

  private void checkReplacement(String id, @Nullable Retirement retirement) {
    if (retirement == null || retirement.replacedBy() == null) {
      return;
    }
    String replacement = retirement.replacedBy();
    if (replacement.equals(id)) {
      throw new IllegalArgumentException("replacedBy: a server cannot replace itself: " + Checks.show(id));
    }
    if (!servers.containsKey(replacement)) {
      throw new IllegalArgumentException("replacedBy: unknown server " + Checks.show(replacement));
    }
  }

  private StatusBoard addServer(ServerAdded event) {
    Server server = event.server();
    ServerStatus added =
        new ServerStatus(
            server,
            Status.UNKNOWN,
            null,
            null,
            event.at(),
            event.at(),
            Timeline.empty(server.id()).with(event.at(), Status.UNKNOWN));
    return withServers(event, servers.put(server.id(), added), incidents, openIds);
  }

  private StatusBoard changeServer(ServerChanged event) {
    ServerStatus old = requireServer(event.server().id());
    Server server = event.server().toBuilder().retirement(old.server().retirement()).build();
    ServerStatus changed =
        new ServerStatus(
            server, old.observed(), old.detail(), old.observedAt(), old.addedAt(), event.at(), old.timeline(), old.coverage(),
            old.declared());
    return withServers(event, servers.put(server.id(), changed), incidents, openIds);
  }

  private StatusBoard retireServer(ServerRetired event) {
    ServerStatus old = requireServer(event.serverId());
    Retirement retirement = new Retirement(event.at(), event.replacedBy());
    Server server = old.server().toBuilder().retirement(retirement).build();
    ServerStatus retired =
        new ServerStatus(
            server, old.observed(), old.detail(), old.observedAt(), old.addedAt(), event.at(), old.timeline(), old.coverage(),
            old.declared());
    return withServers(event, servers.put(server.id(), retired), incidents, openIds);
  }

  private StatusBoard removeServer(ServerRemoved event) {
    requireServer(event.serverId());
    return withServers(event, servers.remove(event.serverId()), incidents, openIds);
  }

  private StatusBoard observe(StatusObserved event) {
    OrderedMap<String, ServerStatus> nextServers =
        observed(servers, event.serverId(), event.status(), event.detail(), event.at());
    return recompute(event, nextServers, incidents, openIds, ImmutableSet.of(event.serverId()), ImmutableMap.of());
  }

  private OrderedMap<String, ServerStatus> observed(
      OrderedMap<String, ServerStatus> in, String serverId, Status status, @Nullable String detail, Instant at) {
    ServerStatus old = requireServer(serverId);
    String line = detail == null ? null : Checks.line("detail", detail);
    ServerStatus observed =
        new ServerStatus(
            old.server(), status, line, at, old.addedAt(), old.changedAt(), old.timeline(), old.coverage(), old.declared());
    return in.put(old.id(), observed);
  }

  private StatusBoard openIncident(IncidentOpened event) {
    Incident incident = event.incident();
    Set<String> touched = referencedServers(incident);
    requireServers(touched);
    OrderedMap<String, Incident> nextIncidents = incidents.put(incident.id(), incident);
    ImmutableSet<String> nextOpen = incident.isOpen() ? plus(openIds, incident.id()) : openIds;
    return recompute(event, servers, nextIncidents, nextOpen, touched, ImmutableMap.of());
  }

  private StatusBoard updateIncident(IncidentUpdated event) {
    Incident old = requireIncident(event.incidentId());
    IncidentUpdate update = event.update();
    requireServers(update.statusChanges().keySet());
    Incident incident = old.appended(update);
    OrderedMap<String, Incident> nextIncidents = incidents.put(incident.id(), incident);
    ImmutableSet<String> nextOpen = incident.isOpen() ? plus(openIds, incident.id()) : minus(openIds, incident.id());
    Set<String> touched = new LinkedHashSet<>(referencedServers(old));
    touched.addAll(referencedServers(incident));
    return recompute(event, servers, nextIncidents, nextOpen, touched, ImmutableMap.of());
  }

  private StatusBoard reschedule(MaintenanceRescheduled event) {
    Incident incident = requireIncident(event.incidentId()).rescheduled(event.window());
    return withServers(event, servers, incidents.put(incident.id(), incident), openIds);
  }

  private StatusBoard reportHealth(HealthReported event) {
    OrderedMap<String, ServerStatus> nextServers =
        observed(afterGap(servers, event.serverId(), event.at()), event.serverId(), event.status(), event.detail(), event.observedAt());
    StatusEvent.VantageReport vantage = event.vantage();
    if (vantage != null) {
      // the location's own verdict is kept beside the status the quorum made of it
      ServerStatus server = requireNonNull(nextServers.get(event.serverId()));
      VantageVerdict verdict = verdict(vantageVerdict(server, vantage.vantage().name()), vantage, event.at());
      nextServers =
          nextServers.put(server.id(), server.withCoverage(vantageCoverage(server, vantage.vantage().quorum(), verdict, event.at())));
    }
    OrderedMap<String, Incident> nextIncidents = incidents;
    ImmutableSet<String> nextOpen = openIds;
    Set<String> touched = new LinkedHashSet<>();
    touched.add(event.serverId());
    Incident opened = event.opened();
    if (opened != null) {
      Set<String> named = referencedServers(opened);
      requireServers(named);
      touched.addAll(named);
      nextIncidents = nextIncidents.put(opened.id(), opened);
      nextOpen = opened.isOpen() ? plus(nextOpen, opened.id()) : nextOpen;
    }
    String resolvedId = event.resolvedIncidentId();
    if (resolvedId != null) {
      Incident old = requireIncident(resolvedId);
      Incident resolved = old.appended(requireNonNull(event.resolution()));
      touched.addAll(referencedServers(resolved));
      nextIncidents = nextIncidents.put(resolved.id(), resolved);
      nextOpen = resolved.isOpen() ? nextOpen : minus(nextOpen, resolved.id());
    }
    // The reported status holds from the start of its streak, not from the time of the report.
    return recompute(
        event, nextServers, nextIncidents, nextOpen, touched, ImmutableMap.of(event.serverId(), event.observedAt()));
  }

  /**
   * A report at {@code at} that comes after the server's coverage lapsed: the time since the
   * monitor was last seen is "no data" on the timeline (and stays so until a monitor reports a
   * status again), or the status an open incident or maintenance declares for it ({@link
   * ServerStatus#whileSilent}).
   */
  private static OrderedMap<String, ServerStatus> afterGap(
      OrderedMap<String, ServerStatus> in, String serverId, Instant at) {
    ServerStatus server = in.get(serverId);
    if (server == null) {
      return in;
    }
    Coverage coverage = server.coverage();
    if (coverage == null || !at.isAfter(coverage.until())) {
      return in;
    }
    // the same rule as the pages apply as of now (ServerStatus.asOf): "no data" from the lapse,
    // unless an open incident or active maintenance declares a status
    Timeline timeline = server.asOf(at).timeline();
    // the lapsed coverage is spent: the gap is recorded once
    return in.put(
        serverId,
        server
            .withTimeline(timeline, at)
            .withCoverage(new Coverage(at, at, coverage.failingSince(), coverage.vantages())));
  }

  private StatusBoard reportCoverage(CoverageReported event) {
    OrderedMap<String, ServerStatus> next = servers;
    Vantage vantage = event.vantage();
    for (Command.ReportCoverage.Watched watched : event.servers()) {
      String id = watched.serverId();
      requireServer(id);
      next = afterGap(next, id, event.at());
      ServerStatus server = requireNonNull(next.get(id));
      Coverage coverage;
      if (vantage == null) {
        ImmutableSortedMap<String, VantageVerdict> kept =
            server.coverage() == null ? ImmutableSortedMap.of() : requireNonNull(server.coverage()).vantages();
        coverage = new Coverage(event.at(), event.until(), watched.failingSince(), kept);
      } else {
        VantageVerdict before = vantageVerdict(server, vantage.name());
        VantageVerdict verdict =
            before == null
                ? new VantageVerdict(vantage.name(), null, null, null, event.at(), event.until(), watched.failingSince())
                : new VantageVerdict(
                    vantage.name(), before.status(), before.detail(), before.since(), event.at(), event.until(), watched.failingSince());
        coverage = vantageCoverage(server, vantage.quorum(), verdict, event.at());
      }
      next = next.put(id, server.withCoverage(coverage));
    }
    return withServers(event, next, incidents, openIds);
  }

  /** Drops a location's verdicts from every server's coverage; the rest of the coverage stands. */
  private StatusBoard forgetVantage(StatusEvent.VantageForgotten event) {
    OrderedMap<String, ServerStatus> next = servers;
    for (ServerStatus server : servers) {
      Coverage coverage = server.coverage();
      if (coverage == null || !coverage.vantages().containsKey(event.vantage())) {
        continue;
      }
      Map<String, VantageVerdict> kept = new TreeMap<>(coverage.vantages());
      kept.remove(event.vantage());
      next =
          next.put(
              server.server().id(),
              server.withCoverage(
                  new Coverage(coverage.seenAt(), coverage.until(), coverage.failingSince(), ImmutableSortedMap.copyOf(kept))));
    }
    return withServers(event, next, incidents, openIds);
  }

  private static @Nullable VantageVerdict vantageVerdict(ServerStatus server, String name) {
    Coverage coverage = server.coverage();
    return coverage == null ? null : coverage.vantages().get(name);
  }

  /**
   * The server's coverage with a location's new verdict: until when the quorum of locations'
   * reports hold ({@link VantageQuorum#covering}); a server watched by fewer locations than the
   * quorum lapses at once, so it shows no data rather than one location's guess.
   */
  private static Coverage vantageCoverage(ServerStatus server, VantageQuorum quorum, VantageVerdict verdict, Instant at) {
    Coverage before = server.coverage();
    Map<String, VantageVerdict> verdicts = new TreeMap<>(before == null ? Map.of() : before.vantages());
    verdicts.put(verdict.name(), verdict);
    VantageVerdict covering = quorum.covering(verdicts.values());
    Instant seenAt = covering == null ? at : covering.seenAt();
    Instant until = covering == null ? at : covering.until();
    if (until.isBefore(seenAt)) {
      until = seenAt;
    }
    return new Coverage(seenAt, until, before == null ? null : before.failingSince(), ImmutableSortedMap.copyOf(verdicts));
  }

  /**
   * A location's verdict after its health report at {@code at}: its own status, and its reports
   * hold at least until the report itself (its coverage reports say for how long after).
   */
  static VantageVerdict verdict(@Nullable VantageVerdict before, StatusEvent.VantageReport report, Instant at) {
    Instant until = before == null || before.until().isBefore(at) ? at : before.until();
    return new VantageVerdict(
        report.vantage().name(),
        report.status(),
        report.detail(),
        report.since(),
        at,
        until,
        before == null ? null : before.failingSince());
  }

  /**
   * Records the effective status of each touched server on its timeline: at {@code changeTimes}'
   * time for the servers it names, at the event's time for the others, and never before the
   * timeline's last change (a kept event is trusted, so a time out of order is placed at the end).
   */
  private StatusBoard recompute(
      StatusEvent event,
      OrderedMap<String, ServerStatus> nextServers,
      OrderedMap<String, Incident> nextIncidents,
      ImmutableSet<String> nextOpen,
      Set<String> touched,
      ImmutableMap<String, Instant> changeTimes) {
    OrderedMap<String, ServerStatus> result = nextServers;
    for (String id : touched) {
      ServerStatus server = nextServers.get(id);
      if (server == null) {
        continue;
      }
      Status declared = declaredStatus(id, nextIncidents, nextOpen);
      if (declared != server.declared()) {
        server = server.withDeclared(declared);
        result = result.put(id, server);
      }
      Status effective = declared == null ? server.observed() : server.observed().worst(declared);
      if (effective != server.timeline().current()) {
        Instant at = changeTimes.getOrDefault(id, event.at());
        Instant last = server.timeline().lastChangeAt();
        if (last != null && at.isBefore(last)) {
          at = last;
        }
        Timeline timeline = server.timeline().with(at, effective);
        result =
            result.put(
                id,
                server.withTimeline(timeline, event.at()));
      }
    }
    return withServers(event, result, nextIncidents, nextOpen);
  }

  /**
   * The worst status that open incidents declare for the server and active maintenance of it
   * gives it, or null when none does. The effective status is the worst of it and the observation.
   */
  private static @Nullable Status declaredStatus(
      String serverId, OrderedMap<String, Incident> incidents, Set<String> open) {
    Status status = null;
    for (String id : open) {
      Incident incident = incidents.get(id);
      if (incident == null || !incident.affects(serverId) && !declares(incident, serverId)) {
        continue;
      }
      boolean maintenance = incident.kind() == IncidentKind.MAINTENANCE;
      if (maintenance && !incident.isActiveMaintenance()) {
        continue;
      }
      if (maintenance && incident.affects(serverId)) {
        status = status == null ? Status.UNDER_MAINTENANCE : status.worst(Status.UNDER_MAINTENANCE);
      }
      Status declared = incident.declaredStatuses().get(serverId);
      if (declared != null) {
        status = status == null ? declared : status.worst(declared);
      }
    }
    return status;
  }

  private static boolean declares(Incident incident, String serverId) {
    return incident.declaredStatuses().containsKey(serverId);
  }

  private StatusBoard withServers(
      StatusEvent event,
      OrderedMap<String, ServerStatus> nextServers,
      OrderedMap<String, Incident> nextIncidents,
      ImmutableSet<String> nextOpen) {
    Instant at = updatedAt == null || event.at().isAfter(updatedAt) ? event.at() : updatedAt;
    Hamt<String, FoldedText> nextFolded = folded;
    if (event instanceof IncidentOpened opened) {
      nextFolded = foldOpened(nextFolded, opened.incident());
    } else if (event instanceof IncidentUpdated updated) {
      nextFolded = foldUpdated(nextFolded, requireNonNull(nextIncidents.get(updated.incidentId())));
    } else if (event instanceof HealthReported reported) {
      Incident opened = reported.opened();
      if (opened != null) {
        nextFolded = foldOpened(nextFolded, opened);
      }
      String resolved = reported.resolvedIncidentId();
      if (resolved != null) {
        nextFolded = foldUpdated(nextFolded, requireNonNull(nextIncidents.get(resolved)));
      }
    }
    return new StatusBoard(event.sequence(), at, nextServers, nextIncidents, nextOpen, nextFolded);
  }

  private static Hamt<String, FoldedText> foldOpened(Hamt<String, FoldedText> in, Incident incident) {
    return in.put(incident.id(), FoldedText.empty().plus(searchableText(incident, 0)));
  }

  /** Adds the text of the incident's newest update. */
  private static Hamt<String, FoldedText> foldUpdated(Hamt<String, FoldedText> in, Incident incident) {
    FoldedText before = in.get(incident.id());
    return before == null
        ? in.put(incident.id(), FoldedText.empty().plus(searchableText(incident, 0)))
        : in.put(incident.id(), before.plus(searchableText(incident, incident.updates().size() - 1)));
  }

  /**
   * The texts a query's text criterion searches: the incident's title (when {@code fromUpdate} is
   * 0), then each update's body and title from {@code fromUpdate} on.
   */
  private static List<String> searchableText(Incident incident, int fromUpdate) {
    List<String> texts = new ArrayList<>();
    if (fromUpdate == 0) {
      texts.add(incident.title());
    }
    for (int i = fromUpdate; i < incident.updates().size(); i++) {
      IncidentUpdate update = incident.updates().get(i);
      texts.add(update.body().text());
      String title = update.title();
      if (title != null) {
        texts.add(title);
      }
    }
    return texts;
  }

  private ServerStatus requireServer(String id) {
    requireNonNull(id, "server.id");
    ServerStatus server = servers.get(id);
    if (server == null) {
      throw new IllegalArgumentException("server.id: unknown server " + Checks.show(id));
    }
    return server;
  }

  private void requireServers(Collection<String> ids) {
    for (String id : ids) {
      requireServer(id);
    }
  }

  private Incident requireIncident(String id) {
    Incident incident = incidents.get(id);
    if (incident == null) {
      throw new IllegalArgumentException("incident.id: unknown incident " + Checks.show(id));
    }
    return incident;
  }

  private static Set<String> referencedServers(Incident incident) {
    Set<String> ids = new LinkedHashSet<>(incident.affected().keySet());
    for (IncidentUpdate update : incident.updates()) {
      ids.addAll(update.statusChanges().keySet());
    }
    return ids;
  }

  private static ImmutableSet<String> plus(ImmutableSet<String> set, String value) {
    return ImmutableSet.<String>builderWithExpectedSize(set.size() + 1).addAll(set).add(value).build();
  }

  private static ImmutableSet<String> minus(ImmutableSet<String> set, String value) {
    return set.stream().filter(v -> !v.equals(value)).collect(ImmutableSet.toImmutableSet());
  }

  // ---------------------------------------------------------------- queries

  /** The number of events applied to reach this board; 0 for the empty board. */
  public long version() {
    return version;
  }

  /** When the latest event was applied, if any was. */
  public Optional<Instant> updatedAt() {
    return Optional.ofNullable(updatedAt);
  }

  /**
   * This board as the public sees it: the same version, servers and incidents, each incident
   * without its {@linkplain IncidentUpdate#internal() internal notes}, so that its pages, search,
   * feeds and API documents cannot show them. Computed once per board; this board itself when it
   * holds no notes.
   */
  public StatusBoard withoutInternalNotes() {
    return withoutNotes.get();
  }

  private StatusBoard stripNotes() {
    ImmutableList<Incident> all = incidents();
    if (all.stream().noneMatch(Incident::hasInternalNotes)) {
      return this;
    }
    List<Incident> shown = new ArrayList<>(all.size());
    for (Incident incident : all) {
      shown.add(incident.withoutInternalNotes());
    }
    return of(version, updatedAt, servers(), shown);
  }

  /** Every server, retired ones too, in the order they were added. */
  public ImmutableList<ServerStatus> servers() {
    return serverList.get();
  }

  /** The servers of the glance table: every server not retired, in the order they were added. */
  public ImmutableList<ServerStatus> glance() {
    return serverList.get().stream()
        .filter(server -> !server.server().isRetired())
        .collect(ImmutableList.toImmutableList());
  }

  /** The server with this id, retired or not. */
  public Optional<Server> server(String id) {
    requireNonNull(id, "id");
    ServerStatus server = servers.get(id);
    return server == null ? Optional.empty() : Optional.of(server.server());
  }

  /** The board's view of the server with this id. */
  public Optional<ServerStatus> serverStatus(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(servers.get(id));
  }

  /**
   * The effective status of a server.
   *
   * @throws IllegalArgumentException naming the id when no such server is on the board
   */
  public Status status(String serverId) {
    return requireServer(serverId).status();
  }

  /**
   * The effective status history of a server.
   *
   * @throws IllegalArgumentException naming the id when no such server is on the board
   */
  public Timeline timeline(String serverId) {
    return requireServer(serverId).timeline();
  }

  /**
   * Uptime of a server in percent over {@code [from, to)}, maintenance counting as up.
   *
   * @throws IllegalArgumentException naming the id when no such server is on the board
   */
  public double uptimePercent(String serverId, Instant from, Instant to) {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return timeline(serverId).uptimePercent(from, to);
  }

  /**
   * The overall indicator, as Statuspage's: the worst of what each public server's status and
   * each open incident's impact raises; active maintenance raises {@link Indicator#MAINTENANCE}.
   */
  public Indicator indicator() {
    return indicatorAsOf(null);
  }

  /**
   * The overall indicator as of {@code now}: as {@link #indicator()}, with each server as {@link
   * ServerStatus#asOf} sees it, so a server whose monitor fell silent raises nothing (it is "no
   * data", neither up nor down) whatever it last reported.
   */
  public Indicator indicator(Instant now) {
    requireNonNull(now, "now");
    return indicatorAsOf(now);
  }

  private Indicator indicatorAsOf(@Nullable Instant now) {
    Indicator indicator = Indicator.NONE;
    for (ServerStatus server : servers) {
      if (server.server().isPublic() && !server.server().isRetired()) {
        indicator = indicator.worst(Indicator.of(now == null ? server.status() : server.asOf(now).status()));
      }
    }
    for (String id : openIds) {
      Incident incident = incidents.get(id);
      if (incident == null) {
        continue;
      }
      if (incident.kind() == IncidentKind.INCIDENT) {
        indicator = indicator.worst(Indicator.of(incident.impact()));
      } else if (incident.isActiveMaintenance()) {
        indicator = indicator.worst(Indicator.MAINTENANCE);
      }
    }
    return indicator;
  }

  /** The incident, maintenance or notice with this id. */
  public Optional<Incident> incident(String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(incidents.get(id));
  }

  /** Every incident, maintenance and notice, newest first. */
  public ImmutableList<Incident> incidents() {
    return newestFirst.get();
  }

  /** How many incidents, maintenances and notices the board holds. */
  public int incidentCount() {
    return incidents.size();
  }

  /** Incidents (kind {@link IncidentKind#INCIDENT}) not yet resolved, newest first. */
  public ImmutableList<Incident> openIncidents() {
    return open(incident -> incident.kind() == IncidentKind.INCIDENT);
  }

  /**
   * The open incident that {@code origin} opened, such as the one a monitor opened for a server
   * ({@code "monitor:NC036"}), if there is one. A {@link Command.ReportHealth} never lets two be
   * open at once.
   */
  public Optional<Incident> openIncidentFrom(String origin) {
    requireNonNull(origin, "origin");
    for (String id : openIds) {
      Incident incident = incidents.get(id);
      if (incident != null && origin.equals(incident.origin())) {
        return Optional.of(incident);
      }
    }
    return Optional.empty();
  }

  /** Maintenance scheduled and not yet started, soonest window first. */
  public ImmutableList<Incident> upcomingMaintenance() {
    return openIds.stream()
        .map(incidents::get)
        .filter(i -> i != null && i.state() == IncidentState.SCHEDULED)
        .sorted(Comparator.comparing((Incident i) -> requireNonNull(i.window()).start()).thenComparing(Incident::id))
        .collect(ImmutableList.toImmutableList());
  }

  /** Maintenance in progress or being verified, newest first. */
  public ImmutableList<Incident> activeMaintenance() {
    return open(Incident::isActiveMaintenance);
  }

  private ImmutableList<Incident> open(java.util.function.Predicate<Incident> filter) {
    return openIds.stream()
        .map(incidents::get)
        .filter(i -> i != null && filter.test(i))
        .sorted(NEWEST_FIRST)
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * Every incident matching {@code query}, newest first, a page at a time. Server, tag and
   * category criteria read an index of the board (built once per board, on the first query),
   * month and time criteria a range of the newest-first order, and text search the case-folded
   * copy of the text the board keeps, so the cost follows the candidates, not the whole board.
   */
  public Page<Incident> incidents(IncidentQuery query) {
    requireNonNull(query, "query");
    List<Incident> page = new ArrayList<>(Math.min(query.limit(), 64));
    int[] total = {0};
    index.get().forEachCandidate(query, folded, incident -> {
      if (total[0] >= query.offset() && page.size() < query.limit()) {
        page.add(incident);
      }
      total[0]++;
    });
    return new Page<>(ImmutableList.copyOf(page), query.offset(), query.limit(), total[0]);
  }

  /** Every incident matching {@code query}'s criteria, newest first, paging ignored. */
  public Stream<Incident> stream(IncidentQuery query) {
    requireNonNull(query, "query");
    return newestFirst.get().stream().filter(query::matches);
  }

  /** The archive: months (in {@code zone}) in which incidents were opened, newest first, with counts. */
  public ImmutableSortedMap<YearMonth, Integer> months(ZoneId zone) {
    requireNonNull(zone, "zone");
    TreeMap<YearMonth, Integer> months = new TreeMap<>(Comparator.reverseOrder());
    for (Incident incident : incidents) {
      months.merge(YearMonth.from(incident.createdInstant().atZone(zone)), 1, Integer::sum);
    }
    return ImmutableSortedMap.copyOfSorted(months);
  }

  /** Every tag used by incidents, by label order of slug, with how many incidents carry it. */
  public ImmutableSortedMap<Tag, Integer> tags() {
    TreeMap<Tag, Integer> tags = new TreeMap<>();
    for (Incident incident : incidents) {
      for (Tag tag : incident.tags()) {
        tags.merge(tag, 1, Integer::sum);
      }
    }
    return ImmutableSortedMap.copyOfSorted(tags);
  }

  /** Every category used by incidents, in slug order, with how many incidents are in it. */
  public ImmutableSortedMap<Category, Integer> categories() {
    TreeMap<Category, Integer> categories = new TreeMap<>();
    for (Incident incident : incidents) {
      for (Category category : incident.categories()) {
        categories.merge(category, 1, Integer::sum);
      }
    }
    return ImmutableSortedMap.copyOfSorted(categories);
  }

  /** Positions in the newest-first order, by server, tag slug and category slug. */
  private static final class QueryIndex {
    private static final int[] NONE = new int[0];
    private static final Duration MARGIN = Duration.ofDays(2);

    private final ImmutableList<Incident> newestFirst;
    private final Map<String, int[]> byServer;
    private final Map<String, int[]> byTag;
    private final Map<String, int[]> byCategory;

    QueryIndex(ImmutableList<Incident> newestFirst) {
      this.newestFirst = newestFirst;
      Map<String, IntList> servers = new HashMap<>();
      Map<String, IntList> tags = new HashMap<>();
      Map<String, IntList> categories = new HashMap<>();
      for (int i = 0; i < newestFirst.size(); i++) {
        Incident incident = newestFirst.get(i);
        for (String server : incident.affected().keySet()) {
          servers.computeIfAbsent(server, k -> new IntList()).add(i);
        }
        for (Tag tag : incident.tags()) {
          tags.computeIfAbsent(tag.slug(), k -> new IntList()).add(i);
        }
        for (Category category : incident.categories()) {
          categories.computeIfAbsent(category.slug(), k -> new IntList()).add(i);
        }
      }
      this.byServer = IntList.freeze(servers);
      this.byTag = IntList.freeze(tags);
      this.byCategory = IntList.freeze(categories);
    }

    /** Calls {@code action} with each incident matching {@code query}, newest first. */
    void forEachCandidate(
        IncidentQuery query, Hamt<String, FoldedText> folded, Consumer<Incident> action) {
      // The range of the newest-first order that month and "to" allow (created descending).
      int low = 0;
      int high = newestFirst.size();
      @Nullable Instant monthStart = null;
      @Nullable Instant monthEnd = null;
      YearMonth month = query.month();
      if (month != null && Math.abs(month.getYear()) < 1_000_000) {
        monthStart = month.atDay(1).atStartOfDay(query.zone()).toInstant();
        monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(query.zone()).toInstant();
        // Offsets move local time by less than a day either way: outside the widened range no
        // incident can be in the month; near its ends the month is checked exactly.
        low = Math.max(low, firstCreatedBefore(monthEnd.plus(MARGIN)));
        high = Math.min(high, firstCreatedBefore(monthStart.minus(MARGIN)));
      }
      Instant to = query.to();
      if (to != null) {
        low = Math.max(low, firstCreatedBefore(to));
      }
      if (low >= high) {
        return;
      }
      int[] positions = null;
      String[] keys = {query.serverId(), query.tagSlug(), query.categorySlug()};
      List<Map<String, int[]>> maps = List.of(byServer, byTag, byCategory);
      for (int k = 0; k < keys.length; k++) {
        String key = keys[k];
        if (key != null) {
          int[] list = maps.get(k).getOrDefault(key, NONE);
          if (positions == null || list.length < positions.length) {
            positions = list;
          }
        }
      }
      String text = query.text();
      String needle = text == null ? null : FoldedText.fold(text);
      if (positions == null) {
        for (int i = low; i < high; i++) {
          test(query, folded, i, monthStart, monthEnd, text, needle, action);
        }
      } else {
        int start = Arrays.binarySearch(positions, low);
        for (int j = start < 0 ? -start - 1 : start; j < positions.length && positions[j] < high; j++) {
          test(query, folded, positions[j], monthStart, monthEnd, text, needle, action);
        }
      }
    }

    private void test(
        IncidentQuery query,
        Hamt<String, FoldedText> folded,
        int position,
        @Nullable Instant monthStart,
        @Nullable Instant monthEnd,
        @Nullable String text,
        @Nullable String needle,
        Consumer<Incident> action) {
      Incident incident = newestFirst.get(position);
      String serverId = query.serverId();
      if (serverId != null && !incident.affects(serverId)) {
        return;
      }
      if (query.tagSlug() != null && !hasTag(incident, query.tagSlug())) {
        return;
      }
      if (query.categorySlug() != null && !hasCategory(incident, query.categorySlug())) {
        return;
      }
      if (query.kind() != null && incident.kind() != query.kind()) {
        return;
      }
      YearMonth month = query.month();
      if (month != null) {
        Instant created = incident.createdInstant();
        boolean surelyIn =
            monthStart != null
                && monthEnd != null
                && !created.isBefore(monthStart.plus(MARGIN))
                && created.isBefore(monthEnd.minus(MARGIN));
        if (!surelyIn && !YearMonth.from(created.atZone(query.zone())).equals(month)) {
          return;
        }
      }
      Instant from = query.from();
      if (from != null && incident.updatedAt().toInstant().isBefore(from)) {
        return;
      }
      Instant to = query.to();
      if (to != null && !incident.createdInstant().isBefore(to)) {
        return;
      }
      if (query.openOnly() && !incident.isOpen()) {
        return;
      }
      if (text != null) {
        FoldedText texts = folded.get(incident.id());
        boolean found =
            needle != null && texts != null && texts.exact()
                ? texts.contains(needle)
                : query.matches(incident);
        if (!found) {
          return;
        }
      }
      action.accept(incident);
    }

    private static boolean hasTag(Incident incident, @Nullable String slug) {
      for (Tag tag : incident.tags()) {
        if (tag.slug().equals(slug)) {
          return true;
        }
      }
      return false;
    }

    private static boolean hasCategory(Incident incident, @Nullable String slug) {
      for (Category category : incident.categories()) {
        if (category.slug().equals(slug)) {
          return true;
        }
      }
      return false;
    }

    /** The first position whose incident was created before {@code instant} (size if none). */
    private int firstCreatedBefore(Instant instant) {
      int low = 0;
      int high = newestFirst.size();
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (newestFirst.get(mid).createdInstant().isBefore(instant)) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low;
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    private int[] items = new int[4];
    private int size;

    void add(int value) {
      if (size > 0 && items[size - 1] == value) {
        return; // two tags (or categories) of one incident with the same slug
      }
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = value;
    }

    static Map<String, int[]> freeze(Map<String, IntList> lists) {
      Map<String, int[]> result = new HashMap<>(lists.size() * 2);
      lists.forEach((key, list) -> result.put(key, Arrays.copyOf(list.items, list.size)));
      return result;
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof StatusBoard)) {
      return false;
    }
    StatusBoard that = (StatusBoard) other;
    return version == that.version
        && java.util.Objects.equals(updatedAt, that.updatedAt)
        && servers().equals(that.servers())
        && incidents.sameEntries(that.incidents);
  }

  @Override
  public int hashCode() {
    // As Objects.hash(version, serverMap, incidentMap) with Map hash codes, as before.
    return java.util.Objects.hash(version, servers.mapHashCode(), incidents.mapHashCode());
  }

  @Override
  public String toString() {
    return "StatusBoard{version="
        + version
        + ", servers="
        + servers.size()
        + ", incidents="
        + incidents.size()
        + ", open="
        + openIds
        + "}";
  }
}
