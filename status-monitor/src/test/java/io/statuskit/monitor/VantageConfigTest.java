package io.statuskit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Vantage;
import io.statuskit.core.VantageQuorum;
import io.statuskit.probes.TcpProbe;
import org.junit.jupiter.api.Test;

/** A monitor's probe location in the config file and in the Java builder. */
class VantageConfigTest {
  private static final String SERVERS =
      String.join("\n", "servers:", "  - id: NC027", "    probes:", "      - type: tcp", "        host: 127.0.0.1", "        port: 25", "");

  @Test
  void theFileNamesTheLocationAndItsQuorumAsTheBuilderDoes() {
    MonitorConfig file = MonitorConfigLoader.create().fromYaml("vantage: amsterdam\nvantageQuorum: 2\n" + SERVERS);
    assertThat(file.vantage()).isEqualTo(new Vantage("amsterdam", VantageQuorum.atLeast(2)));
    MonitorConfig built =
        MonitorConfig.builder()
            .vantage(new Vantage("amsterdam", VantageQuorum.atLeast(2)))
            .server("NC027", s -> s.probe(TcpProbe.builder("127.0.0.1", 25).build()))
            .build();
    assertThat(built).isEqualTo(file);
    assertThat(MonitorConfigLoader.create().fromYaml("vantage: new-york\n" + SERVERS).vantage())
        .isEqualTo(Vantage.of("new-york"));
  }

  @Test
  void withoutALocationTheConfigIsAsBefore() {
    assertThat(MonitorConfigLoader.create().fromYaml(SERVERS).vantage()).isNull();
  }

  @Test
  void aBadLocationOrAQuorumWithoutOneIsAProblemNamingTheKey() {
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromYaml("vantage: new york\n" + SERVERS))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
            .startsWith("vantage: ").contains("\"new york\""));
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromYaml("vantageQuorum: 2\n" + SERVERS))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems())
            .containsExactly("vantageQuorum: needs a vantage (the probe location this monitor reports from)"));
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromYaml("vantage: amsterdam\nvantageQuorum: 0\n" + SERVERS))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString().startsWith("vantageQuorum: "));
  }
}
