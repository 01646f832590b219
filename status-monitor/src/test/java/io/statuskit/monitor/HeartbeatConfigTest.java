package io.statuskit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Location;
import io.statuskit.core.Server;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.Tag;
import io.statuskit.core.Visibility;
import io.statuskit.probes.TcpProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Heartbeats in the config file and the builder, and the secret a host's route checks. */
class HeartbeatConfigTest {
  static final String SECRET = "s3cr3t-backup-ping-0123";
  static final String YAML =
      String.join(
          "\n",
          "defaults: {interval: 2m}",
          "servers:",
          "  - id: NC036",
          "    probes: [{type: tcp, host: 192.0.2.36, port: 25}]",
          "  - id: NC050",
          "    name: Nightly backup",
          "    location: {city: Amsterdam, country: NL}",
          "    role: Backup job",
          "    visibility: internal",
          "    group: Jobs",
          "    tags: [backup, cron]",
          "    host: nc050.ninernet.net",
          "    heartbeat:",
          "      period: 1d",
          "      grace: 30m",
          "      secret: ${BACKUP_PING_SECRET}",
          "  - id: NC051",
          "    heartbeat: {period: 15m, secret: literal-secret-in-the-file}",
          "");

  private static MonitorConfigLoader loader() {
    return MonitorConfigLoader.create().withEnvironment(Map.of("BACKUP_PING_SECRET", SECRET));
  }

  private static List<String> problems(String yaml, Map<String, String> env) {
    try {
      MonitorConfigLoader.create().withEnvironment(env).fromYaml(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("the config was accepted:\n" + yaml);
  }

  @Test
  void theFileDeclaresHeartbeatsWithPeriodGraceSecretAndPageDetails() {
    MonitorConfig config = loader().fromYaml(YAML);
    assertThat(config.targets()).extracting(TargetConfig::serverId).containsExactly("NC036");
    assertThat(config.heartbeats()).extracting(HeartbeatConfig::serverId).containsExactly("NC050", "NC051");
    HeartbeatConfig backup = config.heartbeat("NC050").orElseThrow();
    assertThat(backup.period()).isEqualTo(Duration.ofDays(1));
    assertThat(backup.grace()).isEqualTo(Duration.ofMinutes(30));
    assertThat(backup.secret()).isEqualTo(SECRET);
    Server server = backup.server();
    assertThat(server.name()).isEqualTo("Nightly backup");
    assertThat(server.location()).isEqualTo(Location.of("Amsterdam", "NL"));
    assertThat(server.role()).isEqualTo("Backup job");
    assertThat(server.visibility()).isEqualTo(Visibility.INTERNAL);
    assertThat(server.group()).isEqualTo("Jobs");
    assertThat(server.tags()).containsExactly(Tag.of("backup"), Tag.of("cron"));
    assertThat(server.host()).isEqualTo("nc050.ninernet.net");
    HeartbeatConfig other = config.heartbeat("NC051").orElseThrow();
    assertThat(other.grace()).as("the default grace").isEqualTo(Duration.ofHours(1));
    assertThat(other.secret()).isEqualTo("literal-secret-in-the-file");
    assertThat(other.name()).isEqualTo("NC051");
  }

  @Test
  void theBuilderAndTheFileGiveEqualConfigs() {
    MonitorConfig built =
        MonitorConfig.builder()
            .defaultInterval(Duration.ofMinutes(2))
            .server("NC036", s -> s.probe(TcpProbe.builder("192.0.2.36", 25).build()))
            .heartbeat(
                "NC050",
                h ->
                    h.name("Nightly backup")
                        .location("Amsterdam", "NL")
                        .role("Backup job")
                        .visibility(Visibility.INTERNAL)
                        .group("Jobs")
                        .tags("backup", "cron")
                        .host("nc050.ninernet.net")
                        .period(Duration.ofDays(1))
                        .grace(Duration.ofMinutes(30))
                        .secret(SECRET))
            .heartbeat("NC051", h -> h.period(Duration.ofMinutes(15)).secret("literal-secret-in-the-file"))
            .build();
    assertThat(built).isEqualTo(loader().fromYaml(YAML));
    assertThat(built).isNotEqualTo(MonitorConfigLoader.create().withEnvironment(Map.of("BACKUP_PING_SECRET", SECRET + "x")).fromYaml(YAML));
  }

  @Test
  void theSecretNeverShowsInToStringOrInProblems() {
    MonitorConfig config = loader().fromYaml(YAML);
    assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("literal-secret-in-the-file").contains("secret=***");
    List<String> found =
        problems(
            String.join(
                "\n",
                "servers:",
                "  - id: NC050",
                "    heartbeat: {period: 1d, secret: short-one}",
                "  - id: NC051",
                "    heartbeat: {period: 1d, secret: \"${WEAK}\"}",
                ""),
            Map.of("WEAK", "has spaces in it and is long"));
    assertThat(found)
        .containsExactlyInAnyOrder(
            "servers[0].heartbeat.secret: must be 16 to 128 letters, digits, '-', '_', '.' or '~' (it has 9 characters)",
            "servers[1].heartbeat.secret: \"${WEAK}\": the value of WEAK must be 16 to 128 letters, digits, '-', '_', '.' or '~'"
                + " (it has 28 characters)");
    assertThat(String.join("\n", found)).doesNotContain("short-one").doesNotContain("has spaces");
  }

  @Test
  void everyProblemOfAHeartbeatIsNamedByItsKeyWithTheValueAsWritten() {
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC050",
            "    interval: 5m",
            "    probes: [{type: tcp, host: 192.0.2.50, port: 22}]",
            "    heartbeat:",
            "      period: 0s",
            "      grace: soon",
            "      secret: ${NOT_SET}",
            "      colour: blue",
            "  - id: NC051",
            "    heartbeat: {grace: 367d}",
            "  - id: NC052",
            "    heartbeat: every day",
            "");
    assertThat(problems(yaml, Map.of()))
        .containsExactlyInAnyOrder(
            "servers[0].probes: a server with a heartbeat has no probes, so no probes (the job pings; heartbeat.period says how often)",
            "servers[0].interval: a server with a heartbeat has no probes, so no interval (the job pings; heartbeat.period says how"
                + " often)",
            "servers[0].heartbeat.period: \"0s\" must be 1s to 366d",
            "servers[0].heartbeat.grace: \"soon\" is not a duration (such as 250ms, 5s, 2m, 1h, 14d)",
            "servers[0].heartbeat.secret: \"${NOT_SET}\": the environment variable NOT_SET is not set",
            "servers[0].heartbeat.colour: unknown setting",
            "servers[1].heartbeat.period: is required (how often the job runs, such as 1h or 1d)",
            "servers[1].heartbeat.grace: \"367d\" must be 0 to 366d",
            "servers[2].heartbeat: \"every day\" is not an object",
            "servers[2].probes: at least one probe is required");
  }

  @Test
  void aHeartbeatAndAProbeTargetMayNotShareAnId() {
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC050",
            "    probes: [{type: tcp, host: 192.0.2.50, port: 22}]",
            "  - id: NC050",
            "    heartbeat: {period: 1h}",
            "");
    assertThat(problems(yaml, Map.of())).containsExactly("servers: id NC050 appears more than once");
  }

  @Test
  void theMonitorTakesTheFilesHeartbeatsAndChecksTheirSecretsAlike() {
    Clock clock = Clock.fixed(Instant.parse("2016-11-23T07:08:00Z"), ZoneOffset.UTC);
    MonitorConfig config =
        MonitorConfigLoader.create()
            .withEnvironment(Map.of("BACKUP_PING_SECRET", SECRET))
            .fromYaml(
                String.join(
                    "\n",
                    "servers:",
                    "  - id: NC050",
                    "    name: Nightly backup",
                    "    role: Backup job",
                    "    heartbeat: {period: 1d, secret: \"${BACKUP_PING_SECRET}\"}",
                    "  - id: NC051",
                    "    heartbeat: {period: 1d}",
                    ""));
    try (StatusTracker tracker = StatusTracker.inMemory(clock);
        Monitor monitor = Monitor.builder(tracker).config(config).build()) {
      assertThat(monitor.heartbeats().ids()).containsExactly("NC050", "NC051");
      assertThat(tracker.board().server("NC050").orElseThrow().role()).isEqualTo("Backup job");
      Heartbeats h = monitor.heartbeats();
      assertThat(h.authenticates("NC050", SECRET)).isTrue();
      assertThat(h.authenticates("NC050", SECRET + "x")).isFalse();
      assertThat(h.authenticates("NC050", SECRET.substring(1))).isFalse();
      assertThat(h.authenticates("NC050", "")).isFalse();
      assertThat(h.authenticates("NC051", "")).as("no secret: no route").isFalse();
      assertThat(h.authenticates("NC051", SECRET)).isFalse();
      assertThat(h.authenticates("NC099", SECRET)).as("unknown id").isFalse();
    }
  }

  @Test
  void aBadSecretInJavaIsRejectedWithItsLengthOnly() {
    assertThatThrownBy(() -> HeartbeatConfig.builder("NC050").secret("tiny").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret must be 16 to 128 letters, digits, '-', '_', '.' or '~' (it has 4 characters)");
  }
}
