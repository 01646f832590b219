package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.testservers.TcpProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readyz} is 200 only while the store answers: 503 while the PostgreSQL store's database
 * is unreachable (a proxy in front of it refuses and cuts connections) or the journal's directory
 * is gone, 200 again once it is back; {@code /healthz} stays 200 throughout (the process is alive).
 */
class ReadinessTest {
  @TempDir Path dir;
  private @Nullable String schema;

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      PostgresDatabase.drop(schema);
    }
  }

  @Test
  void readyzIs503WhileThePostgresStoreIsUnreachableAnd200WhenItIsBack() throws Exception {
    PostgresDatabase.assumeAvailable();
    String name = PostgresDatabase.newSchema();
    schema = name;
    try (TcpProxy gate = TcpProxy.to(5432)) {
      String store = "postgresql://127.0.0.1:" + gate.port() + "/test?schema=" + name + "&user=postgres";
      ServeOptions options =
          new ServeOptions(0, "127.0.0.1", null, dir.resolve("data"), null, null, false, Clock.systemUTC())
              .withStore(store, Map.of());
      try (StatusPageApp app = StatusPageApp.start(options)) {
        URI readyz = app.url().resolve("/readyz");
        URI healthz = app.url().resolve("/healthz");
        assertThat(Http.get(readyz).statusCode()).isEqualTo(200);

        gate.down();
        assertThat(awaitStatus(readyz, 503)).as("/readyz within 10 s of the database going away").isEqualTo(503);
        assertThat(Http.text(Http.get(readyz))).isEqualTo("not ready\n");
        assertThat(Http.get(healthz).statusCode()).isEqualTo(200);

        gate.up();
        assertThat(awaitStatus(readyz, 200)).as("/readyz within 10 s of the database coming back").isEqualTo(200);
      }
    }
  }

  @Test
  void readyzIs503WhileTheJournalDirectoryIsGone() throws Exception {
    Path data = dir.resolve("data");
    try (StatusPageApp app =
        StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, data, null, null, false, Clock.systemUTC()))) {
      URI readyz = app.url().resolve("/readyz");
      assertThat(Http.get(readyz).statusCode()).isEqualTo(200);
      Files.move(data, dir.resolve("moved"));
      try {
        assertThat(Http.get(readyz).statusCode()).isEqualTo(503);
        assertThat(Http.get(app.url().resolve("/healthz")).statusCode()).isEqualTo(200);
      } finally {
        Files.move(dir.resolve("moved"), data);
      }
      assertThat(Http.get(readyz).statusCode()).isEqualTo(200);
    }
  }

  /** Asks every 100 ms, for up to 10 s, until the status is {@code wanted}; returns the last status. */
  private static int awaitStatus(URI uri, int wanted) throws InterruptedException {
    int status = Http.get(uri).statusCode();
    for (int i = 0; i < 100 && status != wanted; i++) {
      Thread.sleep(100);
      status = Http.get(uri).statusCode();
    }
    return status;
  }
}
