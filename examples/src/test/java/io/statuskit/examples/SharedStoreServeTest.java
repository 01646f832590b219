package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

/** Two {@code serve} instances on one PostgreSQL schema show one board and share one notification store. */
class SharedStoreServeTest {
  private static final String TOKEN = "test-token-0123456789abcdef";

  @TempDir Path dir;
  private @Nullable String schema;


  @AfterEach
  void dropSchema() {
    if (schema != null) {
      PostgresDatabase.drop(schema);
    }
  }

  private ServeOptions options(Path config, String data, String schema) {
    return new ServeOptions(0, "127.0.0.1", config, dir.resolve(data), null, TOKEN, false, Clock.systemUTC())
        .withStore(PostgresDatabase.store(schema), Map.of());
  }

  @Test
  void aNoticePostedThroughOneInstanceAppearsOnTheOthersPage() throws Exception {
    PostgresDatabase.assumeAvailable();
    schema = PostgresDatabase.newSchema();
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page:",
            "  name: Example Hosting",
            "  baseUrl: https://status.example.net/",
            "  zone: UTC",
            "servers:",
            "  - id: NC041",
            "    name: Web server",
            "    probes:",
            "      - type: http",
            "        url: http://127.0.0.1:9/",
            ""));
    try (StatusPageApp first = StatusPageApp.start(options(config, "one", schema));
        StatusPageApp second = StatusPageApp.start(options(config, "two", schema))) {
      assertThat(first.port()).isNotEqualTo(second.port());
      HttpResponse<byte[]> posted =
          Http.post(
              first.url().resolve("/api/admin/notices"),
              "{\"title\": \"Shared board notice\", \"body\": \"Seen from both instances.\"}",
              Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
      assertThat(posted.statusCode()).isEqualTo(201);
      assertThat(Http.text(Http.get(first.url()))).contains("Shared board notice");

      Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
      String page = Http.text(Http.get(second.url()));
      while (!page.contains("Shared board notice") && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        page = Http.text(Http.get(second.url()));
      }
      assertThat(page).as("the second instance's page within 15 s").contains("Shared board notice");
      assertThat(Files.exists(dir.resolve("one"))).as("no journal beside a database store").isFalse();
    }
  }

  @Test
  void subscribersAreSharedByBothInstancesAndEachNoticeIsSentByOne() throws Exception {
    PostgresDatabase.assumeAvailable();
    schema = PostgresDatabase.newSchema();
    Path config = dir.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page:",
            "  name: Example Hosting",
            "  baseUrl: https://status.example.net/",
            "  zone: UTC",
            "servers:",
            "  - id: NC041",
            "    name: Web server",
            "    probes:",
            "      - type: http",
            "        url: http://127.0.0.1:9/",
            "notify:",
            "  webhooks: {formats: [slack], allowPrivateTargets: true}",
            ""));
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (StatusPageApp first = StatusPageApp.start(options(config, "one", schema));
        StatusPageApp second = StatusPageApp.start(options(config, "two", schema))) {
      String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      HttpResponse<byte[]> added =
          Http.post(
              first.url().resolve("/subscribe"),
              "webhook=" + URLEncoder.encode(hook, StandardCharsets.UTF_8) + "&format=slack&kind=incident",
              Map.of("Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin"));
      assertThat(added.statusCode()).as(Http.text(added)).isEqualTo(201);

      // The subscriber added through the first instance is in the second one's store.
      HttpResponse<byte[]> listed =
          Http.get(second.url().resolve("/api/admin/subscribers"), "Authorization", "Bearer " + TOKEN);
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode subscribers = new ObjectMapper().readTree(listed.body());
      assertThat(subscribers).hasSize(1);
      assertThat(subscribers.get(0).path("url").asText()).isEqualTo(hook);
      assertThat(Files.exists(dir.resolve("one").resolve("notify"))).as("no file store beside a database store").isFalse();

      HttpResponse<byte[]> posted =
          Http.post(
              second.url().resolve("/api/admin/incidents"),
              "{\"title\": \"NC041: Web server down\", \"body\": \"Looking.\"}",
              Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
      assertThat(posted.statusCode()).isEqualTo(201);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (received.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(received).as("the notice within 60 s").isNotEmpty();
      Thread.sleep(3000); // a second sender would have sent by now
      assertThat(received).as("sent by one instance, once").hasSize(1);
      assertThat(received.get(0)).contains("NC041: Web server down");
      assertThat(first.notifier().orElseThrow().isSending() ^ second.notifier().orElseThrow().isSending())
          .as("exactly one instance holds the sender lease")
          .isTrue();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aStoreUrlIsTranslatedToJdbcWithTheUserFromTheUrlOrTheEnvironment() {
    StoreLocation fromUrl = StoreLocation.parse("postgresql://ops:secret@127.0.0.1:5433/status?schema=board", Map.of());
    assertThat(fromUrl).isEqualTo(new StoreLocation.Postgres("jdbc:postgresql://127.0.0.1:5433/status", "board", "ops", "secret"));
    assertThat(fromUrl.describe()).doesNotContain("secret");

    StoreLocation fromEnv =
        StoreLocation.parse("postgresql://127.0.0.1/status", Map.of("PGUSER", "env-user", "PGPASSWORD", "env-pass"));
    assertThat(fromEnv).isEqualTo(new StoreLocation.Postgres("jdbc:postgresql://127.0.0.1/status", "statuskit", "env-user", "env-pass"));

    assertThat(StoreLocation.parse("journal:/var/lib/statuskit", Map.of())).isEqualTo(new StoreLocation.Journal(Path.of("/var/lib/statuskit")));
    assertThat(StoreLocation.parse("board-data", Map.of())).isEqualTo(new StoreLocation.Journal(Path.of("board-data")));
  }

  @Test
  void aStoreOfAnotherKindIsABadArgument() throws Exception {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        StatusKitExamples.run(
            java.util.List.of("serve", "--port", "0", "--store", "mysql://127.0.0.1/x"),
            Map.of(),
            new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true),
            new java.io.PrintStream(err, true));
    assertThat(code).isEqualTo(StatusKitExamples.BAD_CONFIG);
    assertThat(err.toString()).startsWith("error: store must be postgresql://");
  }
}
