package io.statuskit.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.examples.server.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSectionTest {
  private static final String SERVERS = "servers:\n  - id: NC036\n    probes:\n      - type: tcp\n        host: 127.0.0.1\n        port: 9\n";

  @TempDir Path dir;

  @Test
  void theServerSectionSetsTheLimitsAndTheRestKeepTheirDefaults() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(
        file,
        "page:\n  name: Example\nserver:\n  maxRequestHeaderBytes: 16384\n  headerTimeout: 5s\n  idleTimeout: 2m\n"
            + "  maxConnectionsPerAddress: 16\n  accessLog: false\n" + SERVERS);

    ServerSettings server = ExampleConfig.load(file, 8080).server();

    assertThat(server.maxRequestHeaderBytes()).isEqualTo(16384);
    assertThat(server.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(server.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(server.maxConnectionsPerAddress()).isEqualTo(16);
    assertThat(server.accessLog()).isFalse();
    assertThat(server.maxBodyBytes()).isEqualTo(ServerSettings.defaults().maxBodyBytes());
    assertThat(server.shutdownTimeout()).isEqualTo(ServerSettings.defaults().shutdownTimeout());
  }

  @Test
  void withoutAServerSectionEveryLimitHasItsDefault() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, "page:\n  name: Example\n" + SERVERS);

    assertThat(ExampleConfig.load(file, 8080).server()).isEqualTo(ServerSettings.defaults());
  }

  @Test
  void badLimitsAreListedWithTheirPaths() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(
        file,
        "page:\n  name: Example\nserver:\n  headerTimeout: forever\n  maxThreads: many\n  colour: red\n  accessLog: 1\n" + SERVERS);

    assertThatThrownBy(() -> ExampleConfig.load(file, 8080))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.headerTimeout: must be a duration")
        .hasMessageContaining("server.maxThreads: must be a whole number")
        .hasMessageContaining("server.colour: unknown field")
        .hasMessageContaining("server.accessLog: must be true or false");
  }

  @Test
  void limitsOutOfRangeAreRefused() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, "page:\n  name: Example\nserver:\n  maxRequestHeaderBytes: 10\n" + SERVERS);

    assertThatThrownBy(() -> ExampleConfig.load(file, 8080)).hasMessageContaining("server.maxRequestHeaderBytes must be 1024 to");
  }

  @Test
  void thePagesLocaleIsASettingOfThePageSection() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, "page:\n  name: Example\n  locale: de\n" + SERVERS);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "page:\n  name: Example\n  locale: 42\n" + SERVERS);

    assertThat(ExampleConfig.load(file, 8080).page().locale()).isEqualTo(java.util.Locale.GERMAN);
    assertThat(ExampleConfig.load(file, 8080).hideInternalServers()).isFalse();
    assertThatThrownBy(() -> ExampleConfig.load(bad, 8080)).hasMessageContaining("page.locale: must be a language tag");
  }

  @Test
  void thePageCanHideInternalServersFromThePublic() throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, "page:\n  name: Example\n  hideInternalServers: true\n" + SERVERS);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "page:\n  name: Example\n  hideInternalServers: sometimes\n" + SERVERS);

    assertThat(ExampleConfig.load(file, 8080).hideInternalServers()).isTrue();
    assertThatThrownBy(() -> ExampleConfig.load(bad, 8080)).hasMessageContaining("page.hideInternalServers: must be true or false");
  }

  @Test
  void thePageLeavesNoDataOutOfUptimeUnlessTheConfigCountsItAsDown() throws Exception {
    Path plain = dir.resolve("plain.yaml");
    Files.writeString(plain, "page:\n  name: Example\n" + SERVERS);
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, "page:\n  name: Example\n  noData: countedDown\n" + SERVERS);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "page:\n  name: Example\n  noData: up\n" + SERVERS);

    assertThat(ExampleConfig.load(plain, 8080).page().noData()).isEqualTo(io.statuskit.page.PageSettings.NoData.LEFT_OUT);
    assertThat(ExampleConfig.load(file, 8080).page().noData()).isEqualTo(io.statuskit.page.PageSettings.NoData.COUNTED_DOWN);
    assertThatThrownBy(() -> ExampleConfig.load(bad, 8080)).hasMessageContaining("page.noData: must be leftOut or countedDown: \"up\"");
  }
}
