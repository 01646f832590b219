package io.statuskit.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.Command.AddAddendum;
import io.statuskit.core.Command.AddServer;
import io.statuskit.core.Command.ChangeServer;
import io.statuskit.core.Command.ObserveStatus;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Command.PostUpdate;
import io.statuskit.core.Command.RemoveServer;
import io.statuskit.core.Command.RescheduleMaintenance;
import io.statuskit.core.Command.RetireServer;
import io.statuskit.core.internal.Slugs;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.InMemoryStatusStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final CopyOnWriteArrayList<ListenerQueue> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  private volatile StatusBoard published;
  private StatusBoard head; // guarded by lock: the latest applied board, perhaps not yet durable
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
    this.published = store.load();
    this.head = published;
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
    StatusEvent event;
    CompletionStage<Void> settled;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("tracker is closed");
      }
      StatusBoard before = head;
      event = toEvent(command, before);
      StatusBoard after = before.apply(event);
      CompletionStage<Void> durable = store.append(event, after);
      head = after;
      // Wait for this stage, not for `durable`: it completes only after settle() has published
      // the board, so the caller never returns while board() still shows the version before.
      settled = durable.whenComplete((ok, failure) -> settle(event, after, failure));
    }
    try {
      settled.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for event " + event.sequence() + " to be kept; it may still be", e);
    } catch (ExecutionException e) {
      throw storeFailure(event, e.getCause());
    }
    return event;
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

  private void settle(StatusEvent event, StatusBoard after, @Nullable Throwable failure) {
    if (failure != null) {
      synchronized (lock) {
        if (head.version() >= event.sequence()) {
          head = published;
        }
      }
      log.warn("event {} was not kept; the board stays at version {}", event.sequence(), published.version(), failure);
      return;
    }
    synchronized (lock) {
      if (after.version() > published.version()) {
        published = after;
      }
    }
    for (ListenerQueue listener : listeners) {
      listener.offer(event, after);
    }
  }

  private StatusEvent toEvent(Command command, StatusBoard board) {
    long sequence = board.version() + 1;
    OffsetDateTime time = command.at() != null ? command.at() : OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Instant at = time.toInstant();
    if (command instanceof AddServer) {
      return new StatusEvent.ServerAdded(sequence, at, ((AddServer) command).server());
    } else if (command instanceof ChangeServer) {
      return new StatusEvent.ServerChanged(sequence, at, ((ChangeServer) command).server());
    } else if (command instanceof RetireServer) {
      RetireServer retire = (RetireServer) command;
      return new StatusEvent.ServerRetired(sequence, at, retire.serverId(), retire.replacedBy());
    } else if (command instanceof RemoveServer) {
      return new StatusEvent.ServerRemoved(sequence, at, ((RemoveServer) command).serverId());
    } else if (command instanceof ObserveStatus) {
      ObserveStatus observe = (ObserveStatus) command;
      return new StatusEvent.StatusObserved(sequence, at, observe.serverId(), observe.status(), observe.detail());
    } else if (command instanceof OpenIncident) {
      return new StatusEvent.IncidentOpened(sequence, at, newIncident((OpenIncident) command, board, time));
    } else if (command instanceof PostUpdate) {
      PostUpdate post = (PostUpdate) command;
      Incident incident = incident(board, post.incidentId());
      IncidentUpdate update =
          new IncidentUpdate(
              updateId(incident), time, post.state(), post.body(), post.statusChanges(), false, post.title());
      return new StatusEvent.IncidentUpdated(sequence, at, incident.id(), update);
    } else if (command instanceof AddAddendum) {
      AddAddendum addendum = (AddAddendum) command;
      Incident incident = incident(board, addendum.incidentId());
      IncidentUpdate update =
          new IncidentUpdate(
              updateId(incident), time, incident.state(), addendum.body(), ImmutableMap.of(), true, addendum.title());
      return new StatusEvent.IncidentUpdated(sequence, at, incident.id(), update);
    } else if (command instanceof RescheduleMaintenance) {
      RescheduleMaintenance move = (RescheduleMaintenance) command;
      return new StatusEvent.MaintenanceRescheduled(sequence, at, move.incidentId(), move.window());
    }
    throw new IllegalArgumentException("command: unknown type " + command.getClass().getName());
  }

  private static Incident newIncident(OpenIncident open, StatusBoard board, OffsetDateTime time) {
    String id = open.id() != null ? open.id() : newId(open.title(), time, board);
    IncidentState state = open.state() != null ? open.state() : IncidentState.initial(open.kind());
    IncidentUpdate first = new IncidentUpdate(id + "-1", time, state, open.body(), open.statusChanges(), false);
    Map<String, Status> affected = new java.util.LinkedHashMap<>(open.affected());
    open.statusChanges().forEach((server, status) -> affected.merge(server, status, Status::worst));
    return new Incident(
        id,
        open.kind(),
        open.title(),
        open.impact(),
        ImmutableMap.copyOf(affected),
        open.tags(),
        open.categories(),
        com.google.common.collect.ImmutableList.of(first),
        open.window(),
        0);
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

  private Incident post(Command command) {
    StatusEvent.IncidentUpdated event = (StatusEvent.IncidentUpdated) execute(command);
    StatusBoard board = board();
    return incident(board, event.incidentId());
  }

  // ---------------------------------------------------------------- listeners

  /**
   * Adds a listener; it receives every event applied from now on, in order, on the listener
   * executor. Each listener has its own queue of at most {@link Builder#maxListenerBacklog}
   * events; when a listener falls that far behind, its oldest events are dropped and a warning
   * is logged.
   *
   * @return a handle whose {@code close()} removes the listener
   */
  public Subscription subscribe(StatusListener listener) {
    ListenerQueue queue = new ListenerQueue(requireNonNull(listener, "listener"));
    listeners.add(queue);
    return () -> listeners.remove(queue);
  }

  /** A registration that can be undone. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    /** Stops delivery to the listener. */
    @Override
    void close();
  }

  private final class ListenerQueue implements Runnable {
    private final StatusListener listener;
    private final ArrayDeque<Object[]> queue = new ArrayDeque<>();
    private boolean draining; // guarded by queue
    private long dropped; // guarded by queue

    ListenerQueue(StatusListener listener) {
      this.listener = listener;
    }

    void offer(StatusEvent event, StatusBoard board) {
      boolean start;
      synchronized (queue) {
        if (queue.size() >= maxBacklog) {
          queue.pollFirst();
          if (dropped++ % 1000 == 0) {
            log.warn("listener {} is {} events behind; dropping its oldest events", listener, maxBacklog);
          }
        }
        queue.addLast(new Object[] {event, board});
        start = !draining;
        draining = true;
      }
      if (start) {
        try {
          listenerExecutor.execute(this);
        } catch (RuntimeException e) {
          synchronized (queue) {
            draining = false;
          }
          log.warn("listener executor refused to run listener {}", listener, e);
        }
      }
    }

    @Override
    public void run() {
      while (true) {
        Object[] next;
        synchronized (queue) {
          next = queue.pollFirst();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          listener.onEvent((StatusEvent) next[0], (StatusBoard) next[1]);
        } catch (RuntimeException | Error e) {
          log.warn("listener {} failed on event {}", listener, ((StatusEvent) next[0]).sequence(), e);
        }
      }
    }
  }

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

    private Builder() {}

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
