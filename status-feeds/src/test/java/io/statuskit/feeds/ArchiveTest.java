package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.testkit.NinerNetSample;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RFC 5005 archived feeds: one archive document per month, linked both ways. */
class ArchiveTest {
  private static final StatusBoard SEED = NinerNetSample.board();
  private final StatusBoard board = SEED;
  private final FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.INCIDENT, FeedsTesting.settings());
  private final IncidentQuery newest3 = IncidentQuery.builder().limit(3).build();

  private static Map<String, String> links(Feed feed) {
    return feed.getOtherLinks().stream().collect(Collectors.toMap(Link::getRel, Link::getHref));
  }

  private static boolean hasArchiveMarker(Feed feed) {
    return feed.getForeignMarkup().stream()
        .anyMatch(e -> e.getName().equals("archive") && e.getNamespaceURI().equals("http://purl.org/syndication/history/1.0"));
  }

  @Test
  void archiveMonthsAreTheClosedMonthsWithEntriesNewestFirst() {
    assertThat(atom.archiveMonths(board, newest3))
        .containsExactly(YearMonth.of(2016, 11), YearMonth.of(2014, 1), YearMonth.of(2013, 10), YearMonth.of(2013, 6), YearMonth.of(2013, 5));
  }

  @Test
  void subscriptionHoldsTheNewestEntriesAndPointsToTheNewestArchive() throws Exception {
    Feed feed = (Feed) RomeReadBackTest.parse(atom.subscription(board, newest3).toByteArray());

    assertThat(feed.getEntries()).extracting(Entry::getTitle)
        .containsExactly("NC027: Mail server shut down", "NC023: Relay server stopped to clean up spam", "Email migration: Update 14");
    assertThat(links(feed))
        .containsEntry("self", "https://status.ninernet.net/feeds/incidents.atom")
        .containsEntry("prev-archive", "https://status.ninernet.net/feeds/incidents/2016-11.atom")
        .doesNotContainKeys("current", "next-archive");
    assertThat(hasArchiveMarker(feed)).isFalse();
  }

  @Test
  void archiveDocumentsLinkToTheirNeighboursAndTheCurrentDocument() throws Exception {
    Feed october = (Feed) RomeReadBackTest.parse(atom.archive(board, newest3, YearMonth.of(2013, 10)).toByteArray());

    assertThat(hasArchiveMarker(october)).isTrue();
    assertThat(october.getId()).isEqualTo("tag:status.ninernet.net,2013-05-01:feed:incidents");
    assertThat(october.getEntries()).extracting(Entry::getTitle)
        .containsExactly("Email migration: Update 14", "Email migration: Update 13");
    assertThat(links(october))
        .containsEntry("self", "https://status.ninernet.net/feeds/incidents/2013-10.atom")
        .containsEntry("current", "https://status.ninernet.net/feeds/incidents.atom")
        .containsEntry("prev-archive", "https://status.ninernet.net/feeds/incidents/2013-06.atom")
        .containsEntry("next-archive", "https://status.ninernet.net/feeds/incidents/2014-01.atom");
  }

  @Test
  void subscriptionAndArchivesTogetherHoldEveryEntry() throws Exception {
    Set<String> ids = new HashSet<>();
    Feed subscription = (Feed) RomeReadBackTest.parse(atom.subscription(board, newest3).toByteArray());
    subscription.getEntries().forEach(e -> ids.add(e.getId()));
    for (YearMonth month : atom.archiveMonths(board, newest3)) {
      Feed feed = (Feed) RomeReadBackTest.parse(atom.archive(board, newest3, month).toByteArray());
      feed.getEntries().forEach(e -> ids.add(e.getId()));
    }
    assertThat(ids).hasSize(8).isEqualTo(board.incidents().stream()
        .map(i -> "tag:status.ninernet.net,2013-05-01:incident:" + i.id()).collect(Collectors.toSet()));
  }

  @Test
  void entriesOfTheOpenMonthStayInTheSubscriptionBeyondTheLimit() throws Exception {
    // On 30 Nov 2016 November is still open: both NC027 posts belong to the subscription.
    Instant now = Instant.parse("2016-11-30T00:00:00Z");
    StatusBoard then = boardAt(now);
    FeedSettings settings = FeedsTesting.settings(Clock.fixed(now, ZoneOffset.UTC));
    FeedWriter rss = FeedWriter.of(FeedFormat.RSS, Granularity.UPDATE, settings);
    IncidentQuery one = IncidentQuery.builder().limit(1).build();

    Channel channel = (Channel) RomeReadBackTest.parse(rss.subscription(then, one).toByteArray());
    assertThat(channel.getItems()).extracting(com.rometools.rome.feed.rss.Item::getTitle)
        .containsExactly("NC027: Mail server back online", "NC027: Mail server shut down");
    assertThat(rss.archiveMonths(then, one)).first().isEqualTo(YearMonth.of(2014, 1));
    assertThatThrownBy(() -> rss.archive(then, one, YearMonth.of(2016, 11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2016-11");
  }

  /** The sample's board as it stood at {@code time}: its events up to then, replayed. */
  private static StatusBoard boardAt(Instant time) {
    StatusBoard board = StatusBoard.empty();
    for (StatusEvent event : NinerNetSample.events()) {
      if (!event.at().isAfter(time)) {
        board = board.apply(event);
      }
    }
    return board;
  }

  @Test
  void perUpdateArchivesFileUpdatesUnderTheirOwnMonth() {
    FeedWriter updates = FeedWriter.of(FeedFormat.RSS, Granularity.UPDATE, FeedsTesting.settings());
    // The 2022 addendum to a 2013 post is archived in January 2022.
    List<YearMonth> months = updates.archiveMonths(board, newest3);
    assertThat(months).first().isEqualTo(YearMonth.of(2022, 1));
    assertThat(updates.archive(board, newest3, YearMonth.of(2022, 1)).size()).isEqualTo(1);
  }
}
