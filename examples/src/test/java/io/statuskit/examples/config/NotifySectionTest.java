package io.statuskit.examples.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.notify.MailSettings;
import io.statuskit.notify.TargetPolicy;
import io.statuskit.notify.WebhookFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifySectionTest {
  private static final String SERVERS = "servers:\n  - id: NC036\n    probes:\n      - type: tcp\n        host: 127.0.0.1\n        port: 9\n";

  @TempDir Path dir;

  private ExampleConfig load(String notify, Map<String, String> env) throws Exception {
    Path file = dir.resolve("status.yaml");
    Files.writeString(file, "page:\n  name: Example\n" + notify + SERVERS);
    return ExampleConfig.load(file, 8080, env);
  }

  @Test
  void theSectionSetsMailWebhooksAndRateLimits() throws Exception {
    NotifySettings n = java.util.Objects.requireNonNull(
        load(
                "notify:\n  siteUrl: https://status.example.net\n  store: subscribers\n"
                    + "  smtp:\n    host: smtp.example.net\n    security: smtps\n    username: status\n"
                    + "    password: \"${SMTP_PASSWORD}\"\n    from: status@example.net\n    timeout: 20s\n    trustCa: certs/ca.pem\n"
                    + "  webhooks:\n    formats: [slack]\n    requestTimeout: 3s\n"
                    + "  rateLimit:\n    perClient: 20/1h\n    perAddress: 5/30m\n",
                Map.of("SMTP_PASSWORD", "s3cret"))
            .notifications());

    assertThat(n).isNotNull();
    MailSettings mail = n.mail();
    assertThat(mail).isEqualTo(
        new MailSettings("smtp.example.net", 465, MailSettings.Security.SMTPS, "status", "s3cret", "status@example.net", Duration.ofSeconds(20)));
    assertThat(n.trustCa()).isEqualTo(dir.toAbsolutePath().resolve("certs/ca.pem"));
    assertThat(n.siteUrl()).isEqualTo(URI.create("https://status.example.net/"));
    assertThat(n.store()).isEqualTo(Path.of("subscribers"));
    assertThat(n.webhookFormats()).containsExactly(WebhookFormat.SLACK);
    assertThat(n.targets()).isEqualTo(TargetPolicy.publicOnly());
    assertThat(n.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(n.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(n.perClient()).isEqualTo(new NotifySettings.Rate(20, Duration.ofHours(1)));
    assertThat(n.perAddress()).isEqualTo(new NotifySettings.Rate(5, Duration.ofMinutes(30)));
  }

  @Test
  void defaultsStartTlsOn587NoWebhooksAndTheDefaultLimits() throws Exception {
    NotifySettings n =
        java.util.Objects.requireNonNull(load("notify:\n  smtp: {host: smtp.example.net, from: status@example.net}\n", Map.of()).notifications());
    assertThat(n.mail()).isEqualTo(MailSettings.of("smtp.example.net", 587, "status@example.net"));
    assertThat(n.webhookFormats()).isEmpty();
    assertThat(n.perClient()).isEqualTo(new NotifySettings.Rate(10, Duration.ofHours(1)));
    assertThat(n.perAddress()).isEqualTo(new NotifySettings.Rate(3, Duration.ofHours(1)));
    assertThat(load("", Map.of()).notifications()).as("no section, no notifications").isNull();
  }

  @Test
  void badValuesAreListedWithTheirPathsAndValues() throws Exception {
    assertThatThrownBy(
            () ->
                load(
                    "notify:\n  colour: red\n  siteUrl: ftp://x\n"
                        + "  smtp:\n    host: \"smtp example\"\n    port: 70000\n    security: tls\n    from: nobody\n"
                        + "    username: status\n    password: \"${MISSING}\"\n"
                        + "  webhooks:\n    formats: [slack, discord]\n    allowPrivateTargets: yes please\n    connectTimeout: soon\n"
                        + "  rateLimit:\n    perClient: lots\n",
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notify.colour: unknown field")
        .hasMessageContaining("notify.siteUrl: must be an absolute http(s) URL without query: \"ftp://x\"")
        .hasMessageContaining("notify.smtp.port: must be a port number 1 to 65535: 70000")
        .hasMessageContaining("notify.smtp.security: must be none, starttls or smtps: \"tls\"")
        .hasMessageContaining("notify.smtp.from: must be an e-mail address such as status@example.net: \"nobody\"")
        .hasMessageContaining("notify.smtp.password: the environment variable MISSING is not set")
        .hasMessageContaining("notify.webhooks.formats[1]: must be statuspage, slack or teams: \"discord\"")
        .hasMessageContaining("notify.webhooks.allowPrivateTargets: must be true or false: \"yes please\"")
        .hasMessageContaining("notify.webhooks.connectTimeout: must be a positive duration such as 500ms, 10s or 2m: \"soon\"")
        .hasMessageContaining("notify.rateLimit.perClient: must be a count per duration such as 10/1h or 3/30m: \"lots\"");
    assertThatThrownBy(() -> load("notify:\n  smtp: {host: \"smtp example\", from: status@example.net}\n", Map.of()))
        .hasMessageContaining("notify.smtp.host must be a host name or address: smtp example");
    assertThatThrownBy(() -> load("notify:\n  store: x\n", Map.of()))
        .hasMessageContaining("notify: needs smtp (for e-mail subscribers), webhooks, or both");
    assertThatThrownBy(() -> load("notify:\n  smtp: {host: h, from: a@b.c, username: u}\n", Map.of()))
        .hasMessageContaining("notify.smtp: username and password come together");
  }
}
