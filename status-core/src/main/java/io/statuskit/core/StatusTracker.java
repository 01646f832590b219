package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.Command.AddAddendum;
import io.statuskit.core.Command.AddNote;
import io.statuskit.core.Command.AddServer;
import io.statuskit.core.Command.ChangeServer;
import io.statuskit.core.Command.ObserveStatus;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.PostUpdate;
import io.statuskit.core.Command.RemoveServer;
import io.statuskit.core.Command.ReportHealth;
import io.statuskit.core.Command.RescheduleMaintenance;
import io.statuskit.core.Command.RetireServer;
import io.statuskit.core.internal.Slugs;
import io.statuskit.core.spi.CommandObserver;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreConflictException;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.InMemoryStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for changes: validates {@link Command}s against the current board, applies
 * them atomically, keeps them through a {@link StatusStore}, publishes the new {@link
 * StatusBoard} and tells listeners.
 *
 * <p>A command either applies whole or not at all: a rejected command throws ({@link
 * IllegalArgumentException} for a bad or unknown value, {@link IllegalStateException} for a
 * conflict or a lifecycle step that is not allowed, {@link StoreException} when the store cannot
 * keep it) and the board stays as it was. A call returns only once the store holds the event
 * durably; the board published to readers never runs ahead of the store. Concurrent callers
 * queue their events together, so a journal can make them durable with one fsync.
 *
 * <p>{@link #board()} is a volatile read: readers never lock and always see a whole board.
 *
 * <pre>{@code
 * try (StatusTracker tracker = StatusTracker.inMemory(Clock.systemUTC())) {
 *   tracker.addServer(Server.builder("NC027").name("Mail server").build());
 *   tracker.observe("NC027", Status.MAJOR_OUTAGE, "connect timed out");
 *   Incident incident = tracker.openIncident(
 *       OpenIncident.incident("NC027: Mail server shut down").affecting("NC027", MAJOR_OUTAGE).build());
 *   tracker.resolve(incident.id(), Body.plain("NC027: Mail server back online"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop its listener threads and close its store.
 */
public final class StatusTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);
  private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

  private final Clock clock;
  private final StatusStore store;
  private final Executor listenerExecutor;
  private final @Nullable ExecutorService ownedExecutor;
  private final int maxBacklog;
  private final EventDispatcher<StatusListener, Delivery> listeners;
  private final Object lock = new Object();

  private final int maxAttempts;
  private final CommandObserver observer;
  private final ExecutorService follower;
  private final Subscription following;

  private volatile StatusBoard published; // written under lock
  private StatusBoard head; // guarded by lock: the latest applied board, perhaps not yet durable
  private int inFlight; // guarded by lock: appends whose stage has not completed
  private boolean failed; // guarded by lock: an append in flight failed; roll back when none is left
  private boolean behind; // guarded by lock: the store may hold events of other writers not yet applied
  private boolean closed; // guarded by lock

  private StatusTracker(Builder builder) {
    this.clock = builder.clock;
    this.store = builder.store;
    this.maxBacklog = builder.maxListenerBacklog;
    if (builder.listenerExecutor == null) {
      ExecutorService executor =
          Executors.newCachedThreadPool(
              new ThreadFactoryBuilder().setNameFormat("statuskit-listener-%d").setDaemon(true).build());
      this.ownedExecutor = executor;
      this.listenerExecutor = executor;
    } else {
      this.ownedExecutor = null;
      this.listenerExecutor = builder.listenerExecutor;
    }
    this.listeners =
        new EventDispatcher<>(listenerExecutor, maxBacklog, (listener, d) -> listener.onEvent(d.event(), d.board()));
    this.maxAttempts = builder.maxAttempts;
    this.observer = builder.observer;
    this.published = store.load();
    this.head = published;
    this.follower =
        Executors.newSingleThreadExecutor(
            new ThreadFactoryBuilder().setNameFormat("statuskit-follower-%d").setDaemon(true).build());
    this.following = store.follow(this::othersAppended);
  }

  /** A tracker on an in-memory store. */
  public static StatusTracker inMemory(Clock clock) {
    return builder().clock(clock).build();
  }

  /** A builder: system UTC clock, in-memory store, listeners on the tracker's own threads. */
  public static Builder builder() {
    return new Builder();
  }

  /** The current board: the latest durable state. Never blocks. */
  public StatusBoard board() {
    return published;
  }

  /** The tracker's clock. */
  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- commands

  /**
   * Applies a command and returns the event it became, once the store holds it.
   *
   * @throws IllegalArgumentException if a value is bad or names an unknown server or incident
   * @throws IllegalStateException if it conflicts with the board or the lifecycle, or the
   *     tracker is closed
   * @throws StoreException if the store cannot keep it
   */
  public StatusEvent execute(Command command) {
    requireNonNull(command, "command");
    CommandObserver.Execution execution = CommandObserver.Execution.NONE;
    try {
      execution = observer.started(command);
    } catch (RuntimeException e) {
      log.warn("the command observer failed on start; the command goes on", e);
    }
    StatusEvent event;
    try {
      event = executeObserved(command);
    } catch (RuntimeException e) {
      finished(execution, null, e);
      throw e;
    }
    finished(execution, event, null);
    return event;
  }

  private static void finished(
      CommandObserver.Execution execution, @Nullable StatusEvent event, @Nullable RuntimeException failure) {
    try {
      execution.finished(event, failure);
    } catch (RuntimeException e) {
      log.warn("the command observer failed on finish", e);
    }
  }

  private StatusEvent executeObserved(Command command) {
    StoreConflictException lost = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      StatusEvent event;
      CompletionStage<@Nullable Throwable> settled;
      synchronized (lock) {
        awaitSettledIfFailed();
        if (closed) {
          throw new IllegalStateException("tracker is closed");
        }
        if (behind && inFlight == 0) {
          catchUp();
        }
        StatusBoard before = head;
        try {
          event = toEvent(command, before);
          // The rules are checked here, on the command's event against the board it follows,
          // and never on replay: a kept event is trusted.
          before.check(event);
        } catch (IllegalArgumentException | IllegalStateException e) {
          // A command is refused only against the newest board: another writer may have kept
          // what makes it valid (the server it names, the incident it updates). Appends of ours
          // still in flight are waited for first: catching up needs none in flight, and with a
          // shared store they are often why this tracker has not caught up yet.
          if (attempt < maxAttempts && boardMovedAfterCatchingUp(before, e)) {
            continue;
          }
          throw e;
        }
        StatusBoard after = before.apply(event);
        CompletionStage<Void> durable = store.append(event, after);
        inFlight++;
        head = after;
        // Wait for this stage, not for `durable`: it completes only after settle() has published
        // the board, so the caller never returns while board() still shows the version before.
        settled = durable.handle((ok, failure) -> settle(event, after, failure));
      }
      Throwable failure;
      try {
        failure = settled.toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for event " + event.sequence() + " to be kept; it may still be", e);
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      if (failure == null) {
        return event;
      }
      Throwable cause = unwrap(failure);
      if (!(cause instanceof StoreConflictException conflict)) {
        throw storeFailure(event, cause);
      }
      // Another writer kept this version first: catch up and check the command again.
      lost = conflict;
      log.debug("event {} lost a race to another writer (attempt {}); catching up", event.sequence(), attempt);
    }
    throw new StoreConflictException(
        requireNonNull(lost).sequence(),
        lost.kept(),
        "the store (gave up after " + maxAttempts + " attempts, each lost to another writer: " + lost.getMessage() + ")");
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Waits, under the lock, until a failed append's followers have settled and head rolled back. */
  private void awaitSettledIfFailed() {
    boolean interrupted = false;
    while (failed && inFlight > 0) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Applies what other writers kept after the published board, publishes it and tells listeners;
   * under the lock, with nothing of ours in flight. When the store no longer has those events
   * (compacted), loads the whole board instead; listeners then see no events for that gap.
   */
  private void catchUp() {
    StatusBoard board = published;
    List<StatusEvent> events;
    try {
      events = store.eventsAfter(board.version());
    } catch (StoreException e) {
      StatusBoard loaded = store.load();
      log.warn("cannot read the events after version {} ({}); loaded the board at version {} instead",
          board.version(), e.getMessage(), loaded.version());
      if (loaded.version() > board.version()) {
        published = loaded;
        head = loaded;
      }
      behind = false;
      return;
    }
    for (StatusEvent event : events) {
      if (event.sequence() <= board.version()) {
        continue;
      }
      board = board.apply(event);
      published = board;
      head = board;
      listeners.publish(new Delivery(event, board));
    }
    behind = false;
  }

  /**
   * Under the lock: waits until none of our appends is in flight, catches up, and tells whether
   * the board now differs from {@code refusedAgainst} (events of others, or ours settling).
   */
  private boolean boardMovedAfterCatchingUp(StatusBoard refusedAgainst, RuntimeException refusal) {
    boolean interrupted = false;
    while (inFlight > 0 && !closed) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (closed) {
      return false;
    }
    caughtUpWithNewEvents(refusal);
    return head != refusedAgainst;
  }

  /** Catches up under the lock; whether that brought events of other writers. */
  private boolean caughtUpWithNewEvents(RuntimeException refusal) {
    long version = published.version();
    try {
      catchUp();
    } catch (RuntimeException e) {
      refusal.addSuppressed(e);
      return false;
    }
    return published.version() > version;
  }

  /** Called by the store when others may have appended; catches up on the follower thread. */
  private void othersAppended() {
    try {
      follower.execute(this::catchUpNowOrLater);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private void catchUpNowOrLater() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      behind = true;
      if (inFlight == 0) {
        try {
          catchUp();
        } catch (RuntimeException e) {
          log.warn("cannot catch up with other writers; will try again on the next command or notice", e);
        }
      }
    }
  }

  private static StoreException storeFailure(StatusEvent event, @Nullable Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause == null) {
      return new StoreException("store could not keep event " + event.sequence());
    }
    String message = cause instanceof StoreException && cause.getMessage() != null
        ? cause.getMessage()
        : "store could not keep event " + event.sequence() + ": " + cause;
    return new StoreException(message, cause);
  }

  /** Publishes a kept event, or notes a failed one; returns the failure for the caller. */
  private @Nullable Throwable settle(StatusEvent event, StatusBoard after, @Nullable Throwable failure) {
    boolean catchUpLater = false;
    synchronized (lock) {
      inFlight--;
      if (failure == null) {
        if (after.version() > published.version()) {
          published = after;
        }
        // Offered under the lock so that listeners see this writer's and other writers' events in
        // one order, the store's.
        listeners.publish(new Delivery(event, after));
      } else {
        failed = true;
        if (unwrap(failure) instanceof StoreConflictException) {
          behind = true;
        } else {
          log.warn("event {} was not kept; the board stays at version {}", event.sequence(), published.version(), failure);
        }
      }
      if (inFlight == 0) {
        if (failed) {
          head = published;
          failed = false;
        }
        catchUpLater = behind;
        lock.notifyAll();
      }
    }
    if (catchUpLater) {
      othersAppended();
    }
    return failure;
  }

  private StatusEvent toEvent(Command command, StatusBoard board) {
    long sequence = board.version() + 1;
    OffsetDateTime time = command.at() != null ? command.at() : OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Instant at = time.toInstant();
    if (command instanceof AddServer add) {
      return new StatusEvent.ServerAdded(sequence, at, add.server());
    } else if (command instanceof ChangeServer change) {
      return new StatusEvent.ServerChanged(sequence, at, change.server());
    } else if (command instanceof RetireServer retire) {
      return new StatusEvent.ServerRetired(sequence, at, retire.serverId(), retire.replacedBy());
    } else if (command instanceof RemoveServer remove) {
      return new StatusEvent.ServerRemoved(sequence, at, remove.serverId());
    } else if (command instanceof Command.ForgetVantage forget) {
      return new StatusEvent.VantageForgotten(sequence, at, forget.vantage());
    } else if (command instanceof ObserveStatus observe) {
      return new StatusEvent.StatusObserved(sequence, at, observe.serverId(), observe.status(), observe.detail());
    } else if (command instanceof OpenIncident open) {
      return new StatusEvent.IncidentOpened(sequence, at, newIncident(open, open.origin(), board, time));
    } else if (command instanceof PostUpdate post) {
      Incident incident = incident(board, post.incidentId());
      IncidentUpdate update =
          new IncidentUpdate(
              updateId(incident), time, post.state(), post.body(), post.statusChanges(), false, post.title());
      return new StatusEvent.IncidentUpdated(sequence, at, incident.id(), update);
    } else if (command instanceof AddAddendum addendum) {
      Incident incident = incident(board, addendum.incidentId());
      IncidentUpdate update =
          new IncidentUpdate(
              updateId(incident), time, incident.state(), addendum.body(), ImmutableMap.of(), true, addendum.title());
      return new StatusEvent.IncidentUpdated(sequence, at, incident.id(), update);
    } else if (command instanceof AddNote note) {
      Incident incident = incident(board, note.incidentId());
      IncidentUpdate update = IncidentUpdate.note(updateId(incident), time, incident.state(), note.body());
      return new StatusEvent.IncidentUpdated(sequence, at, incident.id(), update);
    } else if (command instanceof RescheduleMaintenance move) {
      return new StatusEvent.MaintenanceRescheduled(sequence, at, move.incidentId(), move.window());
    } else if (command instanceof ReportHealth report) {
      return healthReported(report, board, sequence, time);
    } else if (command instanceof Command.ReportCoverage coverage) {
      Instant until = coverage.until().toInstant();
      return new StatusEvent.CoverageReported(
          sequence, at, coverage.origin(), coverage.servers(), until.isBefore(at) ? at : until, coverage.vantage());
    }
    throw new IllegalArgumentException("command: unknown type " + command.getClass().getName());
  }

  private static StatusEvent.HealthReported healthReported(
      ReportHealth report, StatusBoard board, long sequence, OffsetDateTime time) {
    ServerStatus server =
        board
            .serverStatus(report.serverId())
            .orElseThrow(() -> new IllegalArgumentException("serverId: unknown server \"" + report.serverId() + "\""));
    if (report.vantage() != null) {
      return vantageReported(report, requireNonNull(report.vantage()), server, board, sequence, time);
    }
    Instant at = time.toInstant();
    // The status holds from the start of its streak, but never before the last observation (a
    // person or another monitor may have reported since) nor after the report itself.
    Instant observedAt = report.since().toInstant();
    Instant last = server.observedAt();
    if (last != null && observedAt.isBefore(last)) {
      observedAt = last;
    }
    if (observedAt.isAfter(at)) {
      observedAt = at;
    }
    Incident existing = board.openIncidentFrom(report.origin()).orElse(null);
    Incident opened = null;
    OpenIncident open = report.open();
    if (open != null && existing == null) {
      opened = newIncident(open, report.origin(), board, time);
    }
    String resolvedId = null;
    IncidentUpdate resolution = null;
    ReportHealth.Resolution text = report.resolution();
    if (text != null && existing != null) {
      Outage outage = endedOutage(server.timeline(), existing, observedAt);
      resolution =
          new IncidentUpdate(
              updateId(existing), time, text.state(), text.body(outage), ImmutableMap.of(), false, text.title(outage));
      resolvedId = existing.id();
    }
    return new StatusEvent.HealthReported(
        sequence, at, report.serverId(), report.origin(), report.status(), report.detail(), observedAt, opened, resolvedId, resolution);
  }

  /**
   * One location's report: the board keeps the location's own verdict, and the server's status is
   * what the quorum of fresh locations makes of the verdicts with this one ({@link
   * VantageQuorum#combine}). The report's incident opens only when that status is an outage, its
   * resolution applies only when the status is known and no longer one: so of three locations
   * that each report an outage, the one that makes the quorum opens the incident, and the one that
   * breaks it resolves it.
   */
  private static StatusEvent.HealthReported vantageReported(
      ReportHealth report, Vantage vantage, ServerStatus server, StatusBoard board, long sequence, OffsetDateTime time) {
    Instant at = time.toInstant();
    Instant since = report.since().toInstant();
    if (since.isAfter(at)) {
      since = at;
    }
    StatusEvent.VantageReport own = new StatusEvent.VantageReport(vantage, report.status(), report.detail(), since);
    Coverage coverage = server.coverage();
    Map<String, VantageVerdict> verdicts = new TreeMap<>(coverage == null ? Map.of() : coverage.vantages());
    verdicts.put(vantage.name(), StatusBoard.verdict(verdicts.get(vantage.name()), own, at));
    Status combined = vantage.quorum().combine(verdicts.values(), at);
    Instant last = server.observedAt();
    // after a span without data (recorded already, or to be recorded by this report because the
    // quorum's lease lapsed) the status holds from the report, never back into the span
    boolean afterGap =
        last != null && server.timeline().current() == Status.UNKNOWN
            || coverage != null && at.isAfter(coverage.until());
    Instant observedAt;
    String detail;
    if (combined == server.observed() && last != null && !afterGap) {
      // the server's status stands: the location's verdict is kept, the server's observation is not moved
      observedAt = last;
      detail = server.detail();
    } else {
      observedAt = combined == Status.UNKNOWN || afterGap ? at : since;
      if (last != null && observedAt.isBefore(last)) {
        observedAt = last;
      }
      detail = report.detail() == null ? null : prefixed(vantage.name(), report.detail());
    }
    boolean outage = combined.compareTo(Status.PARTIAL_OUTAGE) >= 0;
    boolean recovered = combined == Status.OPERATIONAL || combined == Status.DEGRADED_PERFORMANCE;
    Incident existing = board.openIncidentFrom(report.origin()).orElse(null);
    Incident opened = null;
    OpenIncident open = report.open();
    if (open != null && existing == null && outage) {
      opened = newIncident(open, report.origin(), board, time);
    }
    String resolvedId = null;
    IncidentUpdate resolution = null;
    ReportHealth.Resolution text = report.resolution();
    if (text != null && existing != null && recovered) {
      Outage ended = endedOutage(server.timeline(), existing, observedAt);
      resolution =
          new IncidentUpdate(
              updateId(existing), time, text.state(), text.body(ended), ImmutableMap.of(), false, text.title(ended));
      resolvedId = existing.id();
    }
    return new StatusEvent.HealthReported(
        sequence, at, report.serverId(), report.origin(), combined, detail, observedAt, opened, resolvedId, resolution, own);
  }

  /** A location's note as the server's: "frankfurt: tcp …: refused", cut to one line's length. */
  private static String prefixed(String vantage, String detail) {
    String text = vantage + ": " + detail;
    if (text.length() <= 500) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(496)) ? 496 : 497;
    return text.substring(0, end) + "...";
  }

  /**
   * The outage that a monitor's incident covered and that ends at {@code end}: from the start of
   * the run of not-up statuses on the server's timeline that is current, or from the incident's
   * opening when the timeline shows none.
   */
  private static Outage endedOutage(Timeline timeline, Incident incident, Instant end) {
    List<StatusChange> changes = timeline.changes();
    Instant start = null;
    Status worst = Status.MAJOR_OUTAGE;
    boolean sawDown = false;
    for (int i = changes.size() - 1; i >= 0; i--) {
      Status status = changes.get(i).status();
      if (status == Status.OPERATIONAL || status == Status.DEGRADED_PERFORMANCE) {
        break;
      }
      if (status != Status.UNKNOWN) { // a span without data inside an outage is part of it, never its start
        start = changes.get(i).at();
        worst = sawDown ? worst.worst(status) : status;
        sawDown = true;
      }
    }
    if (start == null || start.isAfter(end)) {
      start = incident.createdInstant().isAfter(end) ? end : incident.createdInstant();
    }
    return new Outage(timeline.serverId(), start, end, sawDown ? worst : Status.MAJOR_OUTAGE);
  }

  private static Incident newIncident(OpenIncident open, @Nullable String origin, StatusBoard board, OffsetDateTime time) {
    String id = open.id() != null ? open.id() : newId(open.title(), time, board);
    IncidentState state = open.state() != null ? open.state() : IncidentState.initial(open.kind());
    IncidentUpdate first = new IncidentUpdate(id + "-1", time, state, open.body(), open.statusChanges(), false);
    Map<String, Status> affected = new LinkedHashMap<>(open.affected());
    open.statusChanges().forEach((server, status) -> affected.merge(server, status, Status::worst));
    return new Incident(
        id,
        open.kind(),
        open.title(),
        open.impact(),
        ImmutableMap.copyOf(affected),
        open.tags(),
        open.categories(),
        ImmutableList.of(first),
        open.window(),
        0,
        origin);
  }

  /** A readable id from the date and the title's slug, such as "20161123-nc027-mail-server-shut-down". */
  private static String newId(String title, OffsetDateTime time, StatusBoard board) {
    String slug = Slugs.slugify(title);
    String base = ID_DATE.format(time.withOffsetSameInstant(ZoneOffset.UTC)) + "-" + slug;
    if (base.length() > 56) {
      base = base.substring(0, 56);
      while (base.endsWith("-")) {
        base = base.substring(0, base.length() - 1);
      }
    }
    String id = base;
    for (int n = 2; board.incident(id).isPresent(); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static String updateId(Incident incident) {
    return incident.id() + "-" + (incident.updates().size() + 1);
  }

  private static Incident incident(StatusBoard board, String id) {
    return board
        .incident(id)
        .orElseThrow(() -> new IllegalArgumentException("incident.id: unknown incident \"" + id + "\""));
  }

  /**
   * Reports a server's health as a monitor settled on it, with the incident it opens or resolves,
   * as one event; see {@link ReportHealth}.
   */
  public StatusEvent.HealthReported reportHealth(ReportHealth report) {
    return (StatusEvent.HealthReported) execute(report);
  }

  /**
   * Records that a monitor watches these servers until a time; see {@link Command.ReportCoverage}.
   */
  public StatusEvent.CoverageReported reportCoverage(Command.ReportCoverage report) {
    return (StatusEvent.CoverageReported) execute(report);
  }

  /** Adds a server; see {@link AddServer}. */
  public Server addServer(Server server) {
    execute(new AddServer(server, null));
    return server;
  }

  /** Changes a server's description; see {@link ChangeServer}. */
  public Server changeServer(Server server) {
    execute(new ChangeServer(server, null));
    return board().server(server.id()).orElseThrow();
  }

  /** Retires a server, optionally naming its replacement; see {@link RetireServer}. */
  public Server retireServer(String serverId, @Nullable String replacedBy) {
    execute(new RetireServer(serverId, replacedBy, null));
    return board().server(serverId).orElseThrow();
  }

  /** Removes a server no incident names; see {@link RemoveServer}. */
  public void removeServer(String serverId) {
    execute(new RemoveServer(serverId, null));
  }

  /** Forgets a probe location that is gone for good; see {@link Command.ForgetVantage}. */
  public void forgetVantage(String vantage) {
    execute(new Command.ForgetVantage(vantage, null));
  }

  /** Records an observed status now and returns the server's effective status after it. */
  public Status observe(String serverId, Status status) {
    return observe(serverId, status, null);
  }

  /** Records an observed status with a note now and returns the effective status after it. */
  public Status observe(String serverId, Status status, @Nullable String detail) {
    execute(new ObserveStatus(serverId, status, detail, null));
    return board().status(serverId);
  }

  /** Opens an incident, maintenance or notice and returns it as opened. */
  public Incident openIncident(OpenIncident open) {
    StatusEvent.IncidentOpened event = (StatusEvent.IncidentOpened) execute(open);
    return event.incident();
  }

  /**
   * Schedules a maintenance.
   *
   * @throws IllegalArgumentException if {@code open} is not a maintenance
   */
  public Incident scheduleMaintenance(OpenIncident open) {
    checkArgument(open.kind() == IncidentKind.MAINTENANCE, "kind must be maintenance: %s", open.kind().key());
    return openIncident(open);
  }

  /**
   * Posts a notice.
   *
   * @throws IllegalArgumentException if {@code open} is not a notice
   */
  public Incident postNotice(OpenIncident open) {
    checkArgument(open.kind() == IncidentKind.NOTICE, "kind must be notice: %s", open.kind().key());
    return openIncident(open);
  }

  /** Posts an update now and returns the incident after it. */
  public Incident postUpdate(String incidentId, IncidentState state, Body body) {
    return post(new PostUpdate(incidentId, state, body, ImmutableMap.of(), null));
  }

  /** Posts an update declaring server statuses now and returns the incident after it. */
  public Incident postUpdate(String incidentId, IncidentState state, Body body, Map<String, Status> statusChanges) {
    return post(new PostUpdate(incidentId, state, body, ImmutableMap.copyOf(statusChanges), null));
  }

  /** Resolves an incident now. */
  public Incident resolve(String incidentId, Body body) {
    return resolve(incidentId, body, null);
  }

  /** Resolves an incident at the given time (or now when null). */
  public Incident resolve(String incidentId, Body body, @Nullable OffsetDateTime at) {
    return post(new PostUpdate(incidentId, IncidentState.RESOLVED, body, ImmutableMap.of(), at));
  }

  /** Starts a maintenance now: its servers show under maintenance. */
  public Incident startMaintenance(String incidentId, Body body) {
    return post(new PostUpdate(incidentId, IncidentState.IN_PROGRESS, body, ImmutableMap.of(), null));
  }

  /** Completes a maintenance now. */
  public Incident completeMaintenance(String incidentId, Body body) {
    return post(new PostUpdate(incidentId, IncidentState.COMPLETED, body, ImmutableMap.of(), null));
  }

  /** Cancels a maintenance now. */
  public Incident cancelMaintenance(String incidentId, Body body) {
    return post(new PostUpdate(incidentId, IncidentState.CANCELLED, body, ImmutableMap.of(), null));
  }

  /** Moves a maintenance window now. */
  public Incident rescheduleMaintenance(String incidentId, MaintenanceWindow window) {
    execute(new RescheduleMaintenance(incidentId, window, null));
    return incident(board(), incidentId);
  }

  /** Adds an addendum to a closed incident now; it stays closed. */
  public Incident addAddendum(String incidentId, Body body) {
    return post(new AddAddendum(incidentId, body, null));
  }

  /**
   * Adds an internal note to an incident: staff only, it keeps the incident's state and the
   * public never sees it.
   *
   * @return the incident with the note
   * @throws IllegalArgumentException if there is no such incident
   */
  public Incident addNote(String incidentId, Body body) {
    return post(new AddNote(incidentId, body, null));
  }

  private Incident post(Command command) {
    StatusEvent.IncidentUpdated event = (StatusEvent.IncidentUpdated) execute(command);
    StatusBoard board = board();
    return incident(board, event.incidentId());
  }

  // ---------------------------------------------------------------- listeners

  /**
   * Adds a listener; it receives every event applied from now on, in order, on the listener
   * executor, including the events of other writers on a shared store. Each listener has its own
   * queue of at most {@link Builder#maxListenerBacklog} events; when a listener falls that far
   * behind, its oldest events are dropped and a warning is logged.
   *
   * @return a handle whose {@code close()} removes the listener
   */
  public Subscription subscribe(StatusListener listener) {
    return listeners.subscribe(listener);
  }

  /** An event with the board right after it, as a listener receives them. */
  private record Delivery(StatusEvent event, StatusBoard board) {}

  /**
   * Stops accepting commands, lets queued listener deliveries finish for up to five seconds,
   * stops the tracker's own listener threads and closes the store.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    following.close();
    follower.shutdownNow();
    listeners.clear();
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    store.close();
  }

  /** Builds {@link StatusTracker}s; not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private StatusStore store = new InMemoryStatusStore();
    private @Nullable Executor listenerExecutor;
    private int maxListenerBacklog = 10_000;
    private int maxAttempts = 16;
    private CommandObserver observer = CommandObserver.NONE;

    private Builder() {}

    /**
     * Told of every command from its call to its return or exception, for timing and counting
     * (status-micrometer's {@code TrackerMetrics}); by default none.
     */
    public Builder commandObserver(CommandObserver observer) {
      this.observer = requireNonNull(observer, "observer");
      return this;
    }

    /**
     * How many times a command that lost a race to another writer on a shared store is checked
     * again against the newer board and retried before the tracker gives up with a {@link
     * io.statuskit.core.spi.StoreConflictException}; 16 by default.
     */
    public Builder maxAttempts(int attempts) {
      checkArgument(attempts > 0, "maxAttempts must be positive: %s", attempts);
      this.maxAttempts = attempts;
      return this;
    }

    /** The clock that times commands that give no time of their own. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Where events are kept; the tracker loads the board from it and closes it on close. */
    public Builder store(StatusStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * Where listeners run; by default the tracker's own daemon threads, stopped on close. The
     * host owns an executor it passes in.
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

    /**
     * Loads the board from the store and builds the tracker.
     *
     * @throws StoreException if the store cannot be read
     */
    public StatusTracker build() {
      return new StatusTracker(this);
    }
  }
}
