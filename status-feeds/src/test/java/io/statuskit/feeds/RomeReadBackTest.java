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
import io.statuskit.testkit.NinerNetSample;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.jdom2.Element;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/** RSS and Atom documents read back by ROME 2.1.0. */
class RomeReadBackTest {
  private static final String ADDENDUM_TITLE = "Update, 2022-01-24";
  private static final String TAG = "tag:status.ninernet.net,2013-05-01:incident:";
  private static final StatusBoard SEED = NinerNetSample.board();
  private static final List<NinerNetSample.Post> POSTS = NinerNetSample.postsOf(SEED);

  private final StatusBoard board = SEED;
  private final FeedSettings settings = FeedsTesting.settings();
  private final IncidentQuery all = IncidentQuery.builder().limit(100).build();

  static WireFeed parse(byte[] xml) throws Exception {
    InputSource source = new InputSource(new ByteArrayInputStream(xml));
    return new WireFeedInput().build(source);
  }

  private static Instant instant(Date date) {
    return date.toInstant();
  }

  @Test
  void perUpdateRssOfTheSeedHasTheSeedsPostTitlesAndTimesPlusTheAddendum() throws Exception {
    byte[] xml = FeedWriter.of(FeedFormat.RSS, Granularity.UPDATE, settings).subscription(board, all).toByteArray();
    Channel channel = (Channel) parse(xml);

    assertThat(channel.getFeedType()).isEqualTo("rss_2.0");
    assertThat(channel.getTitle()).isEqualTo("NinerNet Communications\u2122 System Status");
    List<Item> items = channel.getItems();
    // Per update, every update is an entry, addenda included: the seed's posts plus the addendum,
    // which is the newest entry and carries its own title.
    assertThat(items).extracting(Item::getTitle).containsExactlyElementsOf(entryTitles());
    assertThat(items).extracting(item -> instant(item.getPubDate())).containsExactlyElementsOf(entryTimes());
    String text = new String(xml, StandardCharsets.UTF_8);
    assertThat(text).contains("<pubDate>Wed, 23 Nov 2016 07:28:27 +0000</pubDate>");
    assertThat(text).contains("<pubDate>Sat, 18 May 2013 02:46:22 +0000</pubDate>");
    assertThat(text).contains("<pubDate>Mon, 24 Jan 2022 12:00:00 +0000</pubDate>");
  }

  @Test
  void perUpdateAtomOfTheSeedHasTheSeedsPostTitlesAndTimesPlusTheAddendum() throws Exception {
    Feed feed = (Feed) parse(FeedWriter.of(FeedFormat.ATOM, Granularity.UPDATE, settings).subscription(board, all).toByteArray());

    assertThat(feed.getEntries()).extracting(Entry::getTitle).containsExactlyElementsOf(entryTitles());
    assertThat(feed.getEntries()).extracting(e -> instant(e.getPublished())).containsExactlyElementsOf(entryTimes());
    assertThat(feed.getEntries()).extracting(e -> instant(e.getUpdated())).containsExactlyElementsOf(entryTimes());
  }

  /** The seed's posts newest first, with the addendum (the newest update of all) in front. */
  private static List<String> entryTitles() {
    List<String> titles = new ArrayList<>();
    titles.add(ADDENDUM_TITLE);
    POSTS.forEach(post -> titles.add(post.title()));
    return titles;
  }

  private static List<Instant> entryTimes() {
    List<Instant> times = new ArrayList<>();
    times.add(NinerNetSample.ADDENDUM_ADDED);
    POSTS.forEach(post -> times.add(post.time().toInstant()));
    return times;
  }

  @Test
  void theSeedsPostsAreTenAndOlderThanTheAddendum() {
    // Guards the expectations above: the sample's posts are the seed's ten, newest first.
    assertThat(POSTS).hasSize(10);
    assertThat(POSTS.get(0).title()).isEqualTo("NC027: Mail server back online");
    assertThat(POSTS.get(0).time().toInstant()).isBefore(NinerNetSample.ADDENDUM_ADDED);
    assertThat(POSTS).extracting(NinerNetSample.Post::title).doesNotContain(ADDENDUM_TITLE);
  }

  @Test
  void perIncidentRssHasOneItemPerIncidentPublishedWhenItOpened() throws Exception {
    Channel channel = (Channel) parse(FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings).subscription(board, all).toByteArray());

    assertThat(channel.getItems()).extracting(Item::getTitle).containsExactlyElementsOf(FeedsTesting.INCIDENT_TITLES);
    assertThat(channel.getItems()).extracting(item -> instant(item.getPubDate())).containsExactly(
        Instant.parse("2016-11-23T07:11:41Z"),
        Instant.parse("2014-01-26T13:28:29Z"),
        Instant.parse("2013-10-29T08:57:36Z"),
        Instant.parse("2013-10-16T10:09:43Z"),
        Instant.parse("2013-06-09T10:58:16Z"),
        Instant.parse("2013-05-20T06:43:46Z"),
        Instant.parse("2013-05-18T02:46:22Z"),
        Instant.parse("2013-05-03T07:11:33Z"));
  }

  @Test
  void rssGuidsAreStableTagUrisThatAreNotPermalinks() throws Exception {
    FeedWriter rss = FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings);
    Channel first = (Channel) parse(rss.subscription(board, all).toByteArray());
    Channel second = (Channel) parse(rss.subscription(board, all).toByteArray());

    Item item = first.getItems().get(0);
    assertThat(item.getGuid().getValue()).isEqualTo(TAG + "20161123-nc027-mail-server-shut-down");
    assertThat(item.getGuid().isPermaLink()).isFalse();
    assertThat(item.getLink()).isEqualTo("https://status.ninernet.net/incidents/20161123-nc027-mail-server-shut-down");
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
            "https://status.ninernet.net/tag/ spam",
            "https://status.ninernet.net/tag/ down time",
            "https://status.ninernet.net/tag/ viruses",
            "https://status.ninernet.net/category/ Outages");
  }

  @Test
  void perIncidentContentListsUpdatesNewestFirstWithTimeAndState() throws Exception {
    byte[] xml = FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings).subscription(board, all).toByteArray();
    Channel channel = (Channel) parse(xml);
    Item migration = channel.getItems().stream().filter(i -> i.getTitle().equals("Email migration: Update 13")).findFirst().orElseThrow();

    String html = migration.getDescription().getValue();
    assertThat(html).startsWith("<p><strong>Update</strong> &#8212; Mon, 24 Jan 2022 12:00:00 +0000</p><p>Update, 2022-01-24: The information above");
    assertThat(html).contains("<p><strong>Posted</strong> &#8212; Wed, 16 Oct 2013 10:09:43 +0000</p>");
    assertThat(html.indexOf("2022")).isLessThan(html.indexOf("2013"));
    // Plain text markup is escaped as HTML: the reader shows "<senderdomain.local>" literally.
    assertThat(html).contains("#554 5.7.1 &lt;senderdomain.local&gt;: Helo");
  }

  @Test
  void perIncidentContentOfAnOutageListsBothItsUpdatesNewestFirst() throws Exception {
    Channel channel = (Channel) parse(FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, settings).subscription(board, all).toByteArray());
    Item nc027 = channel.getItems().stream()
        .filter(i -> i.getGuid().getValue().equals(TAG + NinerNetSample.NC027_SHUT_DOWN)).findFirst().orElseThrow();

    assertThat(nc027.getTitle()).isEqualTo("NC027: Mail server shut down");
    String html = nc027.getDescription().getValue();
    String resolved = "<p><strong>Resolved</strong> &#8212; Wed, 23 Nov 2016 07:28:27 +0000</p><p>The mail server (NC027) has been restarted";
    String identified = "<p><strong>Identified</strong> &#8212; Wed, 23 Nov 2016 07:11:41 +0000</p><p>We have temporarily shut down server NC027";
    assertThat(html).startsWith(resolved).contains(identified);
    assertThat(html.indexOf(resolved)).isLessThan(html.indexOf(identified));
    assertThat(html.split("<strong>", -1)).hasSize(3);
  }

  @Test
  void atomEntriesHaveTagIdsAuthorsDatesAndCategories() throws Exception {
    FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.INCIDENT, settings);
    Feed feed = (Feed) parse(atom.subscription(board, all).toByteArray());

    assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
    assertThat(feed.getId()).isEqualTo("tag:status.ninernet.net,2013-05-01:feed:incidents");
    assertThat(feed.getAuthors()).singleElement().satisfies(a -> assertThat(a.getName()).isEqualTo("NinerNet Communications"));
    assertThat(feed.getOtherLinks()).extracting(Link::getRel).contains("self");
    assertThat(feed.getEntries()).hasSize(8);
    assertThat(instant(feed.getUpdated())).isEqualTo(NinerNetSample.ADDENDUM_ADDED);
    Entry migration = feed.getEntries().stream().filter(e -> e.getTitle().equals("Email migration: Update 13")).findFirst().orElseThrow();
    assertThat(migration.getId()).isEqualTo(TAG + "20131016-email-migration-update-13");
    assertThat(instant(migration.getPublished())).isEqualTo(Instant.parse("2013-10-16T10:09:43Z"));
    assertThat(instant(migration.getUpdated())).isEqualTo(NinerNetSample.ADDENDUM_ADDED);
    assertThat(migration.getContents()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("html"));
    assertThat(migration.getCategories()).extracting(c -> c.getScheme() + c.getTerm() + "|" + c.getLabel())
        .containsExactly("https://status.ninernet.net/tag/email|email", "https://status.ninernet.net/tag/migration|migration",
            "https://status.ninernet.net/tag/bounce-messages|bounce messages", "https://status.ninernet.net/tag/error-messages|error messages",
            "https://status.ninernet.net/tag/smtp|smtp", "https://status.ninernet.net/tag/microsoft|microsoft",
            "https://status.ninernet.net/tag/email-delivery|email delivery", "https://status.ninernet.net/tag/mail-relay|mail relay",
            "https://status.ninernet.net/category/email-migration|Email migration");
    // An outage's entry was published when it opened and updated when it was resolved.
    Entry nc027 = feed.getEntries().get(0);
    assertThat(nc027.getId()).isEqualTo(TAG + NinerNetSample.NC027_SHUT_DOWN);
    assertThat(instant(nc027.getPublished())).isEqualTo(Instant.parse("2016-11-23T07:11:41Z"));
    assertThat(instant(nc027.getUpdated())).isEqualTo(Instant.parse("2016-11-23T07:28:27Z"));
  }

  @Test
  void perUpdateEntriesCarryEachUpdateAsPlainText() throws Exception {
    FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.UPDATE, settings);
    Feed feed = (Feed) parse(atom.subscription(board, all).toByteArray());

    assertThat(feed.getEntries()).hasSize(POSTS.size() + 1);
    Entry addendum = feed.getEntries().get(0);
    assertThat(addendum.getTitle()).isEqualTo(ADDENDUM_TITLE);
    assertThat(addendum.getId()).isEqualTo(TAG + "20131016-email-migration-update-13:update:20131016-email-migration-update-13-2");
    assertThat(addendum.getContents()).singleElement().satisfies(c -> assertThat(c.getValue()).startsWith("Update, 2022-01-24: The information above"));
    // A later post of an outage is an update with its own title, not "<incident> — Resolved".
    Entry backOnline = feed.getEntries().get(1);
    assertThat(backOnline.getTitle()).isEqualTo("NC027: Mail server back online");
    assertThat(backOnline.getId()).isEqualTo(TAG + "20161123-nc027-mail-server-shut-down:update:20161123-nc027-mail-server-shut-down-2");
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
