package io.statuskit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.Server;
import io.statuskit.core.StatusTracker;
import io.statuskit.page.PageSettings;
import io.statuskit.page.StatusSite;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The handler's mapping of servlet requests onto the site: at the root, under a context path,
 * behind a proxy whose public path differs, and for {@code HEAD}.
 */
class StatusPageHandlerTest {
  private static StatusSite site(String baseUrl) {
    StatusTracker tracker = StatusTracker.inMemory(Clock.systemUTC());
    tracker.addServer(Server.builder("NC027").name("Mail server").build());
    return StatusSite.builder()
        .boards(tracker::board)
        .settings(new PageSettings("Example Hosting", URI.create(baseUrl), ZoneId.of("UTC")))
        .build();
  }

  private static MockHttpServletResponse serve(StatusPageHandler handler, String method, String context, String uri)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, context + uri);
    request.setContextPath(context);
    MockHttpServletResponse response = new MockHttpServletResponse();
    handler.handleRequest(request, response);
    return response;
  }

  @Test
  void atTheRootEveryPathIsTheSites() throws Exception {
    StatusPageHandler handler = new StatusPageHandler(site("http://localhost/"), "");

    MockHttpServletResponse page = serve(handler, "GET", "", "/");
    assertThat(page.getStatus()).isEqualTo(200);
    assertThat(page.getContentAsString()).contains("server-NC027");
    assertThat(serve(handler, "GET", "", "/history.rss").getContentAsString()).contains("<rss");
  }

  @Test
  void underAContextPathTheSitesBaseUrlCarriesIt() throws Exception {
    StatusPageHandler handler = new StatusPageHandler(site("http://localhost/app/status/"), "/status");

    MockHttpServletResponse page = serve(handler, "GET", "/app", "/status/");
    assertThat(page.getStatus()).isEqualTo(200);
    assertThat(page.getContentAsString()).contains("href=\"/app/status/history.rss\"");

    MockHttpServletResponse bare = serve(handler, "GET", "/app", "/status");
    assertThat(bare.getStatus()).isEqualTo(301);
    assertThat(bare.getHeader("Location")).isEqualTo("/app/status/");
  }

  @Test
  void behindAProxyTheLocalPathIsMappedOntoThePublicOne() throws Exception {
    StatusPageHandler handler = new StatusPageHandler(site("https://status.example.com/"), "/status");

    MockHttpServletResponse feed = serve(handler, "GET", "", "/status/history.atom");
    assertThat(feed.getStatus()).isEqualTo(200);
    assertThat(feed.getContentAsString()).contains("https://status.example.com/");
  }

  @Test
  void headAnswersTheHeadersWithoutABody() throws Exception {
    StatusPageHandler handler = new StatusPageHandler(site("http://localhost/status/"), "/status");

    MockHttpServletResponse head = serve(handler, "HEAD", "", "/status/");
    assertThat(head.getStatus()).isEqualTo(200);
    assertThat(head.getHeader("ETag")).isNotBlank();
    assertThat(head.getContentAsByteArray()).isEmpty();
    assertThat(serve(handler, "POST", "", "/status/").getStatus()).isEqualTo(405);
  }

  @Test
  void aPrefixWithATrailingSlashIsRejected() {
    assertThatThrownBy(() -> new StatusPageHandler(site("http://localhost/"), "/status/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"/status/\"");
  }
}
