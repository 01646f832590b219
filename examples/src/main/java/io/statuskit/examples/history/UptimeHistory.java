package io.statuskit.examples.history;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.core.StatusBoard;
import io.statuskit.examples.config.UptimeConfig;
import io.statuskit.history.HistoryRecorder;
import io.statuskit.history.HistorySummary;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Resolution;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.UptimeFigure;
import io.statuskit.history.UptimeReporter;
import io.statuskit.history.UptimeWindow;
import io.statuskit.history.store.FileHistoryStore;
import io.statuskit.page.DailyUptime;
import io.statuskit.page.LatencyPoint;
import io.statuskit.page.UptimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example server's uptime history and accounting: the file store under the data directory,
 * the recorder that folds the monitor's results into it (flushed and compacted every minute on
 * its own thread), and the reporter under the configured rule with the recurring maintenance. The
 * page reads it as its {@link UptimeSource}; the admin API's reports use {@link #reporter()}.
 * Close it to flush what is sealed and release the files. Thread-safe.
 */
public final class UptimeHistory implements UptimeSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UptimeHistory.class);

  private final @Nullable FileHistoryStore store;
  private final @Nullable HistoryRecorder recorder;
  private final @Nullable ScheduledExecutorService scheduler;
  private final UptimeReporter reporter;
  private final UptimeConfig config;

  private UptimeHistory(
      @Nullable FileHistoryStore store,
      @Nullable HistoryRecorder recorder,
      @Nullable ScheduledExecutorService scheduler,
      UptimeConfig config,
      Clock clock) {
    this.store = store;
    this.recorder = recorder;
    this.scheduler = scheduler;
    this.config = config;
    // the page's clock: a server whose monitor fell silent is "no data" from then on, as the page shows it
    UptimeReporter r = UptimeReporter.of(config.policy()).withRecurringMaintenance(config.maintenance()).withClock(clock);
    this.reporter = recorder == null ? r : r.withHistory(recorder);
  }

  /**
   * Opens the history under {@code data} (in the config's directory, resolved against it unless
   * absolute), reading back what an earlier run kept; when the config turns history off, only
   * the board's timelines give figures.
   *
   * @throws IOException if the history files cannot be opened
   */
  public static UptimeHistory open(Path data, UptimeConfig config, Clock clock) throws IOException {
    requireNonNull(config, "config");
    if (!config.enabled()) {
      return new UptimeHistory(null, null, null, config, clock);
    }
    Path directory = data.resolve(config.directory());
    FileHistoryStore store = FileHistoryStore.open(directory);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("statuskit-history").setDaemon(true).build());
    try {
      HistoryRecorder recorder =
          HistoryRecorder.builder(store).clock(clock).scheduler(scheduler).settings(config.historySettings()).build();
      log.info("uptime history in {} ({} series)", directory.toAbsolutePath(), store.series().size());
      return new UptimeHistory(store, recorder, scheduler, config, clock);
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      store.close();
      throw e;
    }
  }

  /** Figures from the board's timelines only, under this config's rule (no rollups kept). */
  public static UptimeHistory timelinesOnly(UptimeConfig config) {
    return timelinesOnly(config, Clock.systemUTC());
  }

  /** Figures from the board's timelines only (no rollups), on this clock. */
  public static UptimeHistory timelinesOnly(UptimeConfig config, Clock clock) {
    return new UptimeHistory(null, null, null, config, clock);
  }

  /** The recorder, when history is kept. */
  public Optional<HistoryRecorder> recorder() {
    return Optional.ofNullable(recorder);
  }

  /**
   * A listener for a monitor that folds its results in, when history is kept, without knowing
   * maintenance (every result counts as taken outside it); {@link #listener(Supplier)} knows it.
   */
  public Optional<HistoryListener> listener() {
    HistoryRecorder r = recorder;
    return r == null ? Optional.empty() : Optional.of(new HistoryListener(r, config.location()));
  }

  /**
   * A listener for a monitor that folds its results in, when history is kept, flagging those
   * taken while the server was under maintenance: the config's recurring windows, the board's
   * maintenance, or the server's status (see {@link HistoryListener}).
   *
   * @param board the current board, such as {@code tracker::board}
   */
  public Optional<HistoryListener> listener(Supplier<StatusBoard> board) {
    HistoryRecorder r = recorder;
    return r == null
        ? Optional.empty()
        : Optional.of(new HistoryListener(r, config.location(), MaintenanceSchedule.of(config.maintenance()), board));
  }

  /** The reporter: the rule, the recurring maintenance and the rollups. */
  public UptimeReporter reporter() {
    return reporter;
  }

  /** The configuration. */
  public UptimeConfig config() {
    return config;
  }

  @Override
  public String rule() {
    return reporter.policy().rule();
  }

  @Override
  public double percent(StatusBoard board, String serverId, Instant from, Instant to) {
    List<UptimeFigure> figures = reporter.server(board, serverId, UptimeWindow.between(from, to)).servers();
    OptionalDouble percent = figures.get(0).percent();
    return percent.isPresent() ? percent.getAsDouble() : Double.NaN;
  }

  /**
   * The days' figures in one pass ({@link UptimeReporter#daily}: the server's maintenance gathered
   * once, each day's part of the timeline read once); the total is the days' counted and down
   * time added up, so it agrees with the bars.
   */
  @Override
  public DailyUptime daily(StatusBoard board, String serverId, LocalDate first, int days, ZoneId zone, Instant end) {
    List<UptimeFigure> figures = reporter.daily(board, serverId, first, days, zone, end);
    double[] percents = new double[figures.size()];
    double counted = 0;
    double down = 0;
    for (int i = 0; i < percents.length; i++) {
      UptimeFigure figure = figures.get(i);
      // rounding may leave down a hair above counted (UptimeFigure allows 1e-6 s): never below 0 %
      percents[i] = Math.max(0, figure.percent().orElse(Double.NaN));
      counted += figure.countedSeconds();
      down += figure.downSeconds();
    }
    return DailyUptime.of(percents, counted == 0 ? Double.NaN : Math.max(0, 100 * (1 - down / counted)));
  }

  /**
   * One bucket per hour of {@code [from, to)} that has results, from the rollups of every
   * location of the server: the checks, the failed ones and the median latency (the merged
   * histograms' 50th percentile). None when history is not kept.
   */
  @Override
  public ImmutableList<LatencyPoint> latency(String serverId, Instant from, Instant to) {
    HistoryRecorder r = recorder;
    if (r == null) {
      return ImmutableList.of();
    }
    List<SeriesKey> keys = r.seriesOf(serverId);
    if (keys.isEmpty()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<LatencyPoint> points = ImmutableList.builder();
    for (Instant hour = Resolution.HOUR.floor(from); hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      Instant end = hour.plus(Duration.ofHours(1));
      long checks = 0;
      long failed = 0;
      LatencyHistogram latency = LatencyHistogram.empty();
      for (SeriesKey key : keys) {
        HistorySummary summary = r.summarize(key, hour, end);
        checks += summary.count();
        failed += summary.failed();
        latency = latency.merge(summary.latency());
      }
      if (checks > 0) {
        points.add(new LatencyPoint(hour, checks, failed, latency.valueAtPercentile(50)));
      }
    }
    return points.build();
  }

  /** Flushes what is sealed, stops the background task and closes the files. */
  @Override
  public void close() {
    HistoryRecorder r = recorder;
    if (r != null) {
      try {
        r.close();
      } catch (RuntimeException e) {
        log.warn("flushing the uptime history failed", e);
      }
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
    FileHistoryStore st = store;
    if (st != null) {
      st.close();
    }
  }
}
