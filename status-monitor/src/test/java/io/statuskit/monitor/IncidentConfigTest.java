package io.statuskit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Impact;
import io.statuskit.probes.TcpProbe;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code incidents} section of a config file, and the builder that says the same. */
class IncidentConfigTest {
  private static final String SERVERS =
      String.join(
          "\n",
          "servers:",
          "  - id: NC027",
          "    name: Mail server",
          "    probes:",
          "      - type: tcp",
          "        host: 127.0.0.1",
          "        port: 25",
          "");

  private static List<String> problems(String yaml) {
    try {
      MonitorConfigLoader.create().fromYaml(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("the config was accepted:\n" + yaml);
  }

  @Test
  void withoutTheSectionTheMonitorOpensNoIncidents() {
    assertThat(MonitorConfigLoader.create().fromYaml(SERVERS).incidents()).isNull();
  }

  @Test
  void anEmptySectionTurnsTheDefaultsOnForEveryServer() {
    MonitorConfig config = MonitorConfigLoader.create().fromYaml(SERVERS + "incidents: {}\n");
    assertThat(config.incidents()).isEqualTo(IncidentPolicy.ofDefaults());
  }

  @Test
  void everyKeyIsReadAndTheFileEqualsTheBuilder() {
    String yaml =
        SERVERS
            + String.join(
                "\n",
                "incidents:",
                "  servers: [NC027]",
                "  openAfter: 2m",
                "  title: \"{id}: {name} shut down\"",
                "  opening: \"{id} is not answering ({detail}).\"",
                "  resolutionTitle: \"{id}: {name} back online\"",
                "  resolution: \"{id}: {name} back online. It was {outage}.\"",
                "  autoResolve: false",
                "  recovery: \"Monitoring: the server answers again ({outage}).\"",
                "  impact: critical",
                "  zone: Europe/Amsterdam",
                "");
    MonitorConfig config = MonitorConfigLoader.create().fromYaml(yaml);
    IncidentPolicy expected =
        new IncidentPolicy(
            "{id}: {name} shut down",
            "{id} is not answering ({detail}).",
            "{id}: {name} back online. It was {outage}.",
            Impact.CRITICAL,
            ZoneId.of("Europe/Amsterdam"),
            Duration.ofMinutes(2),
            "{id}: {name} back online",
            false,
            "Monitoring: the server answers again ({outage}).",
            ImmutableSet.of("NC027"));
    assertThat(config.incidents()).isEqualTo(expected);
    MonitorConfig built =
        MonitorConfig.builder()
            .server("NC027", s -> s.name("Mail server").probe(TcpProbe.builder("127.0.0.1", 25).build()))
            .incidents(expected)
            .build();
    assertThat(built.incidents()).isEqualTo(config.incidents());
  }

  @Test
  void enabledFalseKeepsTheSectionButOpensNone() {
    assertThat(MonitorConfigLoader.create().fromYaml(SERVERS + "incidents:\n  enabled: false\n  openAfter: 5m\n").incidents()).isNull();
  }

  @Test
  void badValuesAreReportedAtTheirKeysAsWritten() {
    String yaml =
        SERVERS
            + String.join(
                "\n",
                "incidents:",
                "  servers: [NC027, NC099]",
                "  openAfter: 5 parsecs",
                "  title: \"  \"",
                "  autoResolve: sometimes",
                "  impact: huge",
                "  zone: Mars/Olympus",
                "  colour: red",
                "");
    assertThat(problems(yaml))
        .containsExactlyInAnyOrder(
            "incidents.servers[1]: \"NC099\" is not a server of this config",
            "incidents.openAfter: \"5 parsecs\" is not a duration (such as 250ms, 5s, 2m, 1h, 14d)",
            "incidents.title: \"  \" must be text of 1 to 2000 chars",
            "incidents.autoResolve: \"sometimes\" is not true or false",
            "incidents.impact: \"huge\" is not an impact (none, minor, major, critical)",
            "incidents.zone: \"Mars/Olympus\" is not a time zone (an IANA name such as Europe/London, or UTC)",
            "incidents.colour: unknown setting");
  }
}
