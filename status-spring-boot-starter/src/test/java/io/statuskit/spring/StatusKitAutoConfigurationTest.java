package io.statuskit.spring;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Command;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Vantage;
import io.statuskit.core.VantageQuorum;
import io.statuskit.core.spi.StatusStore;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.monitor.ConfigException;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.monitor.MonitorConfigLoader;
import io.statuskit.page.PageRequest;
import io.statuskit.page.PageResponse;
import io.statuskit.page.PageSettings;
import io.statuskit.page.StatusSite;
import io.statuskit.probes.TcpProbe;
import io.statuskit.spring.internal.ConfigFailureAnalyzer;
import io.statuskit.store.postgres.PostgresStatusStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration in a real application context (no web server): which beans it makes
 * from which properties, that the application's own beans win, and that bad settings stop the
 * start with a message naming the property.
 */
class StatusKitAutoConfigurationTest {
  @TempDir Path data;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(StatusKitAutoConfiguration.class, StatusKitMonitorAutoConfiguration.class))
        .withPropertyValues("statuskit.store.journal.directory=" + data);
  }

  @Test
  void theDefaultsAreATrackerOnAJournalInTheConfiguredDirectoryAndAPageWithoutAMonitor() {
    runner().run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(StatusTracker.class).hasSingleBean(StatusSite.class).doesNotHaveBean(Monitor.class);
      assertThat(context.getBean(StatusStore.class)).isInstanceOf(JournalStatusStore.class);
      context.getBean(StatusTracker.class).addServer(Server.builder("NC027").name("Mail server").build());

      PageResponse page = context.getBean(StatusSite.class).handle(PageRequest.get("/status/"));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text()).contains("server-NC027");
    });
    // The journal kept the board: a second application on the same directory reads it back.
    runner().run(context -> assertThat(context.getBean(StatusTracker.class).board().server("NC027")).isPresent());
  }

  @Test
  void theApplicationsStoreWinsAndNoJournalIsOpened() throws IOException {
    InMemoryStatusStore own = new InMemoryStatusStore();
    runner().withBean(StatusStore.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(StatusStore.class)).isSameAs(own);
      context.getBean(StatusTracker.class).addServer(Server.builder("NC027").build());
      assertThat(own.load().server("NC027")).isPresent();
    });
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theApplicationsTrackerWinsAndTheStarterMakesNoStore() {
    StatusTracker own = StatusTracker.inMemory(Clock.systemUTC());
    runner().withBean(StatusTracker.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(StatusTracker.class)).isSameAs(own);
      assertThat(context).doesNotHaveBean(StatusStore.class);
      assertThat(context.getBean(StatusSite.class).handle(PageRequest.get("/status/")).status()).isEqualTo(200);
    });
  }

  @Test
  void theApplicationsMonitorConfigIsMonitored() {
    MonitorConfig own =
        MonitorConfig.builder()
            .defaultInterval(Duration.ofHours(1))
            .server("OWN", server -> server.name("Own server").probe(TcpProbe.builder("127.0.0.1", 9).build()))
            .build();
    runner().withBean(MonitorConfig.class, () -> own).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(MonitorConfig.class)).isSameAs(own);
      assertThat(context.getBean(Monitor.class).serverIds()).containsExactly("OWN");
      assertThat(context.getBean(StatusTracker.class).board().server("OWN")).isPresent();
    });
  }

  @Test
  void serversInPropertiesGiveTheSameConfigAsTheConfigFile() {
    String yaml =
        """
        defaults:
          interval: 1h
          failureThreshold: 2
        servers:
          - id: NC036
            name: Mail server
            location: {city: Amsterdam, country: NL}
            visibility: internal
            tags: [mail, smtp]
            host: 127.0.0.1
            probes:
              - type: tcp
                port: 993
                expect: ["^\\\\* OK"]
              - type: http
                url: http://127.0.0.1:8/health
                headers: {X-Api-Key: secret}
                expectStatus: [200-299]
                degradedAbove: 2s
          - id: NC041
            name: Web server
            interval: 30m
            successThreshold: 3
            probes:
              - type: tcp
                host: 127.0.0.1
                port: 443
        """;
    MonitorConfig fromFile = MonitorConfigLoader.create().fromYaml(yaml);

    runner()
        .withPropertyValues(
            "test.host=127.0.0.1",
            "statuskit.defaults.interval=1h",
            "statuskit.defaults.failureThreshold=2",
            "statuskit.servers[0].id=NC036",
            "statuskit.servers[0].name=Mail server",
            "statuskit.servers[0].location.city=Amsterdam",
            "statuskit.servers[0].location.country=NL",
            "statuskit.servers[0].visibility=internal",
            "statuskit.servers[0].tags[0]=mail",
            "statuskit.servers[0].tags[1]=smtp",
            "statuskit.servers[0].host=${test.host}",
            "statuskit.servers[0].probes[0].type=tcp",
            "statuskit.servers[0].probes[0].port=993",
            "statuskit.servers[0].probes[0].expect[0]=^\\* OK",
            "statuskit.servers[0].probes[1].type=http",
            "statuskit.servers[0].probes[1].url=http://127.0.0.1:8/health",
            "statuskit.servers[0].probes[1].headers.X-Api-Key=secret",
            "statuskit.servers[0].probes[1].expectStatus[0]=200-299",
            "statuskit.servers[0].probes[1].degradedAbove=2s",
            "statuskit.servers[1].id=NC041",
            "statuskit.servers[1].name=Web server",
            "statuskit.servers[1].interval=30m",
            "statuskit.servers[1].successThreshold=3",
            "statuskit.servers[1].probes[0].type=tcp",
            "statuskit.servers[1].probes[0].host=127.0.0.1",
            "statuskit.servers[1].probes[0].port=443")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(MonitorConfig.class)).isEqualTo(fromFile);
          assertThat(context.getBean(Monitor.class).serverIds()).containsExactlyInAnyOrder("NC036", "NC041");
        });
  }

  @Test
  void theIncidentsSectionInPropertiesIsTheConfigFilesPolicy() {
    String yaml =
        """
        servers:
          - id: NC036
            name: Mail server
            probes:
              - type: tcp
                host: 127.0.0.1
                port: 993
        incidents:
          openAfter: 2m
          title: "{id}: {name} shut down"
          autoResolve: false
        """;
    MonitorConfig fromFile = MonitorConfigLoader.create().fromYaml(yaml);
    assertThat(fromFile.incidents()).isNotNull();

    runner()
        .withPropertyValues(
            "statuskit.servers[0].id=NC036",
            "statuskit.servers[0].name=Mail server",
            "statuskit.servers[0].probes[0].type=tcp",
            "statuskit.servers[0].probes[0].host=127.0.0.1",
            "statuskit.servers[0].probes[0].port=993",
            "statuskit.incidents.openAfter=2m",
            "statuskit.incidents.title={id}: {name} shut down",
            "statuskit.incidents.autoResolve=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(MonitorConfig.class)).isEqualTo(fromFile);
          assertThat(context.getBean(MonitorConfig.class).incidents())
              .extracting(p -> requireNonNull(p).openAfter())
              .isEqualTo(Duration.ofMinutes(2));
        });
    runner()
        .withPropertyValues(
            "statuskit.servers[0].id=NC036",
            "statuskit.servers[0].probes[0].type=tcp",
            "statuskit.servers[0].probes[0].host=127.0.0.1",
            "statuskit.servers[0].probes[0].port=993",
            "statuskit.incidents.openAfter=5 parsecs")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("statuskit.incidents.openAfter").hasMessageContaining("5 parsecs");
        });
  }

  @Test
  void theMonitorReportsFromTheConfiguredProbeLocation() {
    String[] server = {
      "statuskit.servers[0].id=NC036",
      "statuskit.servers[0].probes[0].type=tcp",
      "statuskit.servers[0].probes[0].host=127.0.0.1",
      "statuskit.servers[0].probes[0].port=993"
    };
    runner()
        .withPropertyValues(server)
        .withPropertyValues("statuskit.monitor.vantage=amsterdam", "statuskit.monitor.vantageQuorum=2")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Vantage vantage = context.getBean(Monitor.class).vantage().orElseThrow();
          assertThat(vantage.name()).isEqualTo("amsterdam");
          assertThat(vantage.quorum()).isEqualTo(VantageQuorum.atLeast(2));
        });
    runner().withPropertyValues(server).withPropertyValues("statuskit.monitor.vantage=frankfurt").run(context -> {
      assertThat(context.getBean(Monitor.class).vantage().orElseThrow().quorum()).isEqualTo(VantageQuorum.majority());
    });
    runner().withPropertyValues(server).run(context -> assertThat(context.getBean(Monitor.class).vantage()).isEmpty());
    runner().withPropertyValues(server).withPropertyValues("statuskit.monitor.vantageQuorum=2").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(requireNonNull(context.getStartupFailure()))).contains("statuskit.monitor.vantageQuorum needs statuskit.monitor.vantage");
    });
    runner().withPropertyValues(server).withPropertyValues("statuskit.monitor.vantage=not a name").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(requireNonNull(context.getStartupFailure()))).contains("statuskit.monitor.vantage").contains("not a name");
    });
  }

  @Test
  void aBadMonitorSettingStopsTheStartNamingThePropertyAndItsValue() {
    runner()
        .withPropertyValues(
            "statuskit.servers[0].id=NC036",
            "statuskit.servers[0].probes[0].type=tcp",
            "statuskit.servers[0].probes[0].host=127.0.0.1",
            "statuskit.servers[0].probes[0].port=25",
            "statuskit.servers[0].probes[0].timeout=5 parsecs",
            "statuskit.servers[0].probes[1].type=gopher")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable failure = requireNonNull(context.getStartupFailure());
          ConfigException config = cause(failure, ConfigException.class);
          assertThat(config.problems())
              .anySatisfy(p -> assertThat(p).startsWith("statuskit.servers[0].probes[0].timeout: \"5 parsecs\" is not a duration"))
              .anySatisfy(p -> assertThat(p).startsWith("statuskit.servers[0].probes[1].type: \"gopher\" is not a probe type"));

          FailureAnalysis analysis = requireNonNull(new ConfigFailureAnalyzer().analyze(failure));
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription())
              .contains("statuskit.servers[0].probes[0].timeout: \"5 parsecs\" is not a duration")
              .contains("2 problems");
          assertThat(analysis.getAction()).contains("statuskit.*");
        });
  }

  @Test
  void anUnknownKeyUnderStatuskitIsAnError() {
    runner().withPropertyValues("statuskit.page.colour=red").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(requireNonNull(context.getStartupFailure()))).contains("statuskit.page.colour");
    });
  }

  @Test
  void aBadPageSettingStopsTheStartNamingTheProperty() {
    runner().withPropertyValues("statuskit.page.zone=Mars/Olympus_Mons").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(requireNonNull(context.getStartupFailure())))
          .contains("statuskit.page.zone: unknown time zone \"Mars/Olympus_Mons\"");
    });
    runner().withPropertyValues("statuskit.page.path=status/").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(requireNonNull(context.getStartupFailure()))).contains("statuskit.page.path must be / or start with '/'").contains("\"status/\"");
    });
  }

  @Test
  void pageNoDataDecidesWhatAnHourWithoutAMonitorDoesToTheUptimeOnThePageAndTheBadges() {
    // added and observed up at 00:00, the monitor last seen at 01:00, the page read at 02:00:
    // one hour up, one hour without data
    OffsetDateTime t0 = OffsetDateTime.parse("2016-11-23T00:00:00Z");
    Clock clock = Clock.fixed(t0.plusHours(2).toInstant(), ZoneOffset.UTC);
    runner().withBean(Clock.class, () -> clock).run(context -> {
      assertThat(context.getBean(PageSettings.class).noData()).isEqualTo(PageSettings.NoData.LEFT_OUT);
      watchedForAnHour(context.getBean(StatusTracker.class), t0);
      StatusSite site = context.getBean(StatusSite.class);
      assertThat(site.handle(PageRequest.get("/status/servers/NC041/")).text())
          .contains("Uptime, last 90 days: 100.00% (no data for 1 h, left out)");
      assertThat(site.handle(PageRequest.get("/status/badges/servers/NC041/uptime-24h.svg")).text()).contains("NC041 24h: 100.00%");
    });
    runner().withBean(Clock.class, () -> clock).withPropertyValues("statuskit.store.journal.directory=" + data.resolve("counted"), "statuskit.page.noData=countedDown").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(PageSettings.class).noData()).isEqualTo(PageSettings.NoData.COUNTED_DOWN);
      watchedForAnHour(context.getBean(StatusTracker.class), t0);
      StatusSite site = context.getBean(StatusSite.class);
      assertThat(site.handle(PageRequest.get("/status/servers/NC041/")).text())
          .contains("Uptime, last 90 days: 50.00% (no data for 1 h, counted as down)");
      assertThat(site.handle(PageRequest.get("/status/badges/servers/NC041/uptime-24h.svg")).text()).contains("NC041 24h: 50.00%");
    });
  }

  private static void watchedForAnHour(StatusTracker tracker, OffsetDateTime t0) {
    tracker.execute(new Command.AddServer(Server.builder("NC041").name("Web server").build(), t0));
    tracker.execute(new Command.ReportHealth("NC041", "monitor:NC041", Status.OPERATIONAL, null, t0, null, null, t0));
    for (OffsetDateTime at = t0; !at.isAfter(t0.plusHours(1)); at = at.plusMinutes(30)) {
      tracker.execute(
          new Command.ReportCoverage("monitor", ImmutableList.of(new Command.ReportCoverage.Watched("NC041", null)), at.plusMinutes(31), at));
    }
  }

  @Test
  void aBadPageNoDataStopsTheStartNamingThePropertyAndItsValue() {
    runner().withPropertyValues("statuskit.page.noData=ignored").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(requireNonNull(context.getStartupFailure())))
          .contains("statuskit.page.noData must be leftOut or countedDown: \"ignored\"");
    });
  }

  @Test
  void aPostgresUrlWithoutThePostgresStoreOnTheClassPathIsAnErrorNotAJournal() {
    runner()
        .withClassLoader(new FilteredClassLoader(PostgresStatusStore.class))
        .withPropertyValues("statuskit.store.postgres.url=jdbc:postgresql://127.0.0.1:5432/test")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(messages(requireNonNull(context.getStartupFailure())))
              .contains("statuskit.store.postgres.url is set")
              .contains("io.statuskit:status-store-postgres");
        });
  }

  @Test
  void aPostgresUrlGivesThePostgresStore() throws Exception {
    assumeThat(postgresAnswers()).as("PostgreSQL on 127.0.0.1:5432 (.ci/run starts one)").isTrue();
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    String schema = "spring_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
    try {
      String[] properties = {
        "statuskit.store.postgres.url=" + url, "statuskit.store.postgres.user=postgres", "statuskit.store.postgres.schema=" + schema
      };
      runner().withPropertyValues(properties).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(StatusStore.class)).isInstanceOf(PostgresStatusStore.class);
        context.getBean(StatusTracker.class).addServer(Server.builder("NC027").name("Mail server").build());
      });
      runner().withPropertyValues(properties).run(context ->
          assertThat(context.getBean(StatusTracker.class).board().server("NC027")).isPresent());
      try (Stream<Path> files = Files.list(data)) {
        assertThat(files).as("no journal was opened").isEmpty();
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static boolean postgresAnswers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 5432), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
  }

  /** Every message in the cause chain, joined. */
  private static String messages(Throwable failure) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      s.append(t.getMessage()).append('\n');
    }
    return s.toString();
  }
}
