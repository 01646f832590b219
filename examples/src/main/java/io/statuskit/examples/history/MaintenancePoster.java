package io.statuskit.examples.history;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.Body;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each occurrence of recurring maintenance on the board as it comes, so the page, its feeds
 * and subscribers see it as any other maintenance, and moves it through the usual states on
 * time: the next occurrence of each definition is scheduled (once its previous one is over),
 * started when its window opens (its servers show under maintenance) and completed when it
 * closes. Each occurrence's incident has a fixed id ({@code <definition>-<start, UTC>}) and the
 * origin {@code recurring:<definition>}, so a restart or a second node posts nothing twice. Runs
 * every 30 seconds on its own thread once {@link #start()}ed; {@link #runOnce()} does one pass.
 * Thread-safe.
 */
public final class MaintenancePoster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MaintenancePoster.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final StatusTracker tracker;
  private final MaintenanceSchedule schedule;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable ScheduledFuture<?> task;

  /** A poster of these definitions' occurrences to the tracker. */
  public MaintenancePoster(StatusTracker tracker, MaintenanceSchedule schedule, Clock clock) {
    this.tracker = requireNonNull(tracker, "tracker");
    this.schedule = requireNonNull(schedule, "schedule");
    this.clock = requireNonNull(clock, "clock");
  }

  /** The origin of the incidents posted for a definition's occurrences. */
  public static String origin(RecurringMaintenance definition) {
    return "recurring:" + definition.id();
  }

  /** The id of the incident of the occurrence of a definition that starts at {@code start}. */
  public static String incidentId(RecurringMaintenance definition, Instant start) {
    String id = definition.id() + "-" + STAMP.format(start).toLowerCase(Locale.ROOT);
    if (id.length() <= 64) {
      return id;
    }
    return "recurring-" + Hashing.sha256().hashString(id, StandardCharsets.UTF_8).toString().substring(0, 32);
  }

  /** Runs {@link #runOnce()} now and every 30 seconds on a thread of its own. */
  public synchronized void start() {
    if (scheduler != null || schedule.definitions().isEmpty()) {
      return;
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("statuskit-maintenance").setDaemon(true).build());
    scheduler = s;
    task = s.scheduleWithFixedDelay(this::runSafely, 0, 30, TimeUnit.SECONDS);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("recurring maintenance: a pass failed; the next one tries again", e);
    }
  }

  /**
   * One pass at the clock's now: for each definition, completes its occurrences whose window has
   * closed, starts the one whose window is open, and schedules the next one if it is not on the
   * board yet.
   */
  public synchronized void runOnce() {
    Instant now = clock.instant();
    for (RecurringMaintenance definition : schedule.definitions()) {
      String origin = origin(definition);
      StatusBoard board = tracker.board();
      for (Incident incident : board.incidents()) {
        MaintenanceWindow window = incident.window();
        if (!origin.equals(incident.origin()) || !incident.isOpen() || window == null) {
          continue;
        }
        if (!now.isBefore(window.end())) {
          if (incident.state() == IncidentState.SCHEDULED) {
            // the whole window passed while nothing ran here: it did open, on the calendar
            tracker.startMaintenance(incident.id(), Body.plain("The maintenance window is open: " + definition.title() + "."));
          }
          tracker.completeMaintenance(incident.id(), Body.plain("The maintenance window has closed: " + definition.title() + "."));
        } else if (!now.isBefore(window.start()) && incident.state() == IncidentState.SCHEDULED) {
          tracker.startMaintenance(incident.id(), Body.plain("The maintenance window is open: " + definition.title() + "."));
        }
      }
      // The current occurrence, or else the next one.
      Optional<MaintenanceWindow> current = definition.occurrenceAt(now);
      MaintenanceWindow next = current.isPresent() ? current.get() : first(definition, now);
      if (next == null) {
        continue;
      }
      String id = incidentId(definition, next.start());
      if (tracker.board().incident(id).isPresent()) {
        continue;
      }
      OpenIncident.Builder open =
          OpenIncident.maintenance(definition.title(), next)
              .id(id)
              .origin(origin)
              .impact(Impact.NONE)
              .body(Body.plain(definition.title() + " (recurring: " + definition.rule().toRrule() + ", " + definition.zone().getId() + ")."));
      for (String server : definition.servers()) {
        open.affecting(server, Status.UNDER_MAINTENANCE);
      }
      Incident posted = tracker.scheduleMaintenance(open.build());
      log.info("recurring maintenance {}: scheduled {} ({} to {})", definition.id(), posted.id(), next.start(), next.end());
      if (!now.isBefore(next.start())) {
        tracker.startMaintenance(id, Body.plain("The maintenance window is open: " + definition.title() + "."));
      }
    }
  }

  private static @Nullable MaintenanceWindow first(RecurringMaintenance definition, Instant now) {
    // Most rules recur within a week; a monthly one (or one with a long INTERVAL) may not.
    for (Duration ahead : new Duration[] {Duration.ofDays(8), Duration.ofDays(400)}) {
      for (MaintenanceWindow w : definition.occurrences(now, now.plus(ahead))) {
        if (w.end().isAfter(now)) {
          return w;
        }
      }
    }
    return null;
  }

  @Override
  public synchronized void close() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    ScheduledExecutorService s = scheduler;
    if (s != null) {
      s.shutdown();
      try {
        s.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
