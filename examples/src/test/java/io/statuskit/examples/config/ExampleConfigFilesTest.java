package io.statuskit.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.util.Objects.requireNonNull;

import io.statuskit.monitor.HeartbeatConfig;
import io.statuskit.probes.TlsProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files named in the config resolve against its directory; heartbeats read their secrets from the environment. */
class ExampleConfigFilesTest {
  @TempDir Path dir;

  @Test
  void aRelativeCaFileResolvesAgainstTheConfigFilesDirectoryNotTheWorkingDirectory() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("etc").resolve("statuskit"));
    Files.writeString(conf.resolve("ca.pem"), somePemCertificate());
    Path file = conf.resolve("status.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "servers:",
            "  - id: NC036",
            "    probes:",
            "      - {type: tls, host: 127.0.0.1, port: 465, caFile: ca.pem}",
            ""));
    assertThat(Path.of("").toAbsolutePath()).as("the working directory is elsewhere").isNotEqualTo(conf);
    assertThat(Files.exists(Path.of("ca.pem"))).isFalse();

    TlsProbe tls = (TlsProbe) requireNonNull(ExampleConfig.load(file, 8080, Map.of()).servers()).targets().get(0).probes().get(0);
    assertThat(tls.tls().caFile()).isEqualTo(conf.resolve("ca.pem"));

    Files.delete(conf.resolve("ca.pem"));
    assertThatThrownBy(() -> ExampleConfig.load(file, 8080, Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "servers[0].probes[0].caFile: \"ca.pem\" does not exist ("
                            + conf.resolve("ca.pem").toAbsolutePath().normalize()
                            + ")"));
  }

  @Test
  void aHeartbeatsSecretComesFromTheEnvironmentGiven() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "servers:",
            "  - id: NC050",
            "    name: Nightly backup",
            "    heartbeat: {period: 1d, grace: 1h, secret: \"${BACKUP_PING_SECRET}\"}",
            ""));
    HeartbeatConfig backup =
        requireNonNull(ExampleConfig.load(file, 8080, Map.of("BACKUP_PING_SECRET", "from-the-environment-42")).servers())
            .heartbeat("NC050")
            .orElseThrow();
    assertThat(backup.secret()).isEqualTo("from-the-environment-42");
    assertThat(backup.period()).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> ExampleConfig.load(file, 8080, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "servers[0].heartbeat.secret: \"${BACKUP_PING_SECRET}\": the environment variable BACKUP_PING_SECRET is not set");
  }

  /** One CA certificate of the JDK's trust store, as PEM. */
  static String somePemCertificate() throws Exception {
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
