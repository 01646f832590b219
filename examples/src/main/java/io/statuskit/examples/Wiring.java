package io.statuskit.examples;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.examples.config.ExampleConfig;
import io.statuskit.examples.config.NotifySettings;
import io.statuskit.examples.live.LivePings;
import io.statuskit.examples.sample.SampleBoard;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.probes.spi.Probe;
import io.statuskit.core.StatusBoard;
import io.statuskit.page.PingSource;
import io.statuskit.page.UptimeSource;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.examples.history.UptimeHistory;
import io.statuskit.page.StatusSite;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the commands put the pieces together; shared by {@code serve} and {@code export}. */
final class Wiring {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);

  private Wiring() {}

  /**
   * Opens the tracker on the durable journal in the data directory. On the first start (the
   * directory is missing or empty) the journal is created, holding the NinerNet sample when
   * {@code sample} is true and nothing otherwise; later starts load what the journal holds.
   *
   * @throws IOException if the sample cannot be imported
   * @throws io.statuskit.core.spi.StoreException if the journal cannot be opened (locked by a
   *     running server, unreadable, corrupt)
   */
  static StatusTracker openTracker(Path data, boolean sample, Clock clock) throws IOException {
    return open(data, null, sample, clock).tracker();
  }

  /**
   * A tracker and the store it keeps its events in; the tracker owns the store (closing it closes
   * the store), the store is here for its readiness check ({@link StatusStore#ping()}).
   */
  record Opened(StatusTracker tracker, StatusStore store) {}

  /**
   * Opens the tracker on {@code store}, or on the journal in the data directory when it is null.
   * Only a new journal is seeded with the sample; another store starts as it is (empty when new).
   *
   * @throws IOException if the sample cannot be imported
   * @throws io.statuskit.core.spi.StoreException if the store cannot be opened
   */
  static Opened open(Path data, @Nullable StoreLocation store, boolean sample, Clock clock) throws IOException {
    if (store instanceof StoreLocation.Journal journal) {
      return openJournal(journal.directory(), sample, clock);
    }
    if (store != null) {
      StatusStore opened = store.open();
      log.info("loaded version {} of the board from {}", opened.load().version(), store.describe());
      return new Opened(tracker(opened, clock), opened);
    }
    return openJournal(data, sample, clock);
  }

  private static StatusTracker tracker(StatusStore store, Clock clock) {
    try {
      return StatusTracker.builder().clock(clock).store(store).build();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static Opened openJournal(Path data, boolean sample, Clock clock) throws IOException {
    JournalStatusStore store;
    if (sample && isMissingOrEmpty(data)) {
      log.info("new data directory {}: seeding it with the NinerNet sample", data.toAbsolutePath());
      store =
          JournalStatusStore.importFrom(
              new ByteArrayInputStream(SampleBoard.resourceBytes()), data, JournalStatusStore.Options.defaults());
    } else {
      store = JournalStatusStore.open(data);
      log.info("loaded version {} of the board from {}", store.load().version(), data.toAbsolutePath());
    }
    return new Opened(tracker(store, clock), store);
  }

  private static boolean isMissingOrEmpty(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return true;
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException("data: not a directory: " + directory);
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /**
   * Starts a monitor of the configured servers (their probes and heartbeats), with the config's
   * incident policy (its {@code incidents} section) when it has one and its recurring maintenance
   * holding auto-incidents back; {@code pings} listens to its rounds for the page's Ping column
   * and response-time chart, and {@code history} (when history is kept) folds every result into
   * the rollups.
   */
  static Monitor monitor(StatusTracker tracker, ExampleConfig config, LivePings pings, UptimeHistory history, Clock clock) {
    MonitorConfig servers = java.util.Objects.requireNonNull(config.servers(), "servers");
    Monitor monitor =
        Monitor.builder(tracker)
            .clock(clock)
            .config(servers)
            .maintenance(MaintenanceSchedule.of(config.uptime().maintenance()))
            .build();
    monitor.subscribe(pings);
    history.listener(tracker::board).ifPresent(monitor::subscribe);
    monitor.start();
    return monitor;
  }

  /**
   * Starts a monitor of the configured heartbeats only ({@link MonitorConfig#heartbeatsOnly()}),
   * for {@code serve --no-probes}: it sends nothing out and makes no probe engine, receives the
   * heartbeats' pings and checks their deadlines, with the config's incident policy.
   */
  static Monitor heartbeatMonitor(StatusTracker tracker, MonitorConfig config, Clock clock) {
    Monitor monitor = Monitor.builder(tracker).clock(clock).config(config.heartbeatsOnly()).build();
    monitor.start();
    return monitor;
  }

  /**
   * The status page site of a configuration.
   *
   * @param boards the current board
   * @param templates a directory of templates and CSS overriding the built-in ones, or null
   * @param searchable whether the page offers search (served) or not (exported)
   */
  static StatusSite site(
      ExampleConfig config,
      Supplier<StatusBoard> boards,
      @Nullable Path templates,
      PingSource pings,
      Clock clock,
      boolean searchable) {
    return site(config, boards, templates, pings, null, clock, searchable);
  }

  /**
   * The status page site of a configuration, with uptime figures from the history (the monthly
   * table and 90-day bars of each server page) when {@code uptime} is not null; the calendar lists
   * the configured recurring maintenance either way.
   */
  static StatusSite site(
      ExampleConfig config,
      Supplier<StatusBoard> boards,
      @Nullable Path templates,
      PingSource pings,
      @Nullable UptimeSource uptime,
      Clock clock,
      boolean searchable) {
    NotifySettings notify = config.notifications();
    return StatusSite.builder()
        .uptime(uptime)
        .recurringMaintenance(config.uptime().maintenance())
        .boards(boards)
        .settings(config.page())
        .tagDate(config.tagDate())
        .templates(templates)
        .pings(pings)
        .clock(clock)
        .searchable(searchable)
        .hideInternalServers(config.hideInternalServers())
        // The form in the sidebar takes an e-mail address; only a server answers it.
        .subscribeForm(searchable && notify != null && notify.mail() != null)
        .build();
  }
}
