package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.statuskit.core.store.JournalStatusStore;
import io.statuskit.examples.StatusPageApp.ServeOptions;
import io.statuskit.examples.sample.SampleBoard;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the page in a real headless browser (Debian's {@code chromium}; {@code .ci/run} installs
 * it), checks the DOM the browser built and saves screenshots under {@code target/screenshots/}.
 * Skipped, saying why, where chromium is not installed.
 */
class BrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /** Makes headless chromium match {@code prefers-color-scheme: dark} (the frame check shows it does). */
  private static final String DARK = "--force-dark-mode";
  private static Optional<Path> chromium = Optional.empty();

  @TempDir Path data;
  @TempDir Path profile;

  @BeforeAll
  static void findChromium() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          chromium = Optional.of(candidate);
          return;
        }
      }
    }
  }

  @Test
  void theFrontPageRendersTheGlanceTableAndFeedLinksInARealBrowser() throws Exception {
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium, as .ci/run does); skipping the browser test");
    try (StatusPageApp app = StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, data, null, null, true, Clock.systemUTC()))) {
      Http.awaitLivePings(app.url(), 10);
      String dom = run(app.url(), "--dump-dom");

      Matcher rows = Pattern.compile("<li class=\"server status-[a-z_]+\" id=\"server-(NC\\d+)\"").matcher(dom);
      List<String> ids = new ArrayList<>();
      while (rows.find()) {
        ids.add(rows.group(1));
      }
      assertThat(dom).contains("Systems at a Glance", "<h1 class=\"brand\">", "Past incidents", "href=\"/history/\"");
      assertThat(ids).containsExactly("NC023", "NC028", "NC031", "NC033", "NC034", "NC035", "NC036", "NC040", "NC041", "NC042");
      assertThat(dom)
          .contains("href=\"/history.rss\"", "href=\"/history.atom\"", "href=\"/history.json\"", "href=\"/maintenance.ics\"")
          .contains("NC027: Mail server shut down")
          .containsPattern("class=\"ping ping-up\"[^>]*>Up \\d+ ms<");

      Files.createDirectories(SCREENSHOTS);
      Path index = SCREENSHOTS.resolve("index.png").toAbsolutePath();
      Path dark = SCREENSHOTS.resolve("index-dark.png").toAbsolutePath();
      Path server = SCREENSHOTS.resolve("server-NC036.png").toAbsolutePath();
      run(app.url(), "--screenshot=" + index, "--window-size=1280,2000");
      run(app.url(), "--screenshot=" + dark, "--window-size=1280,2000", DARK);
      run(app.url().resolve("servers/NC036/"), "--screenshot=" + server, "--window-size=1280,1400");
      for (Path shot : List.of(index, dark, server)) {
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).as(shot.toString()).isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
      }
    }
  }

  @Test
  void thePageInGermanRendersInARealBrowser() throws Exception {
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium, as .ci/run does); skipping the browser test");
    ServeOptions options =
        new ServeOptions(0, "127.0.0.1", null, data, null, null, false, Clock.systemUTC()).withLocale(Locale.GERMAN);
    try (StatusPageApp app = StatusPageApp.start(options)) {
      String dom = run(app.url(), "--dump-dom");

      assertThat(dom)
          .contains("lang=\"de\"", "Systeme auf einen Blick", "Aktuelle Störungen und Wartungen", "Betriebsbereit")
          .contains("Neueste Beiträge", "Wartungskalender", "November 2016", "Vergangene Störungen", "Keine Störungen gemeldet.")
          .doesNotContain("Systems at a Glance", "Recent posts");
      assertThat(run(app.url().resolve("history/"), "--dump-dom")).contains("Verlauf aller Beiträge", "Dauer 17 Min.");
      Files.createDirectories(SCREENSHOTS);
      Path shot = SCREENSHOTS.resolve("index-de.png").toAbsolutePath();
      run(app.url(), "--screenshot=" + shot, "--window-size=1280,1400");
      assertThat(Files.size(shot)).isGreaterThan(20_000);
    }
  }

  /**
   * At 390 and 1280 px, light and dark: the page is no wider than the screen, the browser really
   * applies {@code prefers-color-scheme: dark} under {@code --force-dark-mode}, and every element
   * with text has at least 4.5:1 contrast on the background it is drawn on, as the browser
   * computed them. Headless chromium lays out no narrower than 500 px, so the page is loaded in a
   * frame of the width asked for, from a test server on 127.0.0.1 that serves the frame and
   * passes everything else to the page: one origin, so the frame's script may measure the page
   * (whose own policy allows no scripts).
   */
  @Test
  void theFrontPageFitsA390PxScreenAndKeepsAaContrastInLightAndDarkMode() throws Exception {
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium, as .ci/run does); skipping the browser test");
    try (StatusPageApp app = StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, data, null, null, true, Clock.systemUTC()));
        FrameServer frames = FrameServer.start(app.url())) {
      Http.awaitLivePings(app.url(), 10);
      for (String path : List.of("/", "/servers/NC036/", "/history/")) {
        for (int width : new int[] {390, 1280}) {
          for (boolean darkMode : new boolean[] {false, true}) {
            String what = path + " at " + width + " px" + (darkMode ? ", dark" : "");
            String dom =
                darkMode
                    ? run(frames.check(path, width), "--dump-dom", "--virtual-time-budget=10000", DARK)
                    : run(frames.check(path, width), "--dump-dom", "--virtual-time-budget=10000");
            Matcher result = Pattern.compile("<pre id=\"result\">([^<]*)</pre>").matcher(dom);
            assertThat(result.find()).as(what + ": the frame's check ran").isTrue();
            FrameServer.Result check = FrameServer.Result.parse(result.group(1));
            assertThat(check.dark()).as(what + ": prefers-color-scheme: dark").isEqualTo(darkMode);
            assertThat(check.inner()).as(what + ": the frame's width").isEqualTo(width);
            assertThat(check.scroll()).as(what + ": no horizontal overflow; too wide: " + check.wide()).isLessThanOrEqualTo(width);
            assertThat(check.checked()).as(what + ": elements with text checked").isGreaterThan(20);
            assertThat(check.low()).as(what + ": text below 4.5:1").isEmpty();
          }
        }
      }
      Files.createDirectories(SCREENSHOTS);
      Path narrow = SCREENSHOTS.resolve("index-390.png").toAbsolutePath();
      Path narrowDark = SCREENSHOTS.resolve("index-390-dark.png").toAbsolutePath();
      run(frames.frame("/", 390, 2400), "--screenshot=" + narrow, "--window-size=390,2400", "--virtual-time-budget=10000");
      run(frames.frame("/", 390, 2400), "--screenshot=" + narrowDark, "--window-size=390,2400", "--virtual-time-budget=10000", DARK);
      for (Path shot : List.of(narrow, narrowDark)) {
        assertThat(Files.size(shot)).as(shot.toString()).isGreaterThan(20_000);
      }
    }
  }

  @Test
  void aPageImportedFromStatuspageShowsItsComponentGroupsInARealBrowser() throws Exception {
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium, as .ci/run does); skipping the browser test");
    Path imported = data.resolve("acme");
    int code =
        StatusKitExamples.run(
            List.of("import", "--from", "src/test/resources/statuspage/acme", "--data", imported.toString()),
            java.util.Map.of(), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    assertThat(code).isZero();
    try (StatusPageApp app = StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, imported, null, null, false, Clock.systemUTC()))) {
      String dom = run(app.url(), "--dump-dom");
      assertThat(dom).contains("<details class=\"group\" id=\"group-mail\" open=\"\">", "Mail delivery delayed", "Name server upgrade");
      Files.createDirectories(SCREENSHOTS);
      Path shot = SCREENSHOTS.resolve("index-groups.png").toAbsolutePath();
      run(app.url(), "--screenshot=" + shot, "--window-size=1280,1600");
      assertThat(Files.size(shot)).isGreaterThan(20_000);
    }
  }

  /**
   * The internal audience through a trusted reverse proxy (here a small one in the test that adds
   * {@code X-Status-Audience: internal}, as a proxy would for authenticated staff): the browser
   * shows the internal servers through the proxy, and the public page, loaded afterwards straight
   * from the server, never does; nor does any cached public variant (identity and gzip) of the
   * page, a feed, the API, or an internal server's page and badge (404). An internal note posted
   * through the admin API shows through the proxy only, and no feed carries it. Chromium cannot send a
   * bearer token from the command line, so the admin token's view is checked with an HTTP client.
   */
  @Test
  void theInternalAudienceSeesInternalServersAndNotesThroughATrustedProxyAndThePublicNeverDoes() throws Exception {
    assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium, as .ci/run does); skipping the browser test");
    try (JournalStatusStore seeded =
        JournalStatusStore.importFrom(new ByteArrayInputStream(SampleBoard.resourceBytes()), data, JournalStatusStore.Options.defaults())) {
      assertThat(seeded.load().servers()).isNotEmpty();
    }
    Path config = profile.resolve("status.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "page:",
            "  name: NinerNet Communications",
            "  hideInternalServers: true",
            "server:",
            "  trustedAudienceHeader: X-Status-Audience",
            "servers:",
            "  - id: NC041",
            "    name: Web server (not probed in this test)",
            "    probes:",
            "      - type: tcp",
            "        host: 127.0.0.1",
            "        port: 9",
            ""));
    ServeOptions options = new ServeOptions(0, "127.0.0.1", config, data, null, TOKEN, false, Clock.systemUTC());
    try (StatusPageApp app = StatusPageApp.start(options)) {
      HttpResponse<byte[]> noted =
          Http.post(
              app.url().resolve("api/admin/incidents/" + POST + "/updates"),
              "{\"internal\": true, \"body\": \"" + NOTE + "\"}",
              Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"));
      assertThat(noted.statusCode()).as(Http.text(noted)).isEqualTo(200);
      assertThat(Http.text(noted)).contains("\"internal\":true");
      HttpServer proxy = trustedProxy(app.url());
      try {
        URI viaProxy = URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/");
        String internal = run(viaProxy, "--dump-dom");
        assertThat(rowIds(internal)).containsAll(INTERNAL_SERVERS).containsAll(PUBLIC_SERVERS);
        String server = run(viaProxy.resolve("servers/NC023/"), "--dump-dom");
        assertThat(server).contains("<section id=\"server\">", "<h2>NC023").doesNotContain("Not found");
        String post = run(viaProxy.resolve("incidents/" + POST + "/"), "--dump-dom");
        assertThat(post).contains(NOTE, "Internal note (staff only)", "class=\"update internal-note\"");
      } finally {
        proxy.stop(0);
      }

      String publicDom = run(app.url(), "--dump-dom");
      assertThat(publicDom).contains("Systems at a Glance");
      assertThat(rowIds(publicDom)).containsExactlyInAnyOrderElementsOf(PUBLIC_SERVERS);
      assertThat(publicDom).doesNotContain(internalServerTraces()); // (posts may name them in their text)
      assertThat(publicDom).contains("NC027: Mail server shut down").doesNotContain(NOTE, "internal-note");
      String publicPost = run(app.url().resolve("incidents/" + POST + "/"), "--dump-dom");
      assertThat(publicPost).contains("NC027: Mail server shut down").doesNotContain(NOTE, "Internal note");

      for (String path : List.of("", "history.rss", "history.atom", "api/v2/summary.json", "api/v2/components.json")) {
        for (boolean gzip : List.of(false, true)) {
          HttpResponse<byte[]> answer = gzip ? Http.get(app.url().resolve(path), "Accept-Encoding", "gzip") : Http.get(app.url().resolve(path));
          assertThat(answer.statusCode()).as(path).isEqualTo(200);
          assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
          assertThat(body(answer)).as("public /%s (gzip %s)", path, gzip).doesNotContain(internalServerTraces());
          assertThat(body(answer)).as("public /%s (gzip %s)", path, gzip).doesNotContain(NOTE);
        }
      }
      assertThat(Http.get(app.url().resolve("servers/NC023/")).statusCode()).isEqualTo(404);
      assertThat(Http.get(app.url().resolve("badges/servers/NC023/status.svg")).statusCode()).isEqualTo(404);

      HttpResponse<byte[]> staff = Http.get(app.url(), "Authorization", "Bearer " + TOKEN);
      assertThat(staff.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
      assertThat(rowIds(Http.text(staff))).containsAll(INTERNAL_SERVERS);
      // The front page holds the last 14 days; the sample's post is older, on the history page.
      assertThat(Http.text(Http.get(app.url().resolve("history/"), "Authorization", "Bearer " + TOKEN))).contains(NOTE);
      for (String feed : List.of("history.rss", "history.atom", "history.json", "incidents.atom", "api/v2/incidents.json")) {
        // Feeds and the API never carry internal notes, even for staff.
        assertThat(Http.text(Http.get(app.url().resolve(feed), "Authorization", "Bearer " + TOKEN))).as(feed).doesNotContain(NOTE);
      }
    }
  }

  private static final String TOKEN = "browser-test-token-0123456789";
  private static final String POST = "20161123-nc027-mail-server-shut-down";
  private static final String NOTE = "Staff only: the queue disk of NC027 filled up at 07:05.";
  private static final List<String> INTERNAL_SERVERS = List.of("NC023", "NC028", "NC031", "NC034", "NC040");
  private static final List<String> PUBLIC_SERVERS = List.of("NC033", "NC035", "NC036", "NC041", "NC042");

  /** What shows an internal server itself: its row, its page, its feeds and badges, its API component. */
  private static String[] internalServerTraces() {
    List<String> traces = new ArrayList<>();
    for (String id : INTERNAL_SERVERS) {
      traces.add("server-" + id);
      traces.add("servers/" + id + "/");
      traces.add("\"id\":\"" + id + "\"");
    }
    return traces.toArray(String[]::new);
  }

  private static List<String> rowIds(String dom) {
    Matcher rows = Pattern.compile("<li class=\"server status-[a-z_]+\" id=\"server-(NC\\d+)\"").matcher(dom);
    List<String> ids = new ArrayList<>();
    while (rows.find()) {
      ids.add(rows.group(1));
    }
    return ids;
  }

  private static String body(HttpResponse<byte[]> answer) throws IOException {
    boolean gzipped = answer.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
    byte[] bytes = answer.body();
    if (gzipped) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * A reverse proxy on 127.0.0.1 that forwards GETs to {@code upstream} with {@code
   * X-Status-Audience: internal}, as a proxy in front of the page does for authenticated staff.
   */
  private static HttpServer trustedProxy(URI upstream) throws IOException {
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", exchange -> {
      try (exchange) {
        HttpResponse<byte[]> answer =
            Http.get(upstream.resolve(exchange.getRequestURI().getRawPath().substring(1)), "X-Status-Audience", "internal");
        answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          exchange.getResponseBody().write(body);
        }
      }
    });
    proxy.start();
    return proxy;
  }

  private String run(URI url, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        chromium.orElseThrow().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile));
    command.addAll(List.of(options));
    command.add(url.toString());
    Path output = Files.createTempFile(profile, "out", ".txt");
    Process process =
        new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s: " + command);
    }
    assertThat(process.exitValue()).as("chromium exit code").isZero();
    return Files.readString(output);
  }
}
