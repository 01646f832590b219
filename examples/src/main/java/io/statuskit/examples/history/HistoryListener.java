package io.statuskit.examples.history;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.Outcome;
import io.statuskit.history.SeriesRecorder;
import io.statuskit.monitor.MonitorEvent;
import io.statuskit.monitor.MonitorListener;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Folds every probe result of a monitor's rounds into a {@link HistoryRecorder}: {@code
 * monitor.subscribe(new HistoryListener(recorder, "ams", schedule, tracker::board))}. Each
 * server's {@link SeriesRecorder} is looked up once and kept; the error kinds are mapped through a
 * table; the recorder's fold is allocation-free. The results the engine made itself (a hard
 * timeout) are folded in too.
 *
 * <p>Each result is folded with whether its server was under maintenance at the round's time, so
 * the rollups can leave it out as uptime's policy says: when an occurrence of the monitor's
 * recurring maintenance ({@link MaintenanceSchedule}) covers that time, when an open maintenance
 * on the board (scheduled or under way, not cancelled) has a window that covers it and affects the
 * server, or when the board says the server is under maintenance (its status, or what open
 * incidents and active maintenance declare for it). What that costs per round: a lookup of the
 * server on the board; the recurring occurrences are expanded once a day of round time and kept;
 * the board's open maintenance windows are listed again only when the board has changed (a short
 * list: open maintenance only). Thread-safe.
 */
public final class HistoryListener implements MonitorListener {
  private static final FailureKind[] KINDS = kinds();

  private final HistoryRecorder recorder;
  private final String location;
  private final MaintenanceSchedule schedule;
  private final @Nullable Supplier<StatusBoard> board;
  private final ConcurrentHashMap<String, SeriesRecorder> series = new ConcurrentHashMap<>();
  private volatile Recurring recurring = new Recurring(Instant.MIN, Instant.MIN, ImmutableList.of());
  private volatile @Nullable BoardWindows boardWindows;

  /**
   * A listener folding into {@code recorder} under this probing location, knowing no maintenance
   * (every result is folded as taken outside maintenance).
   *
   * @throws IllegalArgumentException if the location is blank
   */
  public HistoryListener(HistoryRecorder recorder, String location) {
    this(recorder, location, MaintenanceSchedule.empty(), null);
  }

  /**
   * A listener folding into {@code recorder} under this probing location, flagging results taken
   * while the monitor's recurring maintenance, the board's maintenance or the server's status says
   * it is under maintenance.
   *
   * @param schedule the monitor's recurring maintenance
   * @param board the current board (such as {@code tracker::board})
   * @throws IllegalArgumentException if the location is blank
   */
  public HistoryListener(HistoryRecorder recorder, String location, MaintenanceSchedule schedule, @Nullable Supplier<StatusBoard> board) {
    this.recorder = requireNonNull(recorder, "recorder");
    if (location.isBlank()) {
      throw new IllegalArgumentException("location must not be blank");
    }
    this.location = location;
    this.schedule = requireNonNull(schedule, "schedule");
    this.board = board;
  }

  @Override
  public void onEvent(MonitorEvent event) {
    if (event instanceof MonitorEvent.RoundCompleted round) {
      String serverId = round.serverId();
      SeriesRecorder recorder = series.get(serverId);
      if (recorder == null) {
        recorder = series.computeIfAbsent(serverId, id -> this.recorder.series(id, location));
      }
      Instant at = round.at();
      boolean maintenance = underMaintenance(serverId, at);
      long epochMilli = at.toEpochMilli();
      ImmutableList<ProbeResult> results = round.results();
      for (int i = 0; i < results.size(); i++) {
        fold(recorder, epochMilli, results.get(i), maintenance);
      }
    }
  }

  /** Whether the server is under maintenance at {@code at}, as far as this listener can see. */
  boolean underMaintenance(String serverId, Instant at) {
    return recurringCovers(serverId, at) || boardSays(serverId, at);
  }

  private boolean recurringCovers(String serverId, Instant at) {
    if (schedule.definitions().isEmpty()) {
      return false;
    }
    Recurring current = recurring;
    if (at.isBefore(current.from()) || !at.isBefore(current.to())) {
      // a day of occurrences from the hour of this round; any occurrence overlapping it is listed
      Instant from = at.minusSeconds(Math.floorMod(at.getEpochSecond(), 3600)).minusNanos(at.getNano());
      Instant to = from.plus(Duration.ofDays(1));
      current = new Recurring(from, to, schedule.occurrences(from, to));
      recurring = current;
    }
    for (MaintenanceSchedule.Occurrence occurrence : current.occurrences()) {
      if (occurrence.window().contains(at) && occurrence.definition().servers().contains(serverId)) {
        return true;
      }
    }
    return false;
  }

  private boolean boardSays(String serverId, Instant at) {
    Supplier<StatusBoard> source = board;
    if (source == null) {
      return false;
    }
    StatusBoard current = source.get();
    ServerStatus server = current.serverStatus(serverId).orElse(null);
    if (server != null && (server.status() == Status.UNDER_MAINTENANCE || server.declared() == Status.UNDER_MAINTENANCE)) {
      return true;
    }
    BoardWindows windows = boardWindows;
    if (windows == null || windows.board() != current) {
      windows = BoardWindows.of(current);
      boardWindows = windows;
    }
    return windows.covers(serverId, at);
  }

  /** Folds one result taken at {@code epochMilli} into a series. */
  static void fold(SeriesRecorder recorder, long epochMilli, ProbeResult result, boolean maintenance) {
    switch (result.outcome()) {
      case UP -> recorder.record(epochMilli, Outcome.UP, null, micros(result), maintenance);
      case DEGRADED -> recorder.record(epochMilli, Outcome.DEGRADED, null, micros(result), maintenance);
      default -> {
        ErrorKind kind = result.errorKind();
        recorder.record(epochMilli, Outcome.DOWN, kind == null ? FailureKind.OTHER : KINDS[kind.ordinal()], -1, maintenance);
      }
    }
  }

  private static long micros(ProbeResult result) {
    return result.latency().toNanos() / 1_000;
  }

  private static FailureKind[] kinds() {
    ErrorKind[] errors = ErrorKind.values();
    FailureKind[] kinds = new FailureKind[errors.length];
    for (ErrorKind error : errors) {
      kinds[error.ordinal()] = FailureKind.named(error.name());
    }
    return kinds;
  }

  /** The recurring occurrences overlapping [from, to). */
  private record Recurring(Instant from, Instant to, ImmutableList<MaintenanceSchedule.Occurrence> occurrences) {}

  /** The windows of one board's open maintenance (scheduled or under way). */
  private record BoardWindows(StatusBoard board, List<Incident> maintenance) {
    static BoardWindows of(StatusBoard board) {
      List<Incident> open = new ArrayList<>(board.upcomingMaintenance());
      open.addAll(board.activeMaintenance());
      open.removeIf(incident -> incident.window() == null);
      return new BoardWindows(board, open);
    }

    boolean covers(String serverId, Instant at) {
      for (int i = 0; i < maintenance.size(); i++) {
        Incident incident = maintenance.get(i);
        MaintenanceWindow window = incident.window();
        if (window != null && window.contains(at) && incident.affects(serverId)) {
          return true;
        }
      }
      return false;
    }
  }
}
