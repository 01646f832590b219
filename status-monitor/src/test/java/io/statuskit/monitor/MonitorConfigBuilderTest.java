package io.statuskit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.Location;
import io.statuskit.core.Server;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Tag;
import io.statuskit.core.Visibility;
import io.statuskit.probes.DnsProbe;
import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.SmtpProbe;
import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.TlsOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config describes the whole page, and the Java builder says the same as the file. */
class MonitorConfigBuilderTest {
  static final String YAML =
      String.join(
          "\n",
          "defaults:",
          "  interval: 2m",
          "  jitter: 10s",
          "  failureThreshold: 4",
          "  successThreshold: 1",
          "servers:",
          "  - id: NC036",
          "    name: Mail server",
          "    location: {city: Amsterdam, country: NL}",
          "    role: Mail server",
          "    visibility: public",
          "    group: Mail",
          "    tags: [mail, smtp]",
          "    host: nc036.ninernet.net",
          "    interval: 30s",
          "    probes:",
          "      - type: smtp",
          "        ehlo: monitor.ninernet.net",
          "        startTls: true",
          "        timeout: 5s",
          "      - type: tcp",
          "        port: 993",
          "        tls: true",
          "        expiryWarning: 7d",
          "  - id: NC033",
          "    name: Primary nameserver",
          "    location: {city: Vancouver, country: CA}",
          "    role: DNS server",
          "    visibility: internal",
          "    failureThreshold: 2",
          "    probes:",
          "      - type: dns",
          "        server: 192.0.2.33",
          "        name: ninernet.net",
          "        queryType: SOA",
          "      - type: http",
          "        url: https://status.ninernet.net/",
          "        expectStatus: [2xx, \"301\"]",
          "        degradedAbove: 2s",
          "");

  static MonitorConfig built() {
    return MonitorConfig.builder()
        .defaultInterval(Duration.ofMinutes(2))
        .defaultJitter(Duration.ofSeconds(10))
        .defaultThresholds(new Thresholds(4, 1))
        .server(
            "NC036",
            server ->
                server
                    .name("Mail server")
                    .location("Amsterdam", "NL")
                    .role("Mail server")
                    .visibility(Visibility.PUBLIC)
                    .group("Mail")
                    .tags("mail", "smtp")
                    .host("nc036.ninernet.net")
                    .interval(Duration.ofSeconds(30))
                    .probe(
                        SmtpProbe.builder("nc036.ninernet.net", "monitor.ninernet.net")
                            .startTls(true)
                            .timeout(Duration.ofSeconds(5))
                            .build())
                    .probe(
                        TcpProbe.builder("nc036.ninernet.net", 993)
                            .tls(TlsOptions.ofDefaults().withExpiryWarning(Duration.ofDays(7)))
                            .build()))
        .server(
            "NC033",
            server ->
                server
                    .name("Primary nameserver")
                    .location("Vancouver", "CA")
                    .role("DNS server")
                    .visibility(Visibility.INTERNAL)
                    .thresholds(new Thresholds(2, 1))
                    .probe(DnsProbe.builder("192.0.2.33", "ninernet.net").queryType("SOA").build())
                    .probe(
                        HttpProbe.builder("https://status.ninernet.net/")
                            .expectStatus("2xx", "301")
                            .degradedAbove(Duration.ofSeconds(2))
                            .build()))
        .build();
  }

  @Test
  void theBuilderAndTheFileGiveEqualConfigs() {
    MonitorConfig fromFile = MonitorConfigLoader.create().fromYaml(YAML);
    assertThat(built()).isEqualTo(fromFile);
    TargetConfig mail = fromFile.targets().get(0);
    assertThat(mail.jitter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(mail.thresholds()).isEqualTo(new Thresholds(4, 1));
    assertThat(fromFile.targets().get(1).interval()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void theFileDescribesEachServerAsThePageShowsIt() {
    List<TargetConfig> targets = MonitorConfigLoader.create().fromYaml(YAML).targets();
    Server mail = targets.get(0).server();
    assertThat(mail.name()).isEqualTo("Mail server");
    assertThat(mail.location()).isEqualTo(Location.of("Amsterdam", "NL"));
    assertThat(mail.role()).isEqualTo("Mail server");
    assertThat(mail.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(mail.group()).isEqualTo("Mail");
    assertThat(mail.tags()).containsExactly(Tag.of("mail"), Tag.of("smtp"));
    assertThat(mail.host()).isEqualTo("nc036.ninernet.net");
    assertThat(targets.get(1).server().visibility()).isEqualTo(Visibility.INTERNAL);
  }

  @Test
  void badPageDetailsAreReportedAtTheirKeys() {
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC036",
            "    visibility: secret",
            "    role: \"  \"",
            "    location: {city: Amsterdam}",
            "    tags: [mail, \"\"]",
            "    probes:",
            "      - type: icmp",
            "        host: 192.0.2.36",
            "");
    try {
      MonitorConfigLoader.create().fromYaml(yaml);
      throw new AssertionError("accepted");
    } catch (ConfigException e) {
      assertThat(e.problems())
          .contains(
              "servers[0].visibility: \"secret\" must be public or internal",
              "servers[0].location.country: is required")
          .anySatisfy(p -> assertThat(p).startsWith("servers[0].tags[1]: \"\""))
          .contains("servers[0].role: \"  \" must not be blank");
    }
  }

  @Test
  void theMonitorAddsTheServerAsDescribedAndBringsTheBoardInLineWithTheConfig() {
    Clock clock = Clock.fixed(Instant.parse("2016-11-23T07:08:00Z"), ZoneOffset.UTC);
    try (StatusTracker tracker = StatusTracker.inMemory(clock)) {
      MonitorConfig config = MonitorConfigLoader.create().fromYaml(YAML);
      tracker.addServer(
          Server.builder("NC033").name("ns1").description("Kept: the board's own words").location("Paris", "FR").build());
      try (Monitor monitor = Monitor.builder(tracker).config(config).build()) {
        assertThat(monitor.serverIds()).containsExactly("NC036", "NC033");
      }
      Server mail = tracker.board().server("NC036").orElseThrow();
      assertThat(mail).isEqualTo(config.targets().get(0).server());
      Server dns = tracker.board().server("NC033").orElseThrow();
      assertThat(dns.name()).isEqualTo("Primary nameserver");
      assertThat(dns.location()).isEqualTo(Location.of("Vancouver", "CA"));
      assertThat(dns.visibility()).isEqualTo(Visibility.INTERNAL);
      assertThat(dns.description()).isEqualTo("Kept: the board's own words");

      // a config that states less leaves the rest as the board has it
      try (Monitor monitor =
          Monitor.builder(tracker)
              .target(TargetConfig.builder("NC033").probes(config.targets().get(1).probes()).build())
              .build()) {
        assertThat(tracker.board().server("NC033").orElseThrow()).isEqualTo(dns);
      }
    }
  }
}
