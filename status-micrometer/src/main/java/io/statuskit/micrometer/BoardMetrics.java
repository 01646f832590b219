package io.statuskit.micrometer;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gauges of a {@link StatusTracker}'s board: {@value StatusKitMeters#SERVER_STATUS} per server
 * (tag {@code server}), its current effective status as a number ({@link
 * StatusKitMeters#statusValue}: 0 operational, 1 under maintenance, 2 degraded performance, 3
 * partial outage, 4 major outage, -1 unknown), {@value StatusKitMeters#OPEN_INCIDENTS} and
 * {@value StatusKitMeters#BOARD_VERSION}.
 *
 * <pre>{@code
 * BoardMetrics board = BoardMetrics.of(tracker);
 * board.bindTo(registry);
 * }</pre>
 *
 * <p>Every gauge reads the tracker's latest board when the registry asks, so its value is never
 * stale. The set of per-server gauges follows the tracker's events (a server added by this or
 * another writer gets its gauge once the event reaches the listener; a removed one loses it).
 * Thread-safe; {@link #close()} stops following the tracker (the gauges stay).
 */
public final class BoardMetrics implements MeterBinder, AutoCloseable {
  private final StatusTracker tracker;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  private BoardMetrics(StatusTracker tracker) {
    this.tracker = requireNonNull(tracker, "tracker");
  }

  /** Gauges of {@code tracker}'s board, registered once bound to a registry. */
  public static BoardMetrics of(StatusTracker tracker) {
    return new BoardMetrics(tracker);
  }

  /** Registers the gauges in {@code registry} and keeps the per-server ones in step with the board. */
  @Override
  public void bindTo(MeterRegistry registry) {
    requireNonNull(registry, "registry");
    Gauge.builder(StatusKitMeters.OPEN_INCIDENTS, tracker, t -> t.board().openIncidents().size())
        .description("Open incidents, maintenance and notices on the board")
        .register(registry);
    Gauge.builder(StatusKitMeters.BOARD_VERSION, tracker, t -> t.board().version())
        .description("The board's version: the sequence of the last event kept")
        .register(registry);
    ServerGauges gauges =
        new ServerGauges(
            MultiGauge.builder(StatusKitMeters.SERVER_STATUS)
                .description(
                    "Each server's effective status: 0 operational, 1 under maintenance, 2 degraded"
                        + " performance, 3 partial outage, 4 major outage, -1 unknown (no data)")
                .register(registry));
    // Subscribe before the first refresh, so a server added in between is not missed.
    subscriptions.add(tracker.subscribe((event, board) -> gauges.refresh(board)));
    gauges.refresh(tracker.board());
  }

  /** Stops following the tracker's events. Idempotent. */
  @Override
  public void close() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
  }

  /** One registry's per-server gauges, re-registered when the board's set of servers changes. */
  private final class ServerGauges {
    private final MultiGauge gauge;
    private ImmutableSet<String> registered = ImmutableSet.of(); // guarded by this

    ServerGauges(MultiGauge gauge) {
      this.gauge = gauge;
    }

    synchronized void refresh(StatusBoard board) {
      ImmutableSet.Builder<String> ids = ImmutableSet.builder();
      for (ServerStatus s : board.servers()) {
        ids.add(s.id());
      }
      ImmutableSet<String> now = ids.build();
      if (now.equals(registered)) {
        return;
      }
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (String id : now) {
        rows.add(MultiGauge.Row.of(Tags.of("server", id), tracker, t -> value(t.board(), id)));
      }
      gauge.register(rows, true);
      registered = now;
    }
  }

  private static double value(StatusBoard board, String serverId) {
    return board.serverStatus(serverId).map(s -> StatusKitMeters.statusValue(s.status())).orElse(Double.NaN);
  }
}
