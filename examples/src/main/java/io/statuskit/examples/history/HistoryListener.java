package io.statuskit.examples.history;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.history.FailureKind;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.Outcome;
import io.statuskit.history.SeriesRecorder;
import io.statuskit.monitor.MonitorEvent;
import io.statuskit.monitor.MonitorListener;
import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.ProbeResult;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds every probe result of a monitor's rounds into a {@link HistoryRecorder}: {@code
 * monitor.subscribe(new HistoryListener(recorder, "ams"))}. Each server's {@link SeriesRecorder}
 * is looked up once and kept; after that, folding a round's results allocates nothing (the
 * recorder's fold is allocation-free, and the error kinds are mapped through a table). The
 * results the engine made itself (a hard timeout) are folded in too. Thread-safe.
 */
public final class HistoryListener implements MonitorListener {
  private static final FailureKind[] KINDS = kinds();

  private final HistoryRecorder recorder;
  private final String location;
  private final ConcurrentHashMap<String, SeriesRecorder> series = new ConcurrentHashMap<>();

  /**
   * A listener folding into {@code recorder} under this probing location.
   *
   * @throws IllegalArgumentException if the location is blank
   */
  public HistoryListener(HistoryRecorder recorder, String location) {
    this.recorder = requireNonNull(recorder, "recorder");
    if (location.isBlank()) {
      throw new IllegalArgumentException("location must not be blank");
    }
    this.location = location;
  }

  @Override
  public void onEvent(MonitorEvent event) {
    if (event instanceof MonitorEvent.RoundCompleted round) {
      String serverId = round.serverId();
      SeriesRecorder recorder = series.get(serverId);
      if (recorder == null) {
        recorder = series.computeIfAbsent(serverId, id -> this.recorder.series(id, location));
      }
      long at = round.at().toEpochMilli();
      ImmutableList<ProbeResult> results = round.results();
      for (int i = 0; i < results.size(); i++) {
        fold(recorder, at, results.get(i));
      }
    }
  }

  /** Folds one result taken at {@code epochMilli} into a series. */
  static void fold(SeriesRecorder recorder, long epochMilli, ProbeResult result) {
    switch (result.outcome()) {
      case UP -> recorder.record(epochMilli, Outcome.UP, null, micros(result));
      case DEGRADED -> recorder.record(epochMilli, Outcome.DEGRADED, null, micros(result));
      default -> {
        ErrorKind kind = result.errorKind();
        recorder.record(epochMilli, Outcome.DOWN, kind == null ? FailureKind.OTHER : KINDS[kind.ordinal()], -1);
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
}
