package io.statuskit.examples;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.spi.StoreException;
import io.statuskit.examples.config.ConfigException;
import io.statuskit.examples.config.ExampleConfig;
import io.statuskit.examples.config.NotifySettings;
import io.statuskit.examples.server.Subscriptions;
import io.statuskit.notify.MailSettings;
import io.statuskit.notify.Notifier;
import io.statuskit.notify.spi.NotificationStore;
import io.statuskit.notify.store.FileNotificationStore;
import com.google.common.base.Ticker;
import com.google.common.collect.ImmutableList;
import io.statuskit.examples.live.DemoServices;
import io.statuskit.examples.live.LivePings;
import io.statuskit.examples.live.SampleMonitor;
import io.statuskit.examples.history.MaintenancePoster;
import io.statuskit.examples.history.UptimeHistory;
import io.statuskit.core.MaintenanceSchedule;
import io.statuskit.examples.server.AdminApi;
import io.statuskit.examples.server.HeartbeatRoute;
import io.statuskit.page.PageSettings;
import io.statuskit.page.PingSource;
import io.statuskit.page.StatusSite;
import io.statuskit.examples.server.ServerSettings;
import io.statuskit.examples.server.StatusPageServer;
import io.statuskit.monitor.Heartbeats;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running status page: tracker, page and web server wired together from {@link
 * ServeOptions}. Close it to stop everything it started, newest first. Thread-safe.
 */
public final class StatusPageApp implements AutoCloseable {
  private final StatusTracker tracker;
  private final StatusSite site;
  private final StatusPageServer server;
  private final PageSettings settings;
  private final @Nullable Heartbeats heartbeats;
  private final @Nullable Notifier notifier;
  private final UptimeHistory history;
  private final Deque<AutoCloseable> resources;

  private StatusPageApp(
      StatusTracker tracker,
      StatusSite site,
      StatusPageServer server,
      PageSettings settings,
      @Nullable Heartbeats heartbeats,
      @Nullable Notifier notifier,
      UptimeHistory history,
      Deque<AutoCloseable> resources) {
    this.history = history;
    this.tracker = tracker;
    this.site = site;
    this.server = server;
    this.settings = settings;
    this.heartbeats = heartbeats;
    this.notifier = notifier;
    this.resources = resources;
  }

  /**
   * Starts the page.
   *
   * @throws ConfigException if the configuration is not usable
   * @throws IOException if the port cannot be bound or the data cannot be read
   */
  public static StatusPageApp start(ServeOptions options) throws ConfigException, IOException {
    requireNonNull(options, "options");
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Path file = options.config();
      // The file's server section sets the limits the port is bound with; the file is read again
      // below once the port is known, for the default base URL.
      ServerSettings limits = file == null ? options.server() : ExampleConfig.load(file, options.port(), options.env()).server();
      StatusPageServer.Bound bound = StatusPageServer.bind(new InetSocketAddress(options.bind(), options.port()), limits);
      resources.push(bound);
      int port = bound.port();
      ExampleConfig config =
          file == null ? ExampleConfig.sample(port) : ExampleConfig.load(file, port, options.env());
      Clock clock = options.clock();
      StoreLocation store =
          options.store() != null
              ? StoreLocation.parse(options.store(), options.env())
              : config.store() == null ? null : StoreLocation.parse(config.store(), options.env());
      Wiring.Opened opened = Wiring.open(options.data(), store, config.servers() == null, clock);
      StatusTracker tracker = opened.tracker();
      resources.push(tracker);
      PingSource pings = PingSource.none();
      HeartbeatRoute heartbeats = HeartbeatRoute.off();
      Heartbeats beats = null;
      MonitorConfig servers = config.servers();
      // Uptime history lives under the data directory (history/ by default) and is read back on
      // the next start; it is kept while probes run. Closed after the monitor (resources close
      // newest first), so the monitor's last results are folded in before the final flush.
      UptimeHistory history =
          options.liveProbes() && config.uptime().enabled()
              ? UptimeHistory.open(options.data(), config.uptime(), clock)
              : UptimeHistory.timelinesOnly(config.uptime(), clock);
      resources.push(history);
      if (options.liveProbes()) {
        LivePings live = new LivePings(720);
        if (servers == null) {
          DemoServices demo = DemoServices.start();
          resources.push(demo);
          Monitor sample = SampleMonitor.start(tracker, demo, live, clock);
          history.listener(tracker::board).ifPresent(sample::subscribe);
          resources.push(sample);
        } else {
          Monitor monitor = Wiring.monitor(tracker, config, live, history, clock);
          resources.push(monitor);
          beats = monitor.heartbeats();
          heartbeats = HeartbeatRoute.of(beats);
        }
        pings = live;
      } else if (servers != null && !servers.heartbeats().isEmpty()) {
        // No outbound probes: the probed servers stay as the board has them, but heartbeats send
        // nothing out, so they are still received and their deadlines still checked.
        Monitor monitor = Wiring.heartbeatMonitor(tracker, servers, clock);
        resources.push(monitor);
        beats = monitor.heartbeats();
        heartbeats = HeartbeatRoute.of(beats);
      }
      if (!config.uptime().maintenance().isEmpty()) {
        MaintenancePoster poster = new MaintenancePoster(tracker, MaintenanceSchedule.of(config.uptime().maintenance()), clock);
        resources.push(poster);
        poster.start();
      }
      Locale locale = options.locale();
      if (locale != null) {
        config = config.withLocale(locale);
      }
      StatusSite site =
          Wiring.site(config, tracker::board, options.templates(), pings, history.recorder().isPresent() ? history : null, clock, true);
      Notifier notifier = null;
      Subscriptions subscriptions = Subscriptions.off();
      NotifySettings notify = config.notifications();
      if (notify != null) {
        notifier = notifier(notify, config, tracker, opened.store(), store, options.data(), file);
        resources.push(notifier);
        subscriptions = Subscriptions.of(notifier, tracker::board, config.page(), notify, Ticker.systemTicker());
      }
      String token = options.adminToken() != null ? options.adminToken() : config.adminToken();
      AdminApi admin = AdminApi.create(tracker, token, notifier).withUptime(history.reporter(), config.page().zone());
      // Ready while the store answers: a journal whose directory is there and writable and that
      // has not given up after a failed write; a database that answers a query within 2 s.
      StatusPageServer server = bound.start(site, admin, heartbeats, subscriptions, new StoreReadiness(opened.store()));
      resources.push(server);
      return new StatusPageApp(tracker, site, server, config.page(), beats, notifier, history, resources);
    } catch (ConfigException | IOException | RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /** The port the page is served on. */
  public int port() {
    return server.port();
  }

  /** The page's local address. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port() + settings.basePath());
  }

  /** The page's settings. */
  public PageSettings settings() {
    return settings;
  }

  /** The web server. */
  public StatusPageServer server() {
    return server;
  }

  /** The site's routes. */
  public StatusSite site() {
    return site;
  }

  /**
   * The configured heartbeats, which the {@code /heartbeat/...} route signals, or empty when the
   * config has none (or there is no config: the sample). They run with live probes off too, which
   * only stops outbound probes. Their deadlines are checked on the monitor's scheduler; {@link
   * Heartbeats#check()} checks them now.
   */
  public Optional<Heartbeats> heartbeats() {
    return Optional.ofNullable(heartbeats);
  }

  /** The notifier of the config's {@code notify} section, or empty without one. */
  public Optional<Notifier> notifier() {
    return Optional.ofNullable(notifier);
  }

  /**
   * Starts the notifier of a {@code notify} section: its store is the file store in {@code
   * notify.store} when that is set (a relative path is in the data directory), else the board's
   * PostgreSQL database when the board is there (shared by every {@code serve} on it), else {@code
   * <data>/notify}; mail and webhook settings; links to {@code notify.siteUrl} or the page's base URL.
   */
  private static Notifier notifier(
      NotifySettings notify,
      ExampleConfig config,
      StatusTracker tracker,
      StatusStore store,
      @Nullable StoreLocation board,
      Path data,
      @Nullable Path file)
      throws ConfigException {
    URI siteUrl = notify.siteUrl();
    Notifier.Builder builder =
        Notifier.builder()
            .tracker(tracker, store)
            .pageUrl(siteUrl == null ? config.page().baseUrl() : siteUrl)
            .locale(config.page().locale()) // the e-mails speak the page's language
            .targets(notify.targets())
            .connectTimeout(notify.connectTimeout())
            .requestTimeout(notify.requestTimeout());
    MailSettings mail = notify.mail();
    if (mail != null) {
      builder.mail(mail);
    }
    Path ca = notify.trustCa();
    if (ca != null) {
      try {
        builder.mailTls(TrustedCertificates.context(ca));
      } catch (IOException | java.security.GeneralSecurityException e) {
        throw new ConfigException(
            String.valueOf(file), ImmutableList.of("notify.smtp.trustCa: cannot read certificates from " + ca + ": " + e.getMessage()));
      }
    }
    // Beside a board in PostgreSQL, subscribers live there too (unless notify.store names a
    // directory), so every serve on that database shares them and one of them sends.
    NotificationStore notifications =
        notify.store() == null && board instanceof StoreLocation.Postgres postgres
            ? postgres.openNotifications()
            : FileNotificationStore.open(notify.store() == null ? data.resolve("notify") : data.resolve(notify.store()));
    try {
      return builder.store(notifications).build();
    } catch (RuntimeException e) {
      notifications.close();
      throw e;
    }
  }

  /**
   * The uptime history and accounting: its recorder when history is kept (live probes on, {@code
   * history.enabled} not false), the reporter under the configured rule either way.
   */
  public UptimeHistory history() {
    return history;
  }

  /** The tracker behind the page. */
  public StatusTracker tracker() {
    return tracker;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LoggerFactory.getLogger(StatusPageApp.class).warn("closing failed", e);
      }
    }
  }

  /**
   * {@code /readyz}'s question: does the store answer ({@link StatusStore#ping()})? Logs when the
   * answer changes, with the store's reason, rather than on every probe. Thread-safe.
   */
  private static final class StoreReadiness implements BooleanSupplier {
    private static final Logger log = LoggerFactory.getLogger(StatusPageApp.class);
    private final StatusStore store;
    private final AtomicBoolean ready = new AtomicBoolean(true);

    StoreReadiness(StatusStore store) {
      this.store = store;
    }

    @Override
    public boolean getAsBoolean() {
      try {
        store.ping();
        if (ready.compareAndSet(false, true)) {
          log.info("the store answers again: ready");
        }
        return true;
      } catch (StoreException | IllegalStateException e) {
        if (ready.compareAndSet(true, false)) {
          log.warn("not ready: {}", e.getMessage());
        }
        return false;
      }
    }
  }

  /**
   * What {@code serve} was asked for.
   *
   * @param port the port, 0 for any free port
   * @param bind the address to listen on
   * @param config the configuration file, or null for the NinerNet sample
   * @param data the data directory
   * @param templates a directory of templates and CSS overriding the built-in ones, or null
   * @param adminToken the admin API token from the environment, or null (then the config's)
   * @param liveProbes whether to probe the servers (the sample's against local demo services);
   *     heartbeat servers are watched either way, since they send no probes
   * @param clock the clock
   * @param server the web server's limits and timeouts when there is no config file (a file's
   *     {@code server} section sets them otherwise)
   * @param locale the page's language, overriding the configuration's; null to keep it
   * @param store where the board is kept ({@code postgresql://...}, {@code journal:/path} or a
   *     path), overriding the configuration's {@code store}; null for the config's or the journal
   *     in {@code data}
   * @param env the environment, for {@code PGUSER} and {@code PGPASSWORD} and the config's {@code
   *     ${VARIABLE}} references (a heartbeat's secret)
   */
  public record ServeOptions(
      int port,
      String bind,
      @Nullable Path config,
      Path data,
      @Nullable Path templates,
      @Nullable String adminToken,
      boolean liveProbes,
      Clock clock,
      ServerSettings server,
      @Nullable Locale locale,
      @Nullable String store,
      Map<String, String> env) {
    /** Checks the parts. */
    public ServeOptions {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      requireNonNull(bind, "bind");
      requireNonNull(data, "data");
      requireNonNull(clock, "clock");
      requireNonNull(server, "server");
      env = Map.copyOf(env);
    }

    /** Options with the server's default limits. */
    public ServeOptions(
        int port,
        String bind,
        @Nullable Path config,
        Path data,
        @Nullable Path templates,
        @Nullable String adminToken,
        boolean liveProbes,
        Clock clock) {
      this(port, bind, config, data, templates, adminToken, liveProbes, clock, ServerSettings.defaults(), null, null, Map.of());
    }

    /** These options with other server limits. */
    public ServeOptions withServer(ServerSettings settings) {
      return new ServeOptions(port, bind, config, data, templates, adminToken, liveProbes, clock, settings, locale, store, env);
    }

    /** These options with the page in another language. */
    public ServeOptions withLocale(Locale language) {
      return new ServeOptions(port, bind, config, data, templates, adminToken, liveProbes, clock, server, language, store, env);
    }

    /** These options with the board kept in {@code location}, reading {@code PGUSER}/{@code PGPASSWORD} from {@code environment}. */
    public ServeOptions withStore(@Nullable String location, Map<String, String> environment) {
      return new ServeOptions(port, bind, config, data, templates, adminToken, liveProbes, clock, server, locale, location, environment);
    }
  }
}
