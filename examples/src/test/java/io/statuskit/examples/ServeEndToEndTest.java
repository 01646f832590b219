package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.examples.StatusPageApp.ServeOptions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts {@code serve} on a free port with a temporary data directory and uses it as a client would. */
class ServeEndToEndTest {
  private static final String TOKEN = "test-token-0123456789abcdef";
  private static final Pattern HREF = Pattern.compile("href=\"(/[^\"]*)\"");

  @TempDir Path data;

  private StatusPageApp start() throws Exception {
    return StatusPageApp.start(new ServeOptions(0, "127.0.0.1", null, data, null, TOKEN, Clock.systemUTC()));
  }

  @Test
  void everyLinkOnTheFrontPageAnswers() throws Exception {
    try (StatusPageApp app = start()) {
      HttpResponse<byte[]> front = Http.get(app.url());
      assertThat(front.statusCode()).isEqualTo(200);
      assertThat(front.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      String html = Http.text(front);
      assertThat(html).contains("Systems at a Glance", "NC027", "Mail server");

      Set<String> links = new LinkedHashSet<>();
      Matcher matcher = HREF.matcher(html);
      while (matcher.find()) {
        links.add(matcher.group(1).replace("&amp;", "&"));
      }
      assertThat(links).contains("/style.css", "/servers/NC027/", "/archive/2016-11/", "/tags/spam/", "/history.rss");
      for (String link : links) {
        if (isBuiltYet(link)) {
          assertThat(Http.get(app.url().resolve(link)).statusCode()).as(link).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void searchFindsPostsAndUnknownPathsAre404() throws Exception {
    try (StatusPageApp app = start()) {
      HttpResponse<byte[]> search = Http.get(app.url().resolve("/search?q=spammer"));
      assertThat(search.statusCode()).isEqualTo(200);
      assertThat(Http.text(search)).contains("NC027: Mail server shut down");

      assertThat(Http.text(Http.get(app.url().resolve("/search?q=%3Cscript%3E")))).doesNotContain("<script>").contains("&lt;script&gt;");
      assertThat(Http.get(app.url().resolve("/servers/NOPE/")).statusCode()).isEqualTo(404);
      assertThat(Http.get(app.url().resolve("/archive/2099-01/")).statusCode()).isEqualTo(404);
      assertThat(Http.get(app.url().resolve("/nothing/here")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void adminRequestsWithoutTheTokenAre401AndChangeNothing() throws Exception {
    try (StatusPageApp app = start()) {
      long before = app.tracker().board().version();
      String body = "{\"title\": \"Web server unreachable\", \"body\": \"Looking into it.\"}";

      HttpResponse<byte[]> none = Http.post(app.url().resolve("/api/admin/incidents"), body, Map.of("Content-Type", "application/json"));
      HttpResponse<byte[]> wrong =
          Http.post(
              app.url().resolve("/api/admin/incidents"),
              body,
              Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN.substring(1)));

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(app.tracker().board().version()).isEqualTo(before);
      assertThat(Http.text(Http.get(app.url()))).doesNotContain("Web server unreachable");
    }
  }

  @Test
  void anIncidentOpenedThroughTheAdminApiAppearsOnThePage() throws Exception {
    try (StatusPageApp app = start()) {
      HttpResponse<byte[]> opened =
          admin(app, "/api/admin/incidents",
              "{\"title\": \"NC042: Status website slow\", \"body\": \"Pages take <b>seconds</b> to load.\","
                  + " \"impact\": \"minor\", \"servers\": {\"NC042\": \"degraded_performance\"}, \"tags\": [\"web server\"]}");

      assertThat(opened.statusCode()).as(Http.text(opened)).isEqualTo(201);
      String id = app.tracker().board().openIncidents().get(0).id();
      assertThat(opened.headers().firstValue("Location")).hasValue("/incidents/" + id + "/");
      String page = Http.text(Http.get(app.url()));
      assertThat(page)
          .contains("NC042: Status website slow", "Pages take &lt;b&gt;seconds&lt;/b&gt; to load.", "Degraded performance")
          .contains("indicator-minor");

      HttpResponse<byte[]> update =
          admin(app, "/api/admin/incidents/" + id + "/updates", "{\"state\": \"identified\", \"body\": \"A full disk.\"}");
      HttpResponse<byte[]> resolved = admin(app, "/api/admin/incidents/" + id + "/resolve", "{\"body\": \"Fixed.\"}");

      assertThat(update.statusCode()).isEqualTo(200);
      assertThat(resolved.statusCode()).isEqualTo(200);
      assertThat(Http.text(resolved)).contains("\"state\":\"resolved\"");
      assertThat(Http.text(Http.get(app.url()))).contains("A full disk.", "Fixed.", "indicator-none");
    }
  }

  @Test
  void badAdminBodiesAre400WithEveryFieldNamed() throws Exception {
    try (StatusPageApp app = start()) {
      long before = app.tracker().board().version();

      HttpResponse<byte[]> bad =
          admin(app, "/api/admin/maintenance", "{\"title\": \"\", \"start\": \"tomorrow\", \"colour\": \"red\", \"servers\": \"NC027\"}");

      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(Http.text(bad)).contains("\"title\"", "\"start\"", "\"end\"", "\"colour\"", "\"servers\"");
      assertThat(admin(app, "/api/admin/incidents", "not json").statusCode()).isEqualTo(400);
      assertThat(admin(app, "/api/admin/incidents", "{\"title\": \"x\", \"body\": \"" + "y".repeat(70_000) + "\"}").statusCode())
          .isEqualTo(413);
      assertThat(admin(app, "/api/admin/incidents/nope/resolve", "{\"body\": \"x\"}").statusCode()).isEqualTo(404);
      assertThat(app.tracker().board().version()).isEqualTo(before);
    }
  }

  @Test
  void maintenanceAndNoticesCanBePosted() throws Exception {
    try (StatusPageApp app = start()) {
      HttpResponse<byte[]> maintenance =
          admin(app, "/api/admin/maintenance",
              "{\"title\": \"NC027: Kernel upgrade\", \"start\": \"2099-01-01T02:00:00Z\", \"end\": \"2099-01-01T03:00:00Z\","
                  + " \"servers\": [\"NC027\"]}");
      HttpResponse<byte[]> notice =
          admin(app, "/api/admin/notices", "{\"title\": \"New support hours\", \"body\": \"We now answer around the clock.\"}");

      assertThat(maintenance.statusCode()).as(Http.text(maintenance)).isEqualTo(201);
      assertThat(notice.statusCode()).as(Http.text(notice)).isEqualTo(201);
      assertThat(Http.text(Http.get(app.url()))).contains("NC027: Kernel upgrade", "1 January 2099, 02:00 UTC", "New support hours");
    }
  }

  private static HttpResponse<byte[]> admin(StatusPageApp app, String path, String json) {
    return Http.post(
        app.url().resolve(path), json, Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
  }

  private static boolean isBuiltYet(String link) {
    // Feeds, calendar and API documents come with the feeds module.
    return !(link.endsWith(".rss") || link.endsWith(".atom") || link.endsWith(".json") || link.endsWith(".ics"));
  }

}
