package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.StatusBoard;
import io.statuskit.testkit.NinerNetSample;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON Feed 1.1 documents read back by Jackson. */
class JsonFeedTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final StatusBoard SEED = NinerNetSample.board();
  private final StatusBoard board = SEED;
  private final IncidentQuery all = IncidentQuery.builder().limit(100).build();

  private JsonNode read(Granularity granularity) throws Exception {
    return MAPPER.readTree(FeedWriter.of(FeedFormat.JSON_FEED, granularity, FeedsTesting.settings()).subscription(board, all).toByteArray());
  }

  @Test
  void perIncidentFeedHasTheRequiredTopLevelFieldsAndHtmlContent() throws Exception {
    JsonNode feed = read(Granularity.INCIDENT);

    assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.path("title").asText()).isEqualTo("NinerNet Communications\u2122 System Status");
    assertThat(feed.path("feed_url").asText()).isEqualTo("https://status.ninernet.net/feeds/incidents.json");
    assertThat(feed.path("home_page_url").asText()).isEqualTo("https://status.ninernet.net/");
    assertThat(feed.path("authors").get(0).path("name").asText()).isEqualTo("NinerNet Communications");
    List<String> titles = new ArrayList<>();
    feed.path("items").forEach(item -> titles.add(item.path("title").asText()));
    assertThat(titles).containsExactlyElementsOf(FeedsTesting.INCIDENT_TITLES);
    JsonNode first = feed.path("items").get(0);
    assertThat(first.path("id").asText()).isEqualTo("tag:status.ninernet.net,2013-05-01:incident:20161123-nc027-mail-server-shut-down");
    assertThat(first.path("url").asText()).isEqualTo("https://status.ninernet.net/incidents/20161123-nc027-mail-server-shut-down");
    assertThat(first.has("content_text")).isFalse();
    String html = first.path("content_html").asText();
    assertThat(html).startsWith("<p><strong>Resolved</strong> &#8212; Wed, 23 Nov 2016 07:28:27 +0000</p>");
    assertThat(html.indexOf("<p><strong>Identified</strong> &#8212; Wed, 23 Nov 2016 07:11:41 +0000</p>")).isPositive();
    assertThat(first.path("date_published").asText()).isEqualTo("2016-11-23T07:11:41Z");
    assertThat(first.path("date_modified").asText()).isEqualTo("2016-11-23T07:28:27Z");
    assertThat(first.path("tags")).extracting(JsonNode::asText)
        .containsExactly("email", "mail server", "spam", "down time", "viruses", "Outages");
  }

  @Test
  void perUpdateFeedCarriesPlainBodiesAsContentText() throws Exception {
    JsonNode feed = read(Granularity.UPDATE);

    JsonNode bounce = MAPPER.nullNode();
    for (JsonNode item : feed.path("items")) {
      if (item.path("title").asText().equals("Email migration: Update 13")) {
        bounce = item;
      }
    }
    assertThat(bounce.isObject()).isTrue();
    List<String> titles = new ArrayList<>();
    feed.path("items").forEach(item -> titles.add(item.path("title").asText()));
    List<String> expected = new ArrayList<>();
    expected.add("Update, 2022-01-24");
    NinerNetSample.postsOf(board).forEach(post -> expected.add(post.title()));
    assertThat(titles).containsExactlyElementsOf(expected);
    assertThat(bounce.has("content_html")).isFalse();
    assertThat(bounce.path("content_text").asText()).contains("#554 5.7.1 <senderdomain.local>: Helo");
    assertThat(OffsetDateTime.parse(bounce.path("date_modified").asText())).isEqualTo(OffsetDateTime.parse("2013-10-16T10:09:43Z"));
  }

  @Test
  void olderEntriesAreLinkedThroughNextUrl() throws Exception {
    JsonNode feed = MAPPER.readTree(
        FeedWriter.of(FeedFormat.JSON_FEED, Granularity.INCIDENT, FeedsTesting.settings())
            .subscription(board, IncidentQuery.builder().limit(2).build())
            .toByteArray());

    assertThat(feed.path("items")).hasSize(2);
    assertThat(feed.path("next_url").asText()).isEqualTo("https://status.ninernet.net/feeds/incidents/2016-11.json");
    assertThat(feed.path("_rfc5005").path("archive").asBoolean()).isFalse();
  }

  @Test
  void perUpdateTitlesAndIdsAreTheSameAsInRss() throws Exception {
    for (StatusBoard b : List.of(board, Samples.board())) {
      for (Granularity granularity : Granularity.values()) {
        JsonNode feed = MAPPER.readTree(
            FeedWriter.of(FeedFormat.JSON_FEED, granularity, FeedsTesting.settings()).subscription(b, all).toByteArray());
        List<RomeEntry> rss = RomeEntry.read(
            FeedWriter.of(FeedFormat.RSS, granularity, FeedsTesting.settings()).subscription(b, all).toByteArray());
        List<String> jsonTitles = new ArrayList<>();
        List<String> jsonIds = new ArrayList<>();
        feed.path("items").forEach(item -> {
          jsonTitles.add(item.path("title").asText());
          jsonIds.add(item.path("id").asText());
        });
        assertThat(jsonTitles).isNotEmpty().containsExactlyElementsOf(rss.stream().map(RomeEntry::title).toList());
        assertThat(jsonIds).containsExactlyElementsOf(rss.stream().map(RomeEntry::id).toList());
      }
    }
    // Samples' later updates have no title of their own: "<incident> — <state>".
    JsonNode samples = MAPPER.readTree(
        FeedWriter.of(FeedFormat.JSON_FEED, Granularity.UPDATE, FeedsTesting.settings()).subscription(Samples.board(), all).toByteArray());
    List<String> titles = new ArrayList<>();
    samples.path("items").forEach(item -> titles.add(item.path("title").asText()));
    assertThat(titles).contains("NC036: Mail server down \u2014 Resolved", "NC036: Mail server down");
  }
}
