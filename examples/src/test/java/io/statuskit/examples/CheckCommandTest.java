package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.examples.live.DemoServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code check} in-process, as cron would run the jar, against servers on 127.0.0.1. */
class CheckCommandTest {
  @TempDir Path dir;
  private DemoServices demo;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startServers() throws Exception {
    demo = DemoServices.start();
  }

  @AfterEach
  void stopServers() {
    demo.close();
  }

  private int check(String yaml, String... options) throws Exception {
    return check(yaml, Map.of(), options);
  }

  private int check(String yaml, Map<String, String> env, String... options) throws Exception {
    Path config = dir.resolve("status.yaml");
    Files.writeString(config, yaml);
    List<String> args = new java.util.ArrayList<>(List.of("check", "--config", config.toString()));
    args.addAll(List.of(options));
    return StatusKitExamples.run(
        args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void heartbeatServersAreSkippedAndTheirSecretsComeFromTheEnvironmentGiven() throws Exception {
    String yaml =
        upServers()
            + String.join(
                "\n",
                "  - id: NC050",
                "    name: Nightly backup",
                "    heartbeat: {period: 1d, secret: \"${BACKUP_PING_SECRET}\"}",
                "");
    int code = check(yaml, Map.of("BACKUP_PING_SECRET", "backup-ping-secret-0123456789"));
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("3 of 3 probes up\n").doesNotContain("NC050");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("skipped 1 heartbeat server(s), which ping a running serve instead of being probed");

    out.reset();
    err.reset();
    assertThat(check(yaml)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("servers[3].heartbeat.secret: \"${BACKUP_PING_SECRET}\": the environment variable BACKUP_PING_SECRET is not set");
  }

  private String upServers() {
    return String.join(
        "\n",
        "page:",
        "  name: Example Hosting",
        "  baseUrl: https://status.example.net/",
        "  zone: Europe/London",
        "servers:",
        "  - id: NC036",
        "    name: Mail server",
        "    probes:",
        "      - type: smtp",
        "        host: 127.0.0.1",
        "        port: " + demo.smtpPort(),
        "        ehlo: monitor.example.net",
        "        timeout: 5s",
        "  - id: NC041",
        "    name: Web server",
        "    probes:",
        "      - type: http",
        "        url: http://127.0.0.1:" + demo.httpPort() + "/",
        "        timeout: 5s",
        "  - id: NC033",
        "    name: Primary nameserver",
        "    probes:",
        "      - type: dns",
        "        server: 127.0.0.1",
        "        port: " + demo.dnsPort(),
        "        name: nc033.example.net",
        "        timeout: 5s",
        "");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void allServersUpExitsZeroWithATable() throws Exception {
    int code = check(upServers());

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(table + err).isZero();
    assertThat(table.lines().findFirst()).hasValue("SERVER  PROBE" + table.lines().findFirst().orElseThrow().substring(13));
    assertThat(table).containsPattern("NC036 +smtp .*UP +\\d+ ms");
    assertThat(table).containsPattern("NC041 +http .*UP +\\d+ ms");
    assertThat(table).containsPattern("NC033 +dns .*UP +\\d+ ms");
    assertThat(table).endsWith("3 of 3 probes up\n");
  }

  @Test
  void aServerDownExitsOneAndSaysWhy() throws Exception {
    int port = closedPort();
    String yaml =
        upServers()
            + String.join(
                "\n",
                "  - id: NC040",
                "    name: Web server",
                "    probes:",
                "      - type: tcp",
                "        host: 127.0.0.1",
                "        port: " + port,
                "        timeout: 2s",
                "");

    int code = check(yaml);

    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(table).isEqualTo(1);
    assertThat(table).containsPattern("NC040 +tcp 127\\.0\\.0\\.1:" + port + " +DOWN +\\S+ .*refused");
    assertThat(table).endsWith("3 of 4 probes up\n");
  }

  @Test
  void withAStoreEachServersResultIsRecordedOnTheBoardThere() throws Exception {
    Path journal = dir.resolve("journal");
    try (StatusTracker tracker = StatusTracker.builder().store(JournalStatusStore.open(journal)).build()) {
      tracker.addServer(Server.builder("NC040").name("Closed port").build());
    }
    int port = closedPort();
    String yaml =
        upServers()
            + String.join("\n", "  - id: NC040", "    probes:", "      - type: tcp", "        host: 127.0.0.1", "        port: " + port, "");

    int code = check(yaml, "--store", "journal:" + journal);

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("recorded 1 server statuses in journal:");
    try (StatusTracker reopened = StatusTracker.builder().store(JournalStatusStore.open(journal)).build()) {
      assertThat(reopened.board().status("NC040")).isEqualTo(Status.MAJOR_OUTAGE);
    }
  }

  @Test
  void jsonListsEveryProbeWithItsError() throws Exception {
    int port = closedPort();
    String yaml =
        upServers()
            + String.join("\n", "  - id: NC040", "    probes:", "      - type: tcp", "        host: 127.0.0.1", "        port: " + port, "");

    int code = check(yaml, "--format", "json");

    JsonNode json = new ObjectMapper().readTree(out.toByteArray());
    assertThat(code).isEqualTo(1);
    assertThat(json.size()).isEqualTo(4);
    assertThat(json.get(0).get("server").asText()).isEqualTo("NC036");
    assertThat(json.get(0).get("outcome").asText()).isEqualTo("up");
    assertThat(json.get(0).get("latencyMillis").isIntegralNumber()).isTrue();
    assertThat(json.get(0).get("error").isNull()).isTrue();
    JsonNode down = json.get(3);
    assertThat(down.get("server").asText()).isEqualTo("NC040");
    assertThat(down.get("outcome").asText()).isEqualTo("down");
    assertThat(down.get("error").get("kind").asText()).contains("refused");
    assertThat(down.get("error").get("message").asText()).isNotBlank();
  }

  @Test
  void aBadConfigExitsTwoListingEveryProblemWithItsPath() throws Exception {
    String yaml =
        String.join(
            "\n",
            "page:",
            "  name: Example Hosting",
            "  zone: Mars/Olympus_Mons",
            "colour: blue",
            "servers:",
            "  - id: NC036",
            "    probes:",
            "      - type: smtp",
            "        host: 127.0.0.1",
            "        ehlo: monitor.example.net",
            "        timeout: 5 parsecs",
            "      - type: gopher",
            "");

    int code = check(yaml);

    String errors = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(2);
    assertThat(out.size()).isZero();
    assertThat(errors)
        .contains("page.zone: unknown time zone \"Mars/Olympus_Mons\"")
        .contains("colour: unknown section")
        .contains("servers[0].probes[0].timeout")
        .contains("5 parsecs")
        .contains("servers[0].probes[1].type");
  }

  @Test
  void unknownOptionsAndFormatsExitTwo() throws Exception {
    assertThat(check(upServers(), "--format", "xml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format must be table or json");
    assertThat(StatusKitExamples.run(List.of("check"), Map.of(), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    assertThat(StatusKitExamples.run(List.of("check", "--verbose", "x"), Map.of(), new PrintStream(out), new PrintStream(err)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("check needs --config FILE", "unknown option --verbose");
  }
}
