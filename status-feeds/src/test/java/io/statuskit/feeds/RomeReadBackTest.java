package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.StatusBoard;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.jdom2.Element;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** RSS and Atom documents read back by ROME 2.1.0. */
class RomeReadBackTest {
  private final StatusBoard board = NinerNet.board();
  private final FeedSettings settings = NinerNet.settings();
  private final IncidentQuery all = IncidentQuery.builder().limit(100).build();

  static WireFeed parse(byte[] xml) throws Exception {
    InputSource source = new InputSource(new ByteArrayInputStream(xml));
    return new WireFeedInput().build(source);
  }

  private static Instant instant(Date date) {
    return date.toInstant();
  }

  @Test
  void seedRssHasTheSeedsPostTitlesAndTimes() throws Exception {
    byte[] xml = FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings).subscription(board, all).toByteArray();
    Channel channel = (Channel) parse(xml);

    assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
    assertThat(channel.getTitle()).isEqualTo("NinerNet Communications\u2122 System Status");
    List<Item> items = channel.getItems();
    assertThat(items).extracting(Item::getTitle)
        .containsExactlyElementsOf(NinerNet.POSTS.stream().map(NinerNet.Post::title).collect(Collectors.toList()));
    assertThat(items).extracting(item -> instant(item.getPubDate()))
        .containsExactlyElementsOf(NinerNet.POSTS.stream().map(p -> p.time().toInstant()).collect(Collectors.toList()));
    String text = new String(xml, StandardCharsets.UTF_8);
    assertThat(text).contains("<pubDate>Wed, 23 Nov 2016 07:28:27 +0000</pubDate>");
    assertThat(text).contains("<pubDate>Sat, 18 May 2013 02:46:22 +0000</pubDate>");
  }

  @Test
  void rssGuidsAreStableTagUrisThatAreNotPermalinks() throws Exception {
    FeedWriter rss = FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings);
    Channel first = (Channel) parse(rss.subscription(board, all).toByteArray());
    Channel second = (Channel) parse(rss.subscription(board, all).toByteArray());

    Item item = first.getItems().get(0);
    assertThat(item.getGuid().getValue()).isEqualTo("tag:status.ninernet.net,2013-05-01:incident:nc027-back-online");
    assertThat(item.getGuid().isPermaLink()).isFalse();
    assertThat(item.getLink()).isEqualTo("https://status.ninernet.net/incidents/nc027-back-online");
    assertThat(first.getItems()).extracting(i -> i.getGuid().getValue())
        .containsExactlyElementsOf(second.getItems().stream().map(i -> i.getGuid().getValue()).collect(Collectors.toList()))
        .doesNotHaveDuplicates();
  }

  @Test
  void rssCarriesItsSelfLinkAndCategoriesWithDomains() throws Exception {
    FeedWriter rss = FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings);
    Channel channel = (Channel) parse(rss.subscription(board, all).toByteArray());

    List<Element> links = channel.getForeignMarkup().stream()
        .filter(e -> e.getName().equals("link") && "http://www.w3.org/2005/Atom".equals(e.getNamespaceURI()))
        .collect(Collectors.toList());
    assertThat(links).anySatisfy(link -> {
      assertThat(link.getAttributeValue("rel")).isEqualTo("self");
      assertThat(link.getAttributeValue("href")).isEqualTo("https://status.ninernet.net/feeds/incidents.rss");
      assertThat(link.getAttributeValue("type")).isEqualTo("application/rss+xml");
    });
    Item item = channel.getItems().get(0);
    assertThat(item.getCategories()).extracting(c -> c.getDomain() + " " + c.getValue())
        .containsExactly(
            "https://status.ninernet.net/tag/ email",
            "https://status.ninernet.net/tag/ mail server",
            "https://status.ninernet.net/category/ Outages");
  }

  @Test
  void perIncidentContentListsUpdatesNewestFirstWithTimeAndState() throws Exception {
    byte[] xml = FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings).subscription(board, all).toByteArray();
    Channel channel = (Channel) parse(xml);
    Item migration = channel.getItems().stream().filter(i -> i.getTitle().equals("Email migration: Update 13")).findFirst().orElseThrow();

    String html = migration.getDescription().getValue();
    assertThat(html).startsWith("<p><strong>Update</strong> &#8212; Mon, 24 Jan 2022 12:00:00 +0000</p><p>The information above");
    assertThat(html).contains("<p><strong>Posted</strong> &#8212; Wed, 16 Oct 2013 10:09:43 +0000</p>");
    assertThat(html.indexOf("2022")).isLessThan(html.indexOf("2013"));
    // Plain text markup is escaped as HTML: the reader shows "<senderdomain.local>" literally.
    assertThat(html).contains("#554 5.7.1 &lt;senderdomain.local&gt;: Helo");
  }

  @Test
  void atomEntriesHaveTagIdsAuthorsDatesAndCategories() throws Exception {
    FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.INCIDENT, settings);
    Feed feed = (Feed) parse(atom.subscription(board, all).toByteArray());

    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getId()).isEqualTo("tag:status.ninernet.net,2013-05-01:feed:incidents");
    assertThat(feed.getAuthors()).singleElement().satisfies(a -> assertThat(a.getName()).isEqualTo("NinerNet Communications"));
    assertThat(feed.getOtherLinks()).extracting(Link::getRel).contains("self");
    assertThat(instant(feed.getUpdated())).isEqualTo(NinerNet.ADDENDUM_TIME.toInstant());
    Entry migration = feed.getEntries().stream().filter(e -> e.getTitle().equals("Email migration: Update 13")).findFirst().orElseThrow();
    assertThat(migration.getId()).isEqualTo("tag:status.ninernet.net,2013-05-01:incident:email-migration-13");
    assertThat(instant(migration.getPublished())).isEqualTo(Instant.parse("2013-10-16T10:09:43Z"));
    assertThat(instant(migration.getUpdated())).isEqualTo(NinerNet.ADDENDUM_TIME.toInstant());
    assertThat(migration.getContents()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("html"));
    assertThat(migration.getCategories()).extracting(c -> c.getScheme() + c.getTerm() + "|" + c.getLabel())
        .containsExactly("https://status.ninernet.net/tag/email|email", "https://status.ninernet.net/tag/mail-server|mail server",
            "https://status.ninernet.net/category/notices|Notices");
  }

  @Test
  void perUpdateEntriesCarryEachUpdateAsPlainText() throws Exception {
    FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.UPDATE, settings);
    Feed feed = (Feed) parse(atom.subscription(board, all).toByteArray());

    assertThat(feed.getEntries()).hasSize(NinerNet.POSTS.size() + 1);
    Entry addendum = feed.getEntries().get(0);
    assertThat(addendum.getTitle()).isEqualTo("Email migration: Update 13 \u2014 Update");
    assertThat(addendum.getId()).isEqualTo("tag:status.ninernet.net,2013-05-01:incident:email-migration-13:update:email-migration-13-2");
    Entry bounce = feed.getEntries().stream().filter(e -> e.getTitle().equals("Email migration: Update 13")).findFirst().orElseThrow();
    assertThat(bounce.getContents()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("text");
      assertThat(c.getValue()).contains("#554 5.7.1 <senderdomain.local>: Helo");
    });
  }

  @Test
  void writerOutputEqualsStreamOutput() throws Exception {
    FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.INCIDENT, settings);
    FeedDocument document = atom.subscription(board, all);
    StringWriter chars = new StringWriter();
    document.writeTo(chars);

    assertThat(chars.toString()).isEqualTo(new String(document.toByteArray(), StandardCharsets.UTF_8));
  }
}
