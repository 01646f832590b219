package io.statuskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.SyndFeedOutput;
import io.statuskit.feeds.FeedFormat;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedWriter;
import io.statuskit.core.StatusBoard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The feed benchmarks compare like with like: ROME's and Jackson's documents hold the same
 * entries as StatusKit's, and the floor writes StatusKit's RSS byte for byte. A correctness
 * check of the benchmark, not a speed check.
 */
class FeedPeersTest {
  private final StatusBoard board = Fixtures.board(40);

  private byte[] statuskit(FeedFormat format) throws Exception {
    FeedWriter writer = FeedBenchmark.writer(format);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(FeedHead.of(writer.subscriptionUrl(), Fixtures.END), board.incidents().iterator(), out);
    return out.toByteArray();
  }

  private String rome(String type) throws Exception {
    StringWriter out = new StringWriter();
    new SyndFeedOutput().output(FeedPeers.rome(board.incidents().iterator(), type, Fixtures.END), out);
    return out.toString();
  }

  private static SyndFeed parse(byte[] xml) throws Exception {
    return new SyndFeedInput().build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
  }

  /** What a reader sees of an entry: ids, title, link, date, categories and content. */
  private static List<String> entries(SyndFeed feed) {
    return feed.getEntries().stream().map(FeedPeersTest::describe).collect(Collectors.toList());
  }

  private static String describe(SyndEntry entry) {
    String categories =
        entry.getCategories().stream()
            .map((SyndCategory c) -> c.getName() + "@" + c.getTaxonomyUri())
            .collect(Collectors.joining(","));
    SyndContent description = entry.getDescription();
    String content =
        entry.getContents().isEmpty()
            ? (description == null ? "" : description.getValue())
            : entry.getContents().get(0).getType() + ":" + entry.getContents().get(0).getValue();
    return String.join("|", entry.getUri(), entry.getTitle(), entry.getLink(),
        String.valueOf(entry.getPublishedDate().getTime()), categories, content);
  }

  @Test
  void romeRssHoldsTheSameEntriesAsStatuskitRss() throws Exception {
    List<String> ours = entries(parse(statuskit(FeedFormat.RSS)));
    assertThat(ours).hasSize(40 * 5);
    assertThat(entries(parse(rome("rss_2.0").getBytes(StandardCharsets.UTF_8)))).isEqualTo(ours);
  }

  @Test
  void romeAtomHoldsTheSameEntriesAsStatuskitAtom() throws Exception {
    List<String> ours = entries(parse(statuskit(FeedFormat.ATOM)));
    assertThat(ours).hasSize(40 * 5);
    assertThat(entries(parse(rome("atom_1.0").getBytes(StandardCharsets.UTF_8)))).isEqualTo(ours);
  }

  @Test
  void theFloorWritesStatuskitRssByteForByte() throws Exception {
    ByteArrayOutputStream floor = new ByteArrayOutputStream();
    new BareRssWriter().write(board.incidents().iterator(), Fixtures.END, floor);
    assertThat(new String(floor.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(new String(statuskit(FeedFormat.RSS), StandardCharsets.UTF_8));
  }

  @Test
  void jacksonJsonFeedIsTheSameDocumentAsStatuskitJsonFeed() throws Exception {
    JsonNode ours = FeedPeers.MAPPER.readTree(statuskit(FeedFormat.JSON_FEED));
    JsonNode theirs =
        FeedPeers.MAPPER.readTree(
            FeedPeers.MAPPER.writeValueAsBytes(FeedPeers.jsonFeed(board.incidents().iterator(), Fixtures.END)));
    assertThat(ours.get("items")).hasSize(40 * 5);
    assertThat(theirs).isEqualTo(ours);
  }
}
