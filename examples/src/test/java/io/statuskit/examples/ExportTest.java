package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.examples.export.StaticExport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code export} in-process and checks the files a static web server would serve. */
class ExportTest {
  @TempDir Path dir;

  @Test
  void exportWritesThePageFeedsAndApiAsFilesAtTheServedPaths() throws Exception {
    Path out = dir.resolve("site");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int code =
        StatusKitExamples.run(
            List.of("export", "--out", out.toString(), "--data", dir.resolve("data").toString()),
            Map.of(),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

    assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("wrote ");
    String index = Files.readString(out.resolve("index.html"));
    assertThat(index).contains("Systems at a Glance", "href=\"/history.rss\"").doesNotContain("role=\"search\"");
    for (String file :
        List.of("style.css", "history.rss", "history.atom", "history.json", "maintenance.ics", "api/v2/summary.json",
            "servers/NC036/index.html", "servers/NC027/history.rss", "archive/2016-11/index.html", "tags/spam/index.html",
            "updates/2013-10.atom", "incidents/20161123-nc027-mail-server-shut-down/index.html")) {
      assertThat(out.resolve(file)).as(file).isRegularFile();
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
    }
    assertThat(Files.readString(out.resolve("history.atom"))).contains("NC027: Mail server shut down");
  }

  @Test
  void exportWritesTheBytesServeServesForEveryDocument() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2022-01-31T00:00:00Z"), ZoneOffset.UTC);
    try (StatusPageApp app =
        StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, dir.resolve("data"), null, null, false, clock))) {
      Path out = dir.resolve("exported");
      int files = StaticExport.write(app.site(), out);

      List<String> paths = app.site().paths();
      assertThat(files).isEqualTo(paths.size()).isGreaterThan(500);
      for (String path : paths) {
        HttpResponse<byte[]> served = Http.get(app.url().resolve("/" + path));
        assertThat(served.statusCode()).as(path).isEqualTo(200);
        assertThat(Files.readAllBytes(out.resolve(StaticExport.fileName(path)))).as(path).isEqualTo(served.body());
      }
    }
  }
}
