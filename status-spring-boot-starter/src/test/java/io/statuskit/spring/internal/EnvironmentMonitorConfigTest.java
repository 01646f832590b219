package io.statuskit.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.monitor.ConfigException;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.monitor.MonitorConfigLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Reading the monitor's sections from property sources as Spring's precedence has it. */
class EnvironmentMonitorConfigTest {
  private static StandardEnvironment environment(Map<String, Object> higher, Map<String, Object> lower) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("lower", lower));
    environment.getPropertySources().addFirst(new MapPropertySource("higher", higher));
    return environment;
  }

  private static Map<String, Object> server(String prefix, String id, int port) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(prefix + ".id", id);
    p.put(prefix + ".probes[0].type", "tcp");
    p.put(prefix + ".probes[0].host", "127.0.0.1");
    p.put(prefix + ".probes[0].port", port);
    return p;
  }

  @Test
  void aListComesWholeFromTheHighestSourceThatSetsItAndKeysMerge() {
    Map<String, Object> lower = new LinkedHashMap<>();
    lower.putAll(server("statuskit.servers[0]", "LOW0", 25));
    lower.putAll(server("statuskit.servers[1]", "LOW1", 26));
    lower.put("statuskit.defaults.interval", "2m");
    lower.put("statuskit.defaults.failureThreshold", 5);
    Map<String, Object> higher = new LinkedHashMap<>(server("statuskit.servers[0]", "HIGH", 80));
    higher.put("statuskit.defaults.interval", "3m");

    MonitorConfig config = EnvironmentMonitorConfig.load(environment(higher, lower), MonitorConfigLoader.create());

    MonitorConfig expected =
        MonitorConfigLoader.create()
            .fromYaml(
                """
                defaults: {interval: 3m, failureThreshold: 5}
                servers:
                  - id: HIGH
                    probes: [{type: tcp, host: 127.0.0.1, port: 80}]
                """);
    assertThat(config).isEqualTo(expected);
  }

  @Test
  void nothingSetIsNotConfiguredAndDefaultsAloneAskForServers() {
    assertThat(EnvironmentMonitorConfig.isConfigured(environment(Map.of(), Map.of()))).isFalse();
    StandardEnvironment defaultsOnly = environment(Map.of("statuskit.defaults.interval", "1m"), Map.of());
    assertThat(EnvironmentMonitorConfig.isConfigured(defaultsOnly)).isTrue();
    assertThatThrownBy(() -> EnvironmentMonitorConfig.load(defaultsOnly, MonitorConfigLoader.create()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("statuskit.servers: at least one server is required");
  }

  @Test
  void aProblemNamesTheFullPropertyAndWhereItWasSet() {
    Map<String, Object> higher = new LinkedHashMap<>(server("statuskit.servers[0]", "NC036", 25));
    higher.put("statuskit.servers[0].probes[0].timeout", "0s");
    higher.put("statuskit.servers[0].colour", "red");

    assertThatThrownBy(() -> EnvironmentMonitorConfig.load(environment(higher, Map.of()), MonitorConfigLoader.create()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("statuskit.servers[0].probes[0].timeout: \"0s\" must be positive")
        .hasMessageContaining("statuskit.servers[0].colour")
        .hasMessageContaining("(set in ");
  }

  @Test
  void aProblemInYamlNamesTheFileLineAndColumn() throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    for (PropertySource<?> source : new YamlPropertySourceLoader().load("bad-monitor.yml", new ClassPathResource("bad-monitor.yml"))) {
      environment.getPropertySources().addFirst(source);
    }

    assertThatThrownBy(() -> EnvironmentMonitorConfig.load(environment, MonitorConfigLoader.create()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "statuskit.servers[0].probes[0].timeout: \"5 parsecs\" is not a duration (such as 250ms, 5s, 2m, 1h, 14d)"
                + " (set in class path resource [bad-monitor.yml] - 8:20)");
  }
}
