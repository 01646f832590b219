package io.statuskit.examples;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusTracker;
import io.statuskit.examples.page.PageRenderer;
import io.statuskit.examples.page.PageSettings;
import io.statuskit.examples.page.PingSource;
import io.statuskit.examples.page.TemplateSet;
import io.statuskit.examples.sample.StarterSample;
import io.statuskit.examples.server.AdminApi;
import io.statuskit.examples.server.Site;
import io.statuskit.examples.server.StatusPageServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The running status page: tracker, page and web server wired together from {@link
 * ServeOptions}. Close it to stop the server and close the tracker. Thread-safe.
 */
public final class StatusPageApp implements AutoCloseable {
  private final StatusTracker tracker;
  private final StatusPageServer server;
  private final PageSettings settings;

  private StatusPageApp(StatusTracker tracker, StatusPageServer server, PageSettings settings) {
    this.tracker = tracker;
    this.server = server;
    this.settings = settings;
  }

  /**
   * Starts the page.
   *
   * @throws IOException if the port cannot be bound or the data cannot be read
   */
  public static StatusPageApp start(ServeOptions options) throws IOException {
    requireNonNull(options, "options");
    Clock clock = options.clock();
    StatusTracker tracker = StatusTracker.builder().clock(clock).build();
    try {
      StarterSample.seed(tracker);
      PageSettings configured = PageSettings.local("NinerNet Communications", options.port());
      TemplateSet templates =
          options.templates() == null ? TemplateSet.builtIn() : TemplateSet.withOverrides(options.templates());
      InetSocketAddress address = new InetSocketAddress(options.bind(), options.port());
      // The base URL needs the port, which is known only after binding when port 0 was asked for.
      StatusPageServer[] holder = new StatusPageServer[1];
      PageSettings[] settings = new PageSettings[] {configured};
      Site site = null;
      PageRenderer renderer = new PageRenderer(configured, templates, PingSource.none(), clock, true);
      site = new Site(renderer, templates, Site.SiteDocuments.of(configured.zone(), com.google.common.collect.ImmutableMap.of()));
      AdminApi admin = AdminApi.create(tracker, options.adminToken());
      holder[0] = StatusPageServer.start(address, configured.basePath(), site, tracker::board, admin);
      return new StatusPageApp(tracker, holder[0], settings[0]);
    } catch (IOException | RuntimeException e) {
      tracker.close();
      throw e;
    }
  }

  /** The port the page is served on. */
  public int port() {
    return server.port();
  }

  /** The page's address. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port() + settings.basePath());
  }

  /** The tracker behind the page. */
  public StatusTracker tracker() {
    return tracker;
  }

  @Override
  public void close() {
    server.close();
    tracker.close();
  }

  /**
   * What {@code serve} was asked for.
   *
   * @param port the port, 0 for any free port
   * @param bind the address to listen on
   * @param config the configuration file, or null for the NinerNet sample
   * @param data the data directory
   * @param templates a directory of templates and CSS overriding the built-in ones, or null
   * @param adminToken the admin API token, or null to leave the admin API off
   * @param clock the clock
   */
  public record ServeOptions(
      int port,
      String bind,
      @Nullable Path config,
      Path data,
      @Nullable Path templates,
      @Nullable String adminToken,
      Clock clock) {
    /** Checks the parts. */
    public ServeOptions {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      requireNonNull(bind, "bind");
      requireNonNull(data, "data");
      requireNonNull(clock, "clock");
    }
  }
}
