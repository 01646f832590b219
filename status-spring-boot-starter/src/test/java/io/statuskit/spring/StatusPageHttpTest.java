package io.statuskit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetState;
import io.statuskit.probes.Outcome;
import io.statuskit.testservers.HttpTestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Spring Boot application on an embedded server with a random port, asked
 * over real HTTP: the page and its conditional GET, gzip, the feeds and the Statuspage API, and
 * the Actuator health of a server that answers and one that does not (both on 127.0.0.1, started
 * by the test). The settings are YAML ({@code application-http.yml}), as in a host.
 */
@SpringBootTest(classes = StatusPageHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("http")
class StatusPageHttpTest {
  @TempDir static Path data;

  /** A server that accepts connections (the TCP probe of WEB is up). */
  private static final HttpTestServer UP = HttpTestServer.serving("/", HttpTestServer.Response.ok("ok"));
  /** A port nothing listens on any more (the TCP probe of GONE is refused). */
  private static final int DOWN_PORT = closedPort();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("statuskit.store.journal.directory", () -> data.toString());
    registry.add("test.up-port", UP::port);
    registry.add("test.down-port", () -> DOWN_PORT);
  }

  @AfterAll
  static void stopServers() {
    UP.close();
  }

  @Autowired Environment environment;
  @Autowired Monitor monitor;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
            .timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void thePageAnswers200AndThen304ForItsValidators() throws Exception {
    HttpResponse<byte[]> page = get("/status/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(text(page)).contains("Example Hosting").contains("server-WEB").contains("server-GONE");
    String etag = page.headers().firstValue("ETag").orElseThrow();
    String lastModified = page.headers().firstValue("Last-Modified").orElseThrow();

    HttpResponse<byte[]> again = get("/status/", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).contains(etag);

    // The site's rule: only a date after the change proves the client has it (two versions within
    // one second share a Last-Modified), so a second later is not modified and a day earlier is.
    ZonedDateTime modified = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
    String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.plusSeconds(1));
    String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.minusDays(1));
    assertThat(get("/status/", "If-Modified-Since", later).statusCode()).isEqualTo(304);
    assertThat(get("/status/", "If-Modified-Since", earlier).statusCode()).isEqualTo(200);
    assertThat(get("/status/", "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
  }

  @Test
  void thePageIsGzippedForAClientThatAcceptsIt() throws Exception {
    HttpResponse<byte[]> page = get("/status/", "Accept-Encoding", "gzip");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Encoding")).contains("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(page.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("Example Hosting");
    }
  }

  @Test
  void thePathWithoutItsSlashRedirectsAndOtherPathsAreNotThePages() throws Exception {
    HttpResponse<byte[]> bare = get("/status?x=1");
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("Location")).contains("/status/?x=1");

    assertThat(get("/status/no-such-page").statusCode()).isEqualTo(404);
    assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
    assertThat(get("/statusx/").statusCode()).isEqualTo(404);
  }

  @Test
  void theFeedsAndTheStatuspageApiAreServedWithValidators() throws Exception {
    HttpResponse<byte[]> rss = get("/status/history.rss");
    assertThat(rss.statusCode()).isEqualTo(200);
    assertThat(xmlRoot(rss.body())).isEqualTo("rss");
    String etag = rss.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/status/history.rss", "If-None-Match", etag).statusCode()).isEqualTo(304);

    HttpResponse<byte[]> atom = get("/status/history.atom");
    assertThat(atom.statusCode()).isEqualTo(200);
    assertThat(xmlRoot(atom.body())).isEqualTo("feed");

    HttpResponse<byte[]> summary = get("/status/api/v2/summary.json");
    assertThat(summary.statusCode()).isEqualTo(200);
    JsonNode json = new ObjectMapper().readTree(summary.body());
    assertThat(json.path("page").path("name").asText()).isEqualTo("Example Hosting");
    assertThat(json.path("page").path("url").asText()).endsWith("/status/");
  }

  @Test
  void theHealthEndpointShowsEachMonitoredServerUpOrDown() throws Exception {
    TargetState web = monitor.checkNow("WEB").get(30, TimeUnit.SECONDS);
    TargetState gone = monitor.checkNow("GONE").get(30, TimeUnit.SECONDS);
    assertThat(web.hardState()).isEqualTo(Outcome.UP);
    assertThat(gone.hardState()).isEqualTo(Outcome.DOWN);

    HttpResponse<byte[]> response = get("/actuator/health/statuskit");
    JsonNode health = new ObjectMapper().readTree(response.body());
    assertThat(health.path("status").asText()).isEqualTo("DOWN");
    assertThat(health.path("components").path("WEB").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("WEB").path("details").path("state").asText()).isEqualTo("up");
    assertThat(health.path("components").path("GONE").path("status").asText()).isEqualTo("DOWN");
    assertThat(health.path("components").path("GONE").path("details").path("probes").path(0).path("message").asText())
        .isNotEmpty();
    assertThat(response.statusCode()).isEqualTo(503);

    HttpResponse<byte[]> one = get("/actuator/health/statuskit/WEB");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(one.body()).path("status").asText()).isEqualTo("UP");
  }

  private static String xmlRoot(byte[] body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement().getLocalName();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
