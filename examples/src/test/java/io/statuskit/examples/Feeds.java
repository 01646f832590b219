package io.statuskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.statuskit.feeds.statuspage.StatuspageReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reads documents of the site back with real parsers: ROME for RSS and Atom, Jackson for JSON. */
final class Feeds {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Feeds() {}

  /**
   * Parses a document by its path's extension and checks its media type.
   *
   * @return whether it was a feed (RSS, Atom or JSON Feed)
   */
  static boolean assertParses(String path, HttpResponse<byte[]> response) throws Exception {
    String type = response.headers().firstValue("Content-Type").orElse("");
    byte[] body = response.body();
    if (path.endsWith(".rss") || path.endsWith(".atom")) {
      assertThat(type).as(path).startsWith(path.endsWith(".rss") ? "application/rss+xml" : "application/atom+xml");
      SyndFeed feed =
          new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
      assertThat(feed.getFeedType()).as(path).startsWith(path.endsWith(".rss") ? "rss_2.0" : "atom_1.0");
      assertThat(feed.getTitle()).as(path).isNotBlank();
      return true;
    }
    if (path.endsWith(".json") && !path.startsWith("api/")) {
      assertThat(type).as(path).startsWith("application/feed+json");
      JsonNode feed = JSON.readTree(body);
      assertThat(feed.path("version").asText()).as(path).isEqualTo("https://jsonfeed.org/version/1.1");
      assertThat(feed.path("items").isArray()).as(path).isTrue();
      return true;
    }
    if (path.startsWith("api/v2/")) {
      assertThat(type).as(path).startsWith("application/json");
      JsonNode document = JSON.readTree(body);
      assertThat(document.path("page").path("name").asText()).as(path).isEqualTo("NinerNet Communications");
      StatuspageReader.read(new ByteArrayInputStream(body));
      return false;
    }
    if (path.endsWith(".ics")) {
      assertThat(type).as(path).startsWith("text/calendar");
      String text = new String(body, StandardCharsets.UTF_8);
      assertThat(text).as(path).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
    }
    return false;
  }
}
