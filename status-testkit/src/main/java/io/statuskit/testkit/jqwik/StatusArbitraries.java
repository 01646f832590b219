package io.statuskit.testkit.jqwik;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Location;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import io.statuskit.core.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for StatusKit values, as static factories. They are built from combinators
 * that shrink towards small, readable values: the first server id, operational, the first
 * title, no gap between times, fewer commands. Times are explicit and grow from {@link #BASE}, so
 * the boards they make do not depend on the clock.
 *
 * <pre>{@code
 * @Property
 * void rejectedCommandsChangeNothing(@ForAll("commands") CommandScript script) { ... }
 *
 * @Provide
 * Arbitrary<CommandScript> commands() {
 *   return StatusArbitraries.commandScripts();
 * }
 * }</pre>
 *
 * <p>Thread-safe: stateless; the arbitraries it returns are jqwik's.
 */
public final class StatusArbitraries {
  /** The instant generated times start from. */
  public static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

  private StatusArbitraries() {}

  // ---------------------------------------------------------------- values

  /** Server ids {@code NC001} to {@code NC099}, shrinking towards {@code NC001}. */
  public static Arbitrary<String> serverIds() {
    return Arbitraries.integers().between(1, 99).map(n -> String.format("NC%03d", n));
  }

  /** Every status, shrinking towards operational. */
  public static Arbitrary<Status> statuses() {
    return Arbitraries.of(Status.class);
  }

  /** A few real places, shrinking towards London. */
  public static Arbitrary<Location> locations() {
    return Arbitraries.of(ScriptBuilder.LOCATIONS);
  }

  /** Servers in service, with a location, a role and a visibility. */
  public static Arbitrary<Server> servers() {
    return Combinators.combine(
            serverIds(), locations(), Arbitraries.of(ScriptBuilder.ROLES), Arbitraries.of(Visibility.class))
        .as((id, location, role, visibility) ->
            Server.builder(id).location(location).role(role).visibility(visibility).build());
  }

  /** Titles such as "Mail server shut down", shrinking towards the first. */
  public static Arbitrary<String> titles() {
    return Arbitraries.of(ScriptBuilder.TITLES);
  }

  /** Blank texts (empty, spaces, tabs, line breaks, an em space) that titles and bodies refuse. */
  public static Arbitrary<String> blankTexts() {
    return Arbitraries.of("", " ", "   ", "\t", "\n", " \r\n ", "\u2003");
  }

  // ---------------------------------------------------------------- lifecycles

  /**
   * Valid state sequences of an incident of {@code kind}, first state included: each later state
   * is one {@link IncidentState#canMoveTo} allows (staying, skipping forward, a postmortem after a
   * resolution). Shrinks towards the kind's initial state alone.
   */
  public static Arbitrary<List<IncidentState>> updateSequences(IncidentKind kind) {
    Arbitrary<Integer> first = Arbitraries.integers().between(0, 3);
    Arbitrary<List<Integer>> moves = Arbitraries.integers().between(0, 3).list().ofMaxSize(6);
    return Combinators.combine(first, moves).as((start, steps) -> states(kind, start, steps));
  }

  private static List<IncidentState> states(IncidentKind kind, int start, List<Integer> steps) {
    IncidentState state = ScriptBuilder.forward(kind, IncidentState.initial(kind), kind == IncidentKind.INCIDENT ? start % 3 : 0);
    List<IncidentState> states = new ArrayList<>();
    states.add(state);
    for (int step : steps) {
      if (state.isClosed() && state != IncidentState.RESOLVED) {
        break;
      }
      IncidentState next = ScriptBuilder.forward(kind, state, step);
      if (!state.canMoveTo(next)) {
        break;
      }
      states.add(next);
      state = next;
    }
    return states;
  }

  /**
   * Incidents, maintenances and notices with valid lifecycles: updates oldest first, times
   * growing from {@link #BASE}, addenda only after the close, a window for maintenance.
   */
  public static Arbitrary<Incident> incidents() {
    return Arbitraries.of(IncidentKind.class)
        .flatMap(kind ->
            Combinators.combine(
                    titles(),
                    Arbitraries.of(Impact.class),
                    serverIds().set().ofMaxSize(2),
                    updateSequences(kind),
                    Arbitraries.integers().between(0, 120).list().ofMinSize(8).ofMaxSize(8),
                    Arbitraries.integers().between(0, 2))
                .as((title, impact, affected, states, gaps, addenda) ->
                    incident(kind, title, impact, affected, states, gaps, addenda)));
  }

  private static Incident incident(
      IncidentKind kind,
      String title,
      Impact impact,
      java.util.Set<String> affected,
      List<IncidentState> states,
      List<Integer> gaps,
      int addenda) {
    String id = "I1";
    List<IncidentUpdate> updates = new ArrayList<>();
    Instant time = BASE;
    for (int i = 0; i < states.size(); i++) {
      time = time.plus(Duration.ofMinutes(gaps.get(i % gaps.size())));
      updates.add(IncidentUpdate.of(id + "-" + (i + 1), utc(time), states.get(i), Body.plain(states.get(i).label())));
    }
    IncidentState last = states.get(states.size() - 1);
    if (last.isClosed()) {
      for (int i = 0; i < addenda; i++) {
        time = time.plus(Duration.ofDays(1));
        updates.add(
            new IncidentUpdate(id + "-" + (updates.size() + 1), utc(time), last, Body.plain("Addendum"), ImmutableMap.of(), true));
      }
    }
    ImmutableMap.Builder<String, Status> servers = ImmutableMap.builder();
    affected.forEach(server -> servers.put(server, kind == IncidentKind.MAINTENANCE ? Status.UNDER_MAINTENANCE : Status.MAJOR_OUTAGE));
    MaintenanceWindow window =
        kind == IncidentKind.MAINTENANCE ? MaintenanceWindow.of(BASE.plus(Duration.ofHours(1)), BASE.plus(Duration.ofHours(2))) : null;
    return new Incident(
        id, kind, title, kind == IncidentKind.INCIDENT ? impact : Impact.NONE, servers.build(), ImmutableSet.of(Tag.of("down time")),
        ImmutableSet.of(), ImmutableList.copyOf(updates), window, 0);
  }

  // ---------------------------------------------------------------- timelines

  /**
   * Timelines of server {@code NC001}: up to 20 status changes, each 0 to 120 minutes after the
   * one before, from {@link #BASE}.
   */
  public static Arbitrary<Timeline> timelines() {
    return Combinators.combine(Arbitraries.integers().between(0, 120), statuses())
        .as(Tuple::of)
        .list()
        .ofMaxSize(20)
        .map(changes -> {
          Timeline timeline = Timeline.empty("NC001");
          Instant time = BASE;
          for (var change : changes) {
            time = time.plus(Duration.ofMinutes(change.get1()));
            timeline = timeline.with(time, change.get2());
          }
          return timeline;
        });
  }

  // ---------------------------------------------------------------- command scripts

  /**
   * Scripts of up to 40 commands a correct tracker accepts, one after another on an empty board:
   * servers added, observed, changed, retired and removed; incidents, maintenance and notices
   * opened, moved forward, resolved, given addenda and rescheduled.
   */
  public static Arbitrary<CommandScript> validCommandScripts() {
    return validSteps().list().ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform()).map(steps -> ScriptBuilder.build(BASE, steps));
  }

  /**
   * Scripts of up to 40 commands mixing valid ones with mistakes a correct tracker rejects
   * without changing anything: unknown server or incident ids, backwards transitions, duplicate
   * servers and incident ids, addenda to open incidents, updates dated before the previous one,
   * observations of retired servers, removal of servers incidents name, second retirements,
   * unknown or self replacements, rescheduling what is not an open maintenance, states of another
   * kind, declared statuses of unknown servers. Each entry says which it is ({@link
   * CommandScript.Entry#accepted()}). Blank titles cannot be commands at all (building one
   * throws); see {@link #blankTexts()}.
   */
  public static Arbitrary<CommandScript> commandScripts() {
    Arbitrary<Step> mistakes =
        Combinators.combine(gaps(), Arbitraries.of(Step.Mistake.Kind.class), picks()).as(Step.Mistake::new);
    Arbitrary<Step> steps = Arbitraries.frequencyOf(Tuple.of(4, validSteps()), Tuple.of(1, mistakes));
    return steps.list().ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform()).map(list -> ScriptBuilder.build(BASE, list));
  }

  private static Arbitrary<Step> validSteps() {
    Arbitrary<Step> add =
        Combinators.combine(gaps(), picks(), Arbitraries.of(false, true)).as(Step.AddServer::new);
    Arbitrary<Step> observe = Combinators.combine(gaps(), picks(), statuses()).as(Step.Observe::new);
    Arbitrary<Step> open =
        Combinators.combine(
                gaps(), Arbitraries.of(IncidentKind.class), picks(), Arbitraries.of(Impact.class), picks(), picks(),
                Arbitraries.of(false, true), statuses())
            .as(Step.Open::new);
    Arbitrary<Step> advance =
        Combinators.combine(gaps(), picks(), Arbitraries.integers().between(0, 3), Arbitraries.of(false, true), statuses())
            .as(Step.Advance::new);
    Arbitrary<Step> addendum = Combinators.combine(gaps(), picks()).as(Step.Addendum::new);
    Arbitrary<Step> retire =
        Combinators.combine(gaps(), picks(), Arbitraries.of(false, true), picks()).as(Step.Retire::new);
    Arbitrary<Step> remove = Combinators.combine(gaps(), picks()).as(Step.Remove::new);
    Arbitrary<Step> change = Combinators.combine(gaps(), picks(), picks()).as(Step.Change::new);
    Arbitrary<Step> reschedule = Combinators.combine(gaps(), picks(), picks()).as(Step.Reschedule::new);
    return Arbitraries.frequencyOf(
        Tuple.of(5, add),
        Tuple.of(8, observe),
        Tuple.of(5, open),
        Tuple.of(6, advance),
        Tuple.of(1, addendum),
        Tuple.of(1, retire),
        Tuple.of(1, remove),
        Tuple.of(1, change),
        Tuple.of(1, reschedule));
  }

  private static Arbitrary<Integer> gaps() {
    return Arbitraries.integers().between(0, 90);
  }

  private static Arbitrary<Integer> picks() {
    return Arbitraries.integers().between(0, 9);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
