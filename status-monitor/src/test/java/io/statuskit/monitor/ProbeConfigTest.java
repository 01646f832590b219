package io.statuskit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.ProbeRegistry;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.SmtpProbe;
import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import io.statuskit.probes.spi.ProbeFactory;
import io.statuskit.probes.spi.ProbeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeConfigTest {
  /** A host's own probe type, found by ServiceLoader only when discovery is asked for. */
  public static final class EchoFactory implements ProbeFactory {
    @Override
    public String type() {
      return "echo";
    }

    @Override
    public Probe create(ProbeSettings settings) {
      return new EchoProbe(settings.requireString("name"));
    }
  }

  /** The probe {@link EchoFactory} makes: always up (the config tests never run it). */
  record EchoProbe(String target) implements Probe {
    @Override
    public String type() {
      return "echo";
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(1);
    }

    @Override
    public CompletionStage<ProbeResult> run(ProbeContext context) {
      return CompletableFuture.completedFuture(ProbeResult.up(Duration.ofMillis(1)));
    }
  }

  static final String YAML =
      String.join(
          "\n",
          "defaults:",
          "  interval: 60s",
          "  failureThreshold: 3",
          "  successThreshold: 2",
          "servers:",
          "  - id: NC036",
          "    name: Mail server",
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
          "      - type: icmp",
          "  - id: NC033",
          "    name: Primary nameserver",
          "    quorum: 2",
          "    probes:",
          "      - type: dns",
          "        server: 192.0.2.33",
          "        name: ninernet.net",
          "        queryType: SOA",
          "      - type: dns-serial",
          "        zone: ninernet.net",
          "        nameservers: [\"192.0.2.33\", \"192.0.2.35:53\"]",
          "  - id: NC042",
          "    name: Status website",
          "    probes:",
          "      - type: http",
          "        url: https://status.ninernet.net/",
          "        expectStatus: [2xx, \"301\"]",
          "        bodyContains: Systems at a Glance",
          "        degradedAbove: 2s",
          "        headers: {X-Probe: statuskit}",
          "",
          "");

  @Test
  void yamlConfigBuildsEveryServerAndProbe() {
    MonitorConfig config = MonitorConfigLoader.create().fromYaml(YAML);
    assertThat(config.targets()).extracting(TargetConfig::serverId).containsExactly("NC036", "NC033", "NC042");
    TargetConfig mail = config.targets().get(0);
    assertThat(mail.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(mail.thresholds()).isEqualTo(new Thresholds(3, 2));
    assertThat(mail.probes()).hasSize(3);
    SmtpProbe smtp = (SmtpProbe) mail.probes().get(0);
    assertThat(smtp.host()).isEqualTo("nc036.ninernet.net");
    assertThat(smtp.ehloName()).isEqualTo("monitor.ninernet.net");
    assertThat(smtp.startTls()).isTrue();
    assertThat(smtp.timeout()).isEqualTo(Duration.ofSeconds(5));
    TcpProbe imaps = (TcpProbe) mail.probes().get(1);
    assertThat(imaps.port()).isEqualTo(993);
    assertThat(imaps.tls()).isNotNull();
    assertThat(config.targets().get(1).quorum()).isEqualTo(Quorum.atLeast(2));
    HttpProbe http = (HttpProbe) config.targets().get(2).probes().get(0);
    assertThat(http.expectedStatuses().contains(301)).isTrue();
    assertThat(http.expectedStatuses().contains(302)).isFalse();
    assertThat(http.headers()).containsEntry("X-Probe", "statuskit");
    assertThat(http.degradedAbove()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void jsonFileWorksTheSame(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("probes.json");
    Files.writeString(
        file,
        "{\"servers\":[{\"id\":\"NC041\",\"host\":\"nc041.ninernet.net\",\"probes\":[{\"type\":\"tcp\",\"port\":80,\"expect\":\"^HTTP\"}]}]}");
    MonitorConfig config = MonitorConfigLoader.create().load(file);
    assertThat(config.targets()).singleElement().satisfies(t -> assertThat(t.probes().get(0).target()).isEqualTo("nc041.ninernet.net:80"));
  }

  @Test
  void badConfigListsEveryProblemWithItsPath() {
    String bad =
        String.join(
            "\n",
            "servers:",
            "  - id: NC036",
            "    probes:",
            "      - type: tcp",
            "        host: nc036.ninernet.net",
            "        port: 99999",
            "  - id: NC033",
            "    intervall: 30s",
            "    probes:",
            "      - type: carrier-pigeon",
            "  - id: NC042",
            "    probes:",
            "      - type: http",
            "        url: https://status.ninernet.net/",
            "        timeout: 5 parsecs",
            "      - type: smtp",
            "        host: nc036.ninernet.net",
            "");
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromYaml(bad))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "servers[0].probes[0].port: 99999 is not between 1 and 65535",
                        "servers[1].probes[0].type: \"carrier-pigeon\" is not a probe type (known: tcp, http, tls, smtp, dns, dns-serial, icmp)",
                        "servers[1].intervall: unknown setting",
                        "servers[2].probes[0].timeout: \"5 parsecs\" is not a duration (such as 250ms, 5s, 2m, 1h, 14d)",
                        "servers[2].probes[1].ehlo: is required"))
        .hasMessageStartingWith("5 problems in YAML config:\n  servers[0].probes[0].port: 99999 is not between 1 and 65535");
  }

  @Test
  void builderErrorsAreReportedAtTheKeyPath() {
    String bad = "servers:\n  - id: NC036\n    probes:\n      - type: smtp\n        host: mail\n        ehlo: senderdomain.local\n";
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromYaml(bad))
        .hasMessageContaining("servers[0].probes[0].ehlo: \"senderdomain.local\" must be a name that resolves; mail servers reject it");
  }

  @Test
  void unparsableTextIsOneProblem() {
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromJson("{\"servers\": [}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("1 problem in JSON config:\n  line 1: not valid JSON");
  }

  @Test
  void hostTypesComeThroughTheRegistryExplicitlyOrByDiscovery() {
    String yaml = "servers:\n  - id: NC028\n    probes:\n      - type: echo\n        name: internal\n";
    assertThatThrownBy(() -> MonitorConfigLoader.create().fromYaml(yaml)).hasMessageContaining("\"echo\" is not a probe type");
    ProbeRegistry explicit = ProbeRegistry.builder().builtIns().register(new EchoFactory()).build();
    assertThat(MonitorConfigLoader.withRegistry(explicit).fromYaml(yaml).targets().get(0).probes().get(0).target())
        .isEqualTo("internal");
    ProbeRegistry discovered = ProbeRegistry.builder().builtIns().discover(getClass().getClassLoader()).build();
    assertThat(discovered.types()).contains("echo", "tcp");
    assertThatThrownBy(() -> ProbeRegistry.builder().builtIns().register(new EchoFactory()).register(new EchoFactory()))
        .hasMessage("type \"echo\" is already registered");
  }
}
