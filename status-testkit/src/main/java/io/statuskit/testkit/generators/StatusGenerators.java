package io.statuskit.testkit.generators;

import static io.statuskit.testkit.generators.Generators.weighted;
import static java.util.Objects.requireNonNull;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Generators of StatusKit values, as static factories: servers, incidents with valid lifecycles,
 * update sequences, timelines and command scripts. They draw small numbers that shrink towards
 * small, readable values: the first server id, operational, the first title, no gap between
 * times, fewer commands. Times are explicit and grow from {@link #BASE}, so the boards they make
 * do not depend on the clock.
 *
 * <pre>{@code
 * // any framework, one seed
 * CommandScript script = StatusGenerators.commandScripts().sample(42);
 *
 * // QuickTheories, with shrinking (see QuickTheoriesGenerators)
 * qt().withExamples(400).forAll(gen(StatusGenerators.commandScripts())).checkAssert(script -> { ... });
 * }</pre>
 *
 * <p>Thread-safe: stateless; the generators it returns are stateless too.
 */
public final class StatusGenerators {
  /** The instant generated times start from. */
  public static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");

  private StatusGenerators() {}

  // ---------------------------------------------------------------- values

  /** Server ids {@code NC001} to {@code NC099}, shrinking towards {@code NC001}. */
  public static Generator<String> serverIds() {
    return Generators.integers(1, 99).map(n -> String.format("NC%03d", n));
  }

  /** Every status, shrinking towards operational. */
  public static Generator<Status> statuses() {
    return Generators.of(Status.class);
  }

  /** A few real places, shrinking towards London. */
  public static Generator<Location> locations() {
    return Generators.of(ScriptBuilder.LOCATIONS);
  }

  /** Servers in service, with a location, a role and a visibility. */
  public static Generator<Server> servers() {
    Generator<String> ids = serverIds();
    Generator<Location> locations = locations();
    Generator<String> roles = Generators.of(ScriptBuilder.ROLES);
    Generator<Visibility> visibilities = Generators.of(Visibility.class);
    return source ->
        Server.builder(ids.generate(source))
            .location(locations.generate(source))
            .role(roles.generate(source))
            .visibility(visibilities.generate(source))
            .build();
  }

  /** Titles such as "Mail server shut down", shrinking towards the first. */
  public static Generator<String> titles() {
    return Generators.of(ScriptBuilder.TITLES);
  }

  /** Blank texts (empty, spaces, tabs, line breaks, an em space) that titles and bodies refuse. */
  public static Generator<String> blankTexts() {
    return Generators.of("", " ", "   ", "\t", "\n", " \r\n ", "\u2003");
  }

  // ---------------------------------------------------------------- lifecycles

  /**
   * Valid state sequences of an incident of {@code kind}, first state included: each later state
   * is one {@link IncidentState#canMoveTo} allows (staying, skipping forward, a postmortem after a
   * resolution). Shrinks towards the kind's initial state alone.
   */
  public static Generator<List<IncidentState>> updateSequences(IncidentKind kind) {
    requireNonNull(kind, "kind");
    Generator<Integer> first = Generators.integers(0, 3);
    Generator<ImmutableList<Integer>> moves = Generators.integers(0, 3).list(0, 6);
    return source -> states(kind, first.generate(source), moves.generate(source));
  }

  /** Valid state sequences of an incident of any kind (see {@link #updateSequences(IncidentKind)}). */
  public static Generator<List<IncidentState>> updateSequences() {
    return Generators.of(IncidentKind.class).flatMap(StatusGenerators::updateSequences);
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
  public static Generator<Incident> incidents() {
    Generator<String> titles = titles();
    Generator<Impact> impacts = Generators.of(Impact.class);
    Generator<ImmutableList<String>> affected = serverIds().list(0, 2);
    Generator<ImmutableList<Integer>> gaps = Generators.integers(0, 120).list(8, 8);
    Generator<Integer> addenda = Generators.integers(0, 2);
    return Generators.of(IncidentKind.class)
        .flatMap(kind -> {
          Generator<List<IncidentState>> sequences = updateSequences(kind);
          return source ->
              incident(
                  kind,
                  titles.generate(source),
                  impacts.generate(source),
                  new LinkedHashSet<>(affected.generate(source)),
                  sequences.generate(source),
                  gaps.generate(source),
                  addenda.generate(source));
        });
  }

  private static Incident incident(
      IncidentKind kind,
      String title,
      Impact impact,
      Set<String> affected,
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
  public static Generator<Timeline> timelines() {
    Generator<Integer> gaps = Generators.integers(0, 120);
    Generator<Status> statuses = statuses();
    Generator<Integer> sizes = Generators.integers(0, 20);
    return source -> {
      Timeline timeline = Timeline.empty("NC001");
      Instant time = BASE;
      int size = sizes.generate(source);
      for (int i = 0; i < size; i++) {
        time = time.plus(Duration.ofMinutes(gaps.generate(source)));
        timeline = timeline.with(time, statuses.generate(source));
      }
      return timeline;
    };
  }

  // ---------------------------------------------------------------- command scripts

  /**
   * Scripts of up to 40 commands a correct tracker accepts, one after another on an empty board:
   * servers added, observed, changed, retired and removed; incidents, maintenance and notices
   * opened, moved forward, resolved, given addenda and rescheduled.
   */
  public static Generator<CommandScript> validCommandScripts() {
    return validSteps().list(0, 40).map(steps -> ScriptBuilder.build(BASE, steps));
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
  public static Generator<CommandScript> commandScripts() {
    Generator<Integer> gaps = gaps();
    Generator<Step.Mistake.Kind> kinds = Generators.of(Step.Mistake.Kind.class);
    Generator<Integer> picks = picks();
    Generator<Step> mistakes = source -> new Step.Mistake(gaps.generate(source), kinds.generate(source), picks.generate(source));
    Generator<Step> steps = Generators.frequency(weighted(4, validSteps()), weighted(1, mistakes));
    return steps.list(0, 40).map(list -> ScriptBuilder.build(BASE, list));
  }

  private static Generator<Step> validSteps() {
    Generator<Integer> gaps = gaps();
    Generator<Integer> picks = picks();
    Generator<Boolean> booleans = Generators.booleans();
    Generator<Status> statuses = statuses();
    Generator<IncidentKind> kinds = Generators.of(IncidentKind.class);
    Generator<Impact> impacts = Generators.of(Impact.class);
    Generator<Integer> forward = Generators.integers(0, 3);
    Generator<Step> add = s -> new Step.AddServer(gaps.generate(s), picks.generate(s), booleans.generate(s));
    Generator<Step> observe = s -> new Step.Observe(gaps.generate(s), picks.generate(s), statuses.generate(s));
    Generator<Step> open =
        s ->
            new Step.Open(
                gaps.generate(s), kinds.generate(s), picks.generate(s), impacts.generate(s), picks.generate(s),
                picks.generate(s), booleans.generate(s), statuses.generate(s));
    Generator<Step> advance =
        s -> new Step.Advance(gaps.generate(s), picks.generate(s), forward.generate(s), booleans.generate(s), statuses.generate(s));
    Generator<Step> addendum = s -> new Step.Addendum(gaps.generate(s), picks.generate(s));
    Generator<Step> retire = s -> new Step.Retire(gaps.generate(s), picks.generate(s), booleans.generate(s), picks.generate(s));
    Generator<Step> remove = s -> new Step.Remove(gaps.generate(s), picks.generate(s));
    Generator<Step> change = s -> new Step.Change(gaps.generate(s), picks.generate(s), picks.generate(s));
    Generator<Step> reschedule = s -> new Step.Reschedule(gaps.generate(s), picks.generate(s), picks.generate(s));
    return Generators.frequency(
        weighted(5, add),
        weighted(8, observe),
        weighted(5, open),
        weighted(6, advance),
        weighted(1, addendum),
        weighted(1, retire),
        weighted(1, remove),
        weighted(1, change),
        weighted(1, reschedule));
  }

  private static Generator<Integer> gaps() {
    return Generators.integers(0, 90);
  }

  private static Generator<Integer> picks() {
    return Generators.integers(0, 9);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
