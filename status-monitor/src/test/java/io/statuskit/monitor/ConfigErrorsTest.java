package io.statuskit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.TlsProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config errors: all at once, each at its key, with the value as written. */
class ConfigErrorsTest {

  private static List<String> problems(String yaml) {
    try {
      MonitorConfigLoader.create().fromYaml(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("the config was accepted:\n" + yaml);
  }

  @Test
  void everyBadValueOfOneProbeIsReportedAndTheKeysAfterThemAreStillRead() {
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC042",
            "    probes:",
            "      - type: http",
            "        url: https://status.ninernet.net/",
            "        timeout: 0s",
            "        degradedAbove: 0ms",
            "        bodyMatches: [\"ok\", \"(unclosed\"]",
            "        expectStatus: 2xx",
            "        bodyContains: Systems at a Glance",
            "        maxRedirects: 3",
            "        colour: blue",
            "");
    assertThat(problems(yaml))
        .containsExactlyInAnyOrder(
            "servers[0].probes[0].timeout: \"0s\" must be positive and at most 1h",
            "servers[0].probes[0].degradedAbove: \"0ms\" must be positive",
            "servers[0].probes[0].bodyMatches[1]: \"(unclosed\" must be a regular expression (Unclosed group)",
            "servers[0].probes[0].colour: unknown setting");
  }

  @Test
  void problemsOfEveryProbeAndServerComeInOneRun() {
    String yaml =
        String.join(
            "\n",
            "defaults:",
            "  interval: 5ms",
            "servers:",
            "  - id: NC036",
            "    interval: 1m",
            "    jitter: 2m",
            "    quorum: 3",
            "    probes:",
            "      - type: tcp",
            "        host: nc036.ninernet.net",
            "        port: 25",
            "        timeout: 2h",
            "        expect: \"^220\"",
            "      - type: smtp",
            "        host: nc036.ninernet.net",
            "        ehlo: monitor.ninernet.net",
            "        timeout: PT0S",
            "        startTls: maybe",
            "  - id: NC033",
            "    probes:",
            "      - type: dns",
            "        server: 192.0.2.33",
            "        name: ninernet.net",
            "        queryType: SOAP",
            "        validRcodes: [NOERROR, NOPE]",
            "        timeout: 5s",
            "");
    assertThat(problems(yaml))
        .containsExactlyInAnyOrder(
            "defaults.interval: \"5ms\" must be 10ms to 1d",
            "servers[0].jitter: \"2m\" must be less than the interval (1m)",
            "servers[0].quorum: 3 must be at most the number of probes (2)",
            "servers[0].probes[0].timeout: \"2h\" must be positive and at most 1h",
            "servers[0].probes[1].timeout: \"PT0S\" must be positive and at most 1h",
            "servers[0].probes[1].startTls: \"maybe\" is not true or false",
            "servers[1].probes[0].queryType: \"SOAP\" must be a DNS type such as A or SOA",
            "servers[1].probes[0].validRcodes[1]: \"NOPE\" must be response codes such as NOERROR or NXDOMAIN");
  }

  @Test
  void aMissingRequiredSettingDoesNotHideTheOthers() {
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC036",
            "    probes:",
            "      - type: tcp",
            "        timeout: 0s",
            "        tls: true",
            "        expiryWarning: 7d",
            "");
    assertThat(problems(yaml))
        .containsExactlyInAnyOrder(
            "servers[0].probes[0].host: is required",
            "servers[0].probes[0].port: is required",
            "servers[0].probes[0].timeout: \"0s\" must be positive and at most 1h");
  }

  @Test
  void caFileIsCheckedWhenTheConfigIsRead(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC036",
            "    probes:",
            "      - type: tls",
            "        host: nc036.ninernet.net",
            "        caFile: missing.pem",
            "      - type: tls",
            "        host: nc036.ninernet.net",
            "        caFile: junk.pem",
            "");
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, yaml);
    assertThatThrownBy(() -> MonitorConfigLoader.create().load(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .satisfiesExactlyInAnyOrder(
                        p ->
                            assertThat(p)
                                .isEqualTo(
                                    "servers[0].probes[0].caFile: \"missing.pem\" does not exist ("
                                        + dir.resolve("missing.pem").toAbsolutePath().normalize()
                                        + ")"),
                        p -> assertThat(p).startsWith("servers[0].probes[1].caFile: ").contains("no", "certificates")));
  }

  @Test
  void tlsKeysAreReadRelativeToTheConfigFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("ca.pem"), somePemCertificate());
    String yaml =
        String.join(
            "\n",
            "servers:",
            "  - id: NC036",
            "    probes:",
            "      - type: tls",
            "        host: 192.0.2.36",
            "        port: 465",
            "        serverName: mail.ninernet.net",
            "        caFile: ca.pem",
            "        verifyHostname: false",
            "        expiryWarning: 30d",
            "      - type: http",
            "        url: https://status.ninernet.net/",
            "        serverName: status.ninernet.net",
            "        expiryWarning: 7d",
            "");
    Path file = dir.resolve("monitor.yaml");
    Files.writeString(file, yaml);
    TargetConfig target = MonitorConfigLoader.create().load(file).targets().get(0);
    TlsProbe tls = (TlsProbe) target.probes().get(0);
    assertThat(tls.tls().serverName()).isEqualTo("mail.ninernet.net");
    assertThat(tls.tls().caFile()).isEqualTo(dir.resolve("ca.pem"));
    assertThat(tls.tls().verifyHostname()).isFalse();
    assertThat(tls.tls().expiryWarning()).isEqualTo(Duration.ofDays(30));
    HttpProbe http = (HttpProbe) target.probes().get(1);
    assertThat(http.tls().expiryWarning()).isEqualTo(Duration.ofDays(7));
  }

  /** One CA certificate of the JDK's trust store, as PEM. */
  private static String somePemCertificate() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    try (var in = Files.newInputStream(cacerts)) {
      store.load(in, null);
    }
    String alias = Collections.list(store.aliases()).get(0);
    Certificate cert = store.getCertificate(alias);
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
