package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Coverage;
import io.statuskit.core.EventDispatcher;
import io.statuskit.core.Incident;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.IncidentState;
import io.statuskit.core.Outage;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusChange;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Subscription;
import io.statuskit.core.Vantage;
import io.statuskit.core.VantageQuorum;
import io.statuskit.core.VantageVerdict;
import io.statuskit.monitor.internal.ServerHealth;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches servers: runs each server's probes on its own interval (with jitter, never overlapping
 * itself), combines each round's results by {@link Quorum}, damps them with {@link Thresholds}
 * and {@link FlapDetection}, feeds hard state changes to the {@link StatusTracker} as status
 * observations (down: major outage, degraded: degraded performance, up: operational, timed from
 * the start of the streak that caused them), and, with an {@link IncidentPolicy}, opens and
 * resolves incidents. Keeps a bounded {@link ProbeHistory} per probe.
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.builder(tracker)
 *     .target(TargetConfig.builder("NC036").name("Mail server")
 *         .probe(SmtpProbe.builder("nc036.ninernet.net", "monitor.ninernet.net").build())
 *         .build())
 *     .incidentPolicy(IncidentPolicy.ofDefaults())
 *     .build()) {
 *   monitor.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the schedule, cancels running probes, and closes the
 * engine and scheduler if the monitor created them; it does not close the tracker.
 */
public final class Monitor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Monitor.class);

  private final StatusTracker tracker;
  private final @Nullable ProbeEngine engine; // null: no probe targets and no engine given
  private final boolean ownsEngine;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Clock clock;
  private final Random random;
  private final @Nullable IncidentPolicy policy;
  private final Map<String, Target> targets;
  private final Heartbeats heartbeats;
  private final EventDispatcher<MonitorListener, MonitorEvent> events;
  private final @Nullable ExecutorService ownedListenerExecutor;
  private final Duration coverageEvery;
  private final Duration coverageLease;
  private final @Nullable Vantage vantage;
  private final Object coverageLock = new Object();
  private @Nullable Instant nextCoverageAt; // guarded by coverageLock
  private final AtomicBoolean started = new AtomicBoolean();
  private final MaintenanceSchedule maintenance;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Monitor(Builder b) {
    this.tracker = b.tracker;
    this.clock = b.clock != null ? b.clock : tracker.clock();
    // A monitor of heartbeats only sends nothing: it makes no engine (no probe threads).
    this.ownsEngine = b.engine == null && !b.targets.isEmpty();
    this.engine = b.engine != null ? b.engine : ownsEngine ? ProbeEngine.builder().clock(clock).build() : null;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler =
        b.scheduler != null
            ? b.scheduler
            : Executors.newSingleThreadScheduledExecutor(
                new ThreadFactoryBuilder().setNameFormat("statuskit-monitor").setDaemon(true).build());
    this.random = b.random;
    this.policy = b.policy != null ? b.policy : b.configPolicy;
    this.maintenance = b.maintenance;
    this.coverageEvery = b.coverageEvery;
    this.vantage = b.vantage != null ? b.vantage : b.configVantage;
    Executor listenerExecutor = b.listenerExecutor;
    if (listenerExecutor == null) {
      ExecutorService owned =
          Executors.newCachedThreadPool(
              new ThreadFactoryBuilder().setNameFormat("statuskit-monitor-listener-%d").setDaemon(true).build());
      this.ownedListenerExecutor = owned;
      listenerExecutor = owned;
    } else {
      this.ownedListenerExecutor = null;
    }
    this.events = new EventDispatcher<>(listenerExecutor, b.maxListenerBacklog, MonitorListener::onEvent);
    Map<String, Target> map = new LinkedHashMap<>();
    for (TargetConfig t : b.targets) {
      checkArgument(!map.containsKey(t.serverId()), "targets: server %s appears more than once", t.serverId());
      map.put(t.serverId(), new Target(t, b.historyCapacity));
    }
    this.targets = map;
    Duration longest = Duration.ZERO;
    for (TargetConfig t : b.targets) {
      longest = t.interval().compareTo(longest) > 0 ? t.interval() : longest;
    }
    // a report holds for two renewals and the longest interval: a late round is not a gap
    this.coverageLease = coverageEvery.multipliedBy(2).plus(longest);
    for (HeartbeatConfig h : b.heartbeats) {
      checkArgument(!map.containsKey(h.serverId()), "heartbeats: server %s is also a probe target", h.serverId());
    }
    this.heartbeats = new Heartbeats(this, b.heartbeats, clock);
    try {
      map.values().forEach(t -> ensureServer(t.config));
      map.values().forEach(this::resumeFromBoard);
      for (HeartbeatConfig h : b.heartbeats) {
        ensureServer(h.serverId(), h.server(), h::describe);
        heartbeats.resume(h.serverId(), tracker.board().serverStatus(h.serverId()).map(ServerStatus::observed).orElse(null));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A builder for a monitor that reports to {@code tracker}. */
  public static Builder builder(StatusTracker tracker) {
    return new Builder(tracker);
  }

  /** The servers watched by probes. */
  public ImmutableSet<String> serverIds() {
    return ImmutableSet.copyOf(targets.keySet());
  }

  /** The probe location this monitor reports from, or empty when its verdict is the server's status. */
  public Optional<Vantage> vantage() {
    return Optional.ofNullable(vantage);
  }

  /**
   * The heartbeat monitors: where a host's route or job reports {@link Heartbeats#ping pings},
   * {@link Heartbeats#start starts} and {@link Heartbeats#fail failures}.
   */
  public Heartbeats heartbeats() {
    return heartbeats;
  }

  /**
   * Schedules every server's first round at a random point within its first interval, to spread
   * the load. (Servers missing from the tracker's board were added when the monitor was built.)
   *
   * @throws IllegalStateException when started twice or closed
   */
  public void start() {
    checkState(!closed.get(), "the monitor is closed");
    checkState(started.compareAndSet(false, true), "the monitor is already started");
    for (Target t : targets.values()) {
      long first = (long) (random.nextDouble() * t.config.interval().toNanos());
      schedule(t, first);
    }
    if (!heartbeats.ids().isEmpty()) {
      scheduleHeartbeatCheck();
    }
  }

  /** Checks the heartbeats at their earliest deadline, then again at the next one. */
  private void scheduleHeartbeatCheck() {
    if (closed.get()) {
      return;
    }
    long delay = Math.max(0, heartbeats.untilNextDeadline().toNanos()) + TimeUnit.MILLISECONDS.toNanos(1);
    try {
      // at least every minute, so a clock that jumps does not leave a late job unnoticed for long
      scheduler.schedule(
          () -> {
            try {
              heartbeats.check();
            } finally {
              scheduleHeartbeatCheck();
            }
          },
          Math.min(delay, TimeUnit.MINUTES.toNanos(1)),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * Runs one round of a server's probes now, or joins the round already running (a server's
   * probes never overlap themselves), and returns the state after it.
   *
   * @throws IllegalArgumentException for an unknown server
   */
  public CompletableFuture<TargetState> checkNow(String serverId) {
    return round(target(serverId), false);
  }

  /** What the monitor knows about a server now. */
  public TargetState state(String serverId) {
    Target t = target(serverId);
    synchronized (t) {
      return t.snapshot(openIncidentId(t));
    }
  }

  /**
   * How a server is watched: its probes in configuration order (the order of {@link
   * MonitorEvent.RoundCompleted#results()}), interval and thresholds.
   *
   * @throws IllegalArgumentException for an unknown server
   */
  public TargetConfig config(String serverId) {
    return target(serverId).config;
  }

  /** The history of one probe of a server ({@code probeIndex} in configuration order). */
  public ProbeHistory history(String serverId, int probeIndex) {
    Target t = target(serverId);
    checkArgument(
        probeIndex >= 0 && probeIndex < t.histories.size(),
        "probeIndex must be 0 to %s for %s: %s",
        t.histories.size() - 1,
        serverId,
        probeIndex);
    return t.histories.get(probeIndex);
  }

  private Target target(String serverId) {
    Target t = targets.get(requireNonNull(serverId, "serverId"));
    checkArgument(t != null, "serverId: not monitored: %s", serverId);
    return t;
  }

  /**
   * Adds the server the config describes, or brings the board's server in line with what the
   * config states (another monitor's config, or an older one, may have described it differently).
   */
  private void ensureServer(TargetConfig config) {
    ensureServer(config.serverId(), config.server(), config::describe);
  }

  private void ensureServer(String serverId, Server wanted, UnaryOperator<Server> describe) {
    if (tracker.board().server(serverId).isEmpty()) {
      try {
        tracker.addServer(wanted);
        return;
      } catch (IllegalStateException e) {
        // another monitor or node added it first: go on to describe it as this config does
        if (tracker.board().server(serverId).isEmpty()) {
          throw e;
        }
      }
    }
    Server onBoard = tracker.board().server(serverId).orElseThrow();
    if (onBoard.isRetired()) {
      return;
    }
    Server described = describe.apply(onBoard);
    if (!described.equals(onBoard)) {
      tracker.changeServer(described);
    }
  }

  /**
   * The board, not this monitor's memory, says where each server stands: a monitor that restarts
   * in the middle of an outage goes on from the hard state and its start that the board holds,
   * and finds the incident it opened there by its origin.
   */
  private void resumeFromBoard(Target t) {
    tracker
        .board()
        .serverStatus(t.config.serverId())
        .ifPresent(
            server -> {
              Instant since = server.observedAt();
              Outcome outcome = outcome(server.observed());
              Coverage coverage = server.coverage();
              Instant failing = coverage == null ? null : coverage.failingSince();
              Instant until = coverage == null ? null : coverage.until();
              if (vantage != null) {
                // a location goes on from its own verdict, not from what the quorum made of them all
                VantageVerdict own = coverage == null ? null : coverage.vantages().get(vantage.name());
                Status status = own == null ? null : own.status();
                since = own == null ? null : own.since();
                outcome = status == null ? Outcome.UNSUPPORTED : outcome(status);
                failing = own == null ? null : own.failingSince();
                until = own == null ? null : own.until();
              }
              synchronized (t) {
                if (since != null && outcome != Outcome.UNSUPPORTED) {
                  t.health.seed(outcome, since);
                }
                // a streak of failed rounds cut short by a restart goes on, unless the monitor was
                // gone so long that what the server did in between is unknown
                if (until != null && failing != null && !until.isBefore(clock.instant())) {
                  t.health.seedFailing(failing);
                  t.reportedFailingSince = failing;
                }
              }
            });
  }

  /** The open incident a monitor opened for the target's server, as the board holds it. */
  private @Nullable String openIncidentId(Target t) {
    return tracker.board().openIncidentFrom(origin(t.config.serverId())).map(Incident::id).orElse(null);
  }

  /** Whose incident a monitor opens for a server: the same for every monitor of that server. */
  static String origin(String serverId) {
    return "monitor:" + serverId;
  }

  private static Outcome outcome(Status status) {
    switch (status) {
      case OPERATIONAL:
        return Outcome.UP;
      case DEGRADED_PERFORMANCE:
        return Outcome.DEGRADED;
      case MAJOR_OUTAGE:
        return Outcome.DOWN;
      default:
        return Outcome.UNSUPPORTED;
    }
  }

  private void schedule(Target t, long delayNanos) {
    if (closed.get()) {
      return;
    }
    try {
      ScheduledFuture<?> next =
          scheduler.schedule(() -> round(t, true), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
      synchronized (t) {
        t.next = next;
      }
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  private CompletableFuture<TargetState> round(Target t, boolean scheduled) {
    synchronized (t) {
      if (closed.get()) {
        return CompletableFuture.failedFuture(new IllegalStateException("the monitor is closed"));
      }
      CompletableFuture<TargetState> running = t.running;
      // A round that is already done but not yet cleared (its whenComplete below has not run) is
      // not joined: a caller woken by its completion would get the old state without a new round.
      if (running != null && !running.isDone()) {
        if (scheduled) {
          // A manual round is running: join it, and keep the schedule going after it.
          running.whenComplete((s, e) -> schedule(t, nextDelay(t, 0)));
        }
        return running;
      }
      ProbeEngine engine = requireNonNull(this.engine, "engine"); // there are targets, so there is one
      long startedAt = engine.ticker().read();
      List<CompletableFuture<ProbeResult>> runs = new ArrayList<>();
      for (Probe p : t.config.probes()) {
        runs.add(engine.run(p));
      }
      t.inflight = runs;
      CompletableFuture<TargetState> round =
          CompletableFuture.allOf(runs.toArray(new CompletableFuture<?>[0]))
              .thenApplyAsync(v -> complete(t, runs), scheduler);
      t.running = round;
      round.whenComplete(
          (s, e) -> {
            synchronized (t) {
              if (t.running == round) {
                t.running = null;
                t.inflight = List.of();
              }
            }
            if (e != null && !closed.get()) {
              log.warn("round of {} failed", t.config.serverId(), e);
            }
            if (scheduled) {
              schedule(t, nextDelay(t, engine.ticker().read() - startedAt));
            }
          });
      return round;
    }
  }

  /** The delay until a target's next scheduled round: its interval with jitter, less the time spent. */
  private long nextDelay(Target t, long elapsedNanos) {
    long jitter = t.config.jitter().toNanos();
    long offset = jitter == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitter);
    return t.config.interval().toNanos() + offset - elapsedNanos;
  }

  private TargetState complete(Target t, List<CompletableFuture<ProbeResult>> runs) {
    List<ProbeResult> results = new ArrayList<>();
    for (CompletableFuture<ProbeResult> r : runs) {
      results.add(r.join());
    }
    Instant now = clock.instant();
    ServerHealth.Change change;
    Outcome outcome;
    boolean failingChanged;
    synchronized (t) {
      for (int i = 0; i < results.size(); i++) {
        t.histories.get(i).add(now, results.get(i));
      }
      t.lastResults = ImmutableList.copyOf(results);
      t.lastRoundAt = now;
      outcome = t.config.quorum().combine(results);
      change = t.health.observe(outcome, now);
      Instant failing = t.health.failingSince();
      failingChanged = change == null && !Objects.equals(failing, t.reportedFailingSince);
      t.reportedFailingSince = failing;
    }
    // Coverage first: a report after a gap leaves the gap without data before anything else.
    reportCoverage(now, failingChanged);
    if (change != null) {
      publish(t, change, results, now);
    } else {
      reaffirm(t, outcome, results, now);
    }
    TargetState state;
    synchronized (t) {
      state = t.snapshot(openIncidentId(t));
    }
    events.publish(new MonitorEvent.RoundCompleted(t.config.serverId(), now, ImmutableList.copyOf(results), state));
    return state;
  }

  /**
   * Adds a listener for this monitor's events: every round's results and each hard change, in
   * order, on the listener executor.
   *
   * @return a handle whose {@code close()} removes the listener
   */
  public Subscription subscribe(MonitorListener listener) {
    return events.subscribe(listener);
  }

  /**
   * Reports a hard-state change as one command: the status since the streak began, and the
   * incident the policy opens or resolves. The tracker checks it against the newest board, so a
   * second monitor, or this one after a restart, never opens a second incident for one outage.
   */
  private String publish(Target t, ServerHealth.Change change, List<ProbeResult> results, Instant now) {
    TargetConfig c = t.config;
    String detail = detail(c, results);
    report(c.serverId(), c.name(), change.to(), change.since(), detail, now, vantage);
    return detail;
  }

  private static String detail(TargetConfig c, List<ProbeResult> results) {
    List<String> names = new ArrayList<>();
    c.probes().forEach(p -> names.add(p.type() + " " + p.target()));
    String failures = Quorum.failures(results, names);
    return line(failures.isEmpty() ? "all probes up" : failures);
  }

  /**
   * A round that changed nothing may still have something to write: after a span without data
   * the board shows the server as "no data" until the monitor confirms its state again, and an
   * incident that waits for {@link IncidentPolicy#openAfter} opens once the outage lasted that long.
   */
  private void reaffirm(Target t, Outcome outcome, List<ProbeResult> results, Instant now) {
    Outcome hard;
    boolean settled;
    synchronized (t) {
      hard = t.health.hard();
      settled = !t.health.flapping() && t.health.published() == hard && hard != Outcome.UNSUPPORTED;
    }
    if (!settled || outcome != hard) {
      return;
    }
    String id = t.config.serverId();
    ServerStatus onBoard = tracker.board().serverStatus(id).orElse(null);
    if (onBoard == null) {
      return;
    }
    Vantage location = vantage;
    if (location != null) {
      reaffirmVantage(t, location, onBoard, hard, results, now);
      return;
    }
    if (onBoard.status() == Status.UNKNOWN) {
      report(id, t.config.name(), hard, now, detail(t.config, results), now);
    } else if (hard == Outcome.DOWN && openDue(id, now)) {
      report(id, t.config.name(), hard, now, detail(t.config, results), now);
    }
  }

  /**
   * A location's round that changed nothing: it reports again when the board lacks its verdict (or
   * holds another, written before a restart), when the board shows no data that the locations'
   * verdicts with this one would now decide (the rule is {@link VantageQuorum#combine}, so a
   * location does not write each round while too few others report), or when the quorum's outage
   * has lasted long enough to open its incident.
   */
  private void reaffirmVantage(
      Target t, Vantage location, ServerStatus onBoard, Outcome hard, List<ProbeResult> results, Instant now) {
    String id = t.config.serverId();
    Coverage coverage = onBoard.coverage();
    VantageVerdict own = coverage == null ? null : coverage.vantages().get(location.name());
    // the location's hard state holds since its verdict on the board, or (not on the board) from now
    Instant since = own == null || own.status() != status(hard) ? null : own.since();
    boolean report;
    if (own == null || own.status() != status(hard)) {
      report = true;
    } else if (onBoard.status() == Status.UNKNOWN) {
      report = location.quorum().combine(refreshed(coverage, own, now), now) != Status.UNKNOWN;
    } else {
      report = hard == Outcome.DOWN && onBoard.status() == Status.MAJOR_OUTAGE && openDue(id, since, now);
    }
    if (report) {
      report(id, t.config.name(), hard, since == null ? now : since, detail(t.config, results), now, location);
    }
  }

  /** The locations' verdicts as they would be if this location reported again now. */
  private static List<VantageVerdict> refreshed(@Nullable Coverage coverage, VantageVerdict own, Instant now) {
    List<VantageVerdict> verdicts = new ArrayList<>();
    if (coverage != null) {
      coverage.vantages().values().stream().filter(v -> !v.name().equals(own.name())).forEach(verdicts::add);
    }
    verdicts.add(
        new VantageVerdict(
            own.name(), own.status(), own.detail(), own.since(), now, own.until().isBefore(now) ? now : own.until(), own.failingSince()));
    return verdicts;
  }

  /**
   * Whether the policy should open an incident for this server's outage now: it applies, the
   * outage (from its start on the board) lasted {@link IncidentPolicy#openAfter}, and no incident
   * of this monitor's origin was opened during it (one a person resolved early stays resolved).
   */
  private boolean openDue(String serverId, Instant now) {
    return openDue(serverId, now, now);
  }

  /**
   * As {@link #openDue(String, Instant)}, with the outage starting at {@code fallbackStart} when
   * the board does not show one (yet): a location's report may be the one that makes it.
   */
  private boolean openDue(String serverId, @Nullable Instant fallbackStart, Instant now) {
    IncidentPolicy p = policy;
    if (p == null || !p.appliesTo(serverId)) {
      return false;
    }
    if (maintenance.covers(serverId, now)) {
      // An occurrence of recurring maintenance holds the incident (and so its alerts) back; if
      // the server is still down when the window ends, the next round opens it.
      return false;
    }
    StatusBoard board = tracker.board();
    Instant start = outageStart(board, serverId, fallbackStart == null ? now : fallbackStart);
    if (Duration.between(start, now).compareTo(p.openAfter()) < 0) {
      return false;
    }
    String origin = origin(serverId);
    for (Incident incident : board.incidents()) {
      if (origin.equals(incident.origin()) && (incident.isOpen() || !incident.createdInstant().isBefore(start))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The start of the server's current outage on the board: the first change of the current run
   * of not-up statuses (a span without data inside it is part of it, never its start), or
   * {@code fallback} when the board shows none.
   */
  private static Instant outageStart(StatusBoard board, String serverId, Instant fallback) {
    List<StatusChange> changes = board.timeline(serverId).changes();
    Instant start = fallback;
    for (int i = changes.size() - 1; i >= 0; i--) {
      Status status = changes.get(i).status();
      if (status == Status.OPERATIONAL || status == Status.DEGRADED_PERFORMANCE) {
        break;
      }
      if (status != Status.UNKNOWN && changes.get(i).at().isBefore(start)) {
        start = changes.get(i).at();
      }
    }
    return start;
  }

  /**
   * Tells the board which servers this monitor watches, every {@code coverageEvery} and at once
   * when a server starts or stops failing rounds without a verdict yet, so time in which no
   * monitor ran becomes "no data" and a restart goes on from the first failed probe.
   */
  private void reportCoverage(Instant now, boolean force) {
    ImmutableList.Builder<Command.ReportCoverage.Watched> watched = ImmutableList.builder();
    synchronized (coverageLock) {
      Instant next = nextCoverageAt;
      if (!force && next != null && now.isBefore(next)) {
        return;
      }
      nextCoverageAt = now.plus(coverageEvery);
    }
    for (Target t : targets.values()) {
      synchronized (t) {
        if (t.lastRoundAt != null) {
          watched.add(new Command.ReportCoverage.Watched(t.config.serverId(), t.health.failingSince()));
        }
      }
    }
    ImmutableList<Command.ReportCoverage.Watched> servers = watched.build();
    if (servers.isEmpty()) {
      return;
    }
    try {
      tracker.execute(new Command.ReportCoverage("monitor", servers, utc(now.plus(coverageLease)), utc(now), vantage));
    } catch (RuntimeException e) {
      log.warn("cannot report the monitor's coverage", e);
    }
  }

  /**
   * Reports a hard change of a server (a probe target's or a heartbeat's) to the tracker as one
   * {@link Command.ReportHealth} with the incident the policy opens or resolves, under the origin
   * {@code monitor:<id>}.
   */
  void report(String serverId, String name, Outcome to, Instant since, String detail, Instant now) {
    report(serverId, name, to, since, detail, now, null);
  }

  /**
   * Reports a hard change as {@link #report(String, String, Outcome, Instant, String, Instant)}
   * does, from a probe location when {@code location} is given: the location's own verdict, with
   * the incident to open should the quorum of locations make it an outage and the text that
   * resolves it should it end one (the tracker decides by {@link VantageQuorum}).
   */
  private void report(
      String serverId, String name, Outcome to, Instant since, String detail, Instant now, @Nullable Vantage location) {
    Status status = status(to);
    Command.OpenIncident open = null;
    Command.ReportHealth.Resolution resolution = null;
    IncidentPolicy p = policy;
    if (p != null && to == Outcome.DOWN && openDue(serverId, location == null ? now : since, now)) {
      Instant start = outageStart(tracker.board(), serverId, since);
      open =
          Command.OpenIncident.incident(p.fill(p.title(), serverId, name, detail, ""))
              .impact(p.impact())
              .affecting(serverId, Status.MAJOR_OUTAGE)
              .body(
                  p.fill(
                      p.openingBody(),
                      serverId,
                      name,
                      detail,
                      new Outage(serverId, start, null, Status.MAJOR_OUTAGE).describe(p.zone())))
              .build();
    } else if (p != null && to != Outcome.DOWN) {
      resolution = new Recovery(p, serverId, name, detail);
    }
    try {
      tracker.execute(
          new Command.ReportHealth(
              serverId, origin(serverId), status, line(detail), utc(since), open, resolution, utc(now), location));
    } catch (RuntimeException e) {
      log.warn("cannot publish {} of {}", status, serverId, e);
    }
    events.publish(
        to == Outcome.DOWN
            ? new MonitorEvent.WentDown(serverId, now, since, line(detail))
            : new MonitorEvent.CameBack(serverId, now, since, to));
  }

  /** The text that ends a monitor's incident: a resolution, or a "monitoring" update for a person to resolve. */
  private record Recovery(IncidentPolicy policy, String serverId, String name, String detail)
      implements Command.ReportHealth.Resolution {
    @Override
    public Body body(Outage outage) {
      String template = policy.autoResolve() ? policy.resolutionBody() : policy.recoveryBody();
      return Body.plain(policy.fill(template, serverId, name, detail, outage.describe(policy.zone())));
    }

    @Override
    public @Nullable String title(Outage outage) {
      String template = policy.resolutionTitle();
      return template == null || !policy.autoResolve()
          ? null
          : policy.fill(template, serverId, name, detail, outage.describe(policy.zone()));
    }

    @Override
    public IncidentState state() {
      return policy.autoResolve() ? IncidentState.RESOLVED : IncidentState.MONITORING;
    }
  }

  private static Status status(Outcome outcome) {
    switch (outcome) {
      case DOWN:
        return Status.MAJOR_OUTAGE;
      case DEGRADED:
        return Status.DEGRADED_PERFORMANCE;
      case UP:
        return Status.OPERATIONAL;
      default:
        return Status.UNKNOWN;
    }
  }

  /**
   * A probe's text as one printable line: what a hostile server sent (controls, noncharacters,
   * lone surrogates) never reaches a command, which would refuse it.
   */
  static String line(String text) {
    StringBuilder one = new StringBuilder(Math.min(text.length(), 500));
    for (int i = 0, n = text.length(); i < n && one.length() < 500; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\r' || c == '\n' || c == '\t') {
        one.append(' ');
      } else if (c >= 0x20 && !(c >= 0x7F && c <= 0x9F) && !(c >= 0xFDD0 && c <= 0xFDEF) && (c & 0xFFFE) != 0xFFFE
          && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
        one.appendCodePoint(c);
      }
    }
    if (one.length() >= 500) {
      one.setLength(Character.isHighSurrogate(one.charAt(496)) ? 496 : 497);
      one.append("...");
    }
    String result = one.toString().strip();
    return result.isEmpty() ? "no detail" : result;
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * Stops scheduling, cancels running probes, and closes the engine and the scheduler if the
   * monitor created them. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Target t : targets.values()) {
      List<CompletableFuture<ProbeResult>> inflight;
      ScheduledFuture<?> next;
      synchronized (t) {
        inflight = t.inflight;
        next = t.next;
      }
      if (next != null) {
        next.cancel(false);
      }
      inflight.forEach(f -> f.cancel(true));
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ProbeEngine owned = engine;
    if (ownsEngine && owned != null) {
      owned.close();
    }
    events.clear();
    if (ownedListenerExecutor != null) {
      ownedListenerExecutor.shutdown();
    }
  }

  /** One server's runtime state; guarded by its own monitor lock. */
  private static final class Target {
    final TargetConfig config;
    final ServerHealth health;
    final ImmutableList<ProbeHistory> histories;
    @Nullable CompletableFuture<TargetState> running;
    List<CompletableFuture<ProbeResult>> inflight = List.of();
    @Nullable ScheduledFuture<?> next;
    ImmutableList<ProbeResult> lastResults = ImmutableList.of();
    @Nullable Instant lastRoundAt;
    @Nullable Instant reportedFailingSince;

    Target(TargetConfig config, int historyCapacity) {
      this.config = config;
      this.health = new ServerHealth(config.thresholds(), config.flapDetection());
      ImmutableList.Builder<ProbeHistory> h = ImmutableList.builder();
      for (int i = 0; i < config.probes().size(); i++) {
        h.add(new ProbeHistory(historyCapacity));
      }
      this.histories = h.build();
    }

    TargetState snapshot(@Nullable String openIncidentId) {
      return new TargetState(
          config.serverId(),
          health.hard(),
          health.published(),
          health.flapping(),
          health.flapPercent(),
          health.consecutiveFailures(),
          health.consecutiveSuccesses(),
          lastResults,
          lastRoundAt,
          openIncidentId);
    }
  }

  /** Builds {@link Monitor}s; not thread-safe. */
  public static final class Builder {
    private final StatusTracker tracker;
    private @Nullable ProbeEngine engine;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable Clock clock;
    private Random random = new Random();
    private @Nullable IncidentPolicy policy;
    private @Nullable IncidentPolicy configPolicy;
    private MaintenanceSchedule maintenance = MaintenanceSchedule.empty();
    private @Nullable Vantage vantage;
    private @Nullable Vantage configVantage;
    private Duration coverageEvery = Duration.ofMinutes(1);
    private int historyCapacity = 512;
    private @Nullable Executor listenerExecutor;
    private int maxListenerBacklog = 10_000;
    private final List<TargetConfig> targets = new ArrayList<>();
    private final List<HeartbeatConfig> heartbeats = new ArrayList<>();

    private Builder(StatusTracker tracker) {
      this.tracker = requireNonNull(tracker, "tracker");
    }

    /** The engine to run probes on (not closed by the monitor); by default the monitor makes one. */
    public Builder engine(ProbeEngine engine) {
      this.engine = requireNonNull(engine, "engine");
      return this;
    }

    /**
     * The scheduler for rounds and for publishing (not shut down by the monitor); by default the
     * monitor makes a single-thread one.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The clock for observation times; defaults to the tracker's clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The source of jitter; seed it for repeatable schedules. */
    public Builder random(Random random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /**
     * Opens and resolves incidents by this policy (for the servers it {@link
     * IncidentPolicy#appliesTo applies to}); by default the monitor opens none, or those of a
     * {@link #config config} with an {@code incidents} section. This policy wins over the config's.
     */
    public Builder incidentPolicy(@Nullable IncidentPolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * The probe location this monitor reports from, such as {@code "amsterdam"}, under a majority
     * quorum of the locations the board knows for each server; see {@link #vantage(Vantage)}.
     */
    public Builder vantage(String name) {
      return vantage(Vantage.of(name));
    }

    /**
     * The probe location this monitor reports from, and how many locations must agree. Each
     * location's verdict is kept on the board; a server's status is what a quorum of fresh
     * locations agree on ({@link VantageQuorum}), a location that stopped reporting is stale and
     * does not count, and one incident is opened per outage whichever location tips the quorum.
     * By default (null) the monitor has no location and its verdict is the server's status. This
     * wins over a {@link #config config}'s {@code vantage}.
     */
    public Builder vantage(@Nullable Vantage vantage) {
      this.vantage = vantage;
      return this;
    }

    /**
     * How often the monitor tells the board it is watching (one event for all its servers); a
     * report holds for twice this plus the longest interval, after which the time without a
     * report is "no data" on the servers' timelines. One minute by default.
     */
    public Builder coverageEvery(Duration every) {
      requireNonNull(every, "coverageEvery");
      checkArgument(
          every.compareTo(Duration.ofSeconds(1)) >= 0 && every.compareTo(Duration.ofHours(1)) <= 0,
          "coverageEvery must be 1s to 1h: %s",
          every);
      this.coverageEvery = every;
      return this;
    }

    /**
     * Where listeners run; by default the monitor's own daemon threads, stopped on close. The host
     * owns an executor it passes in.
     */
    public Builder listenerExecutor(Executor executor) {
      this.listenerExecutor = requireNonNull(executor, "listenerExecutor");
      return this;
    }

    /** How many undelivered events a listener may fall behind before the oldest are dropped. */
    public Builder maxListenerBacklog(int events) {
      checkArgument(events > 0, "maxListenerBacklog must be positive: %s", events);
      this.maxListenerBacklog = events;
      return this;
    }

    /** Results kept per probe; defaults to 512 (13 bytes each). */
    public Builder historyCapacity(int capacity) {
      checkArgument(capacity >= 1 && capacity <= 1_000_000, "historyCapacity must be 1 to 1000000: %s", capacity);
      this.historyCapacity = capacity;
      return this;
    }

    /** Adds a server to watch. */
    public Builder target(TargetConfig target) {
      targets.add(requireNonNull(target, "target"));
      return this;
    }

    /** Adds a heartbeat (push) monitor; see {@link HeartbeatConfig} and {@link Heartbeats}. */
    public Builder heartbeat(HeartbeatConfig heartbeat) {
      heartbeats.add(requireNonNull(heartbeat, "heartbeat"));
      return this;
    }

    /**
     * Recurring maintenance: while an occurrence covers a server, the incident policy opens no
     * incident for it (so no alert goes out); the server's status is still reported. None by
     * default.
     */
    public Builder maintenance(MaintenanceSchedule schedule) {
      this.maintenance = requireNonNull(schedule, "schedule");
      return this;
    }

    /** Adds every server of a config (its probe targets and its heartbeats), and its incident policy when it has one. */
    public Builder config(MonitorConfig config) {
      targets.addAll(config.targets());
      heartbeats.addAll(config.heartbeats());
      if (config.incidents() != null) {
        configPolicy = config.incidents();
      }
      if (config.vantage() != null) {
        configVantage = config.vantage();
      }
      return this;
    }

    /**
     * Builds the monitor and adds the servers the tracker's board lacks; call {@link
     * Monitor#start()} to begin the schedule.
     */
    public Monitor build() {
      return new Monitor(this);
    }
  }

}
