package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.StatusBoard;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Every scoped Atom feed has an id of its own (RFC 4287 4.2.6); a feed's archives share it. */
class FeedIdTest {
  private static FeedSettings settings(String scope) {
    return FeedSettings.builder()
        .title("NinerNet")
        .siteUrl("https://status.ninernet.net/")
        .tagDate(LocalDate.parse("2013-05-01"))
        .scope(scope)
        .build();
  }

  private static String id(FeedSettings settings, StatusBoard board, boolean archive) throws Exception {
    FeedWriter writer = FeedWriter.of(FeedFormat.ATOM, Granularity.UPDATE, settings);
    FeedDocument document =
        archive ? writer.archive(board, IncidentQuery.all(), writer.archiveMonths(board, IncidentQuery.all()).get(0)) : writer.subscription(board, IncidentQuery.all());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.writeTo(out);
    Feed feed = (Feed) new WireFeedInput().build(new StringReader(out.toString(StandardCharsets.UTF_8)));
    return feed.getId();
  }

  @Test
  void scopedFeedsHaveTheirOwnIdsAndTheSiteFeedKeepsItsId() throws Exception {
    StatusBoard board = Samples.board();
    String site = id(settings(""), board, false);
    String server = id(settings("servers/NC027"), board, false);
    String tag = id(settings("tags/email"), board, false);

    assertThat(site).isEqualTo("tag:status.ninernet.net,2013-05-01:feed:updates");
    assertThat(server).isEqualTo("tag:status.ninernet.net,2013-05-01:feed:servers/NC027/updates");
    assertThat(tag).isEqualTo("tag:status.ninernet.net,2013-05-01:feed:tags/email/updates");
    assertThat(id(settings("servers/NC027"), board, true)).as("an archive keeps its feed's id").isEqualTo(server);
  }

  @Test
  void aScopeWithAnXmlSpecialCharacterIsEscapedAndAMalformedScopeIsRefused() throws Exception {
    assertThat(id(settings("tags/a&b"), Samples.board(), false)).endsWith("feed:tags/a&b/updates");
    assertThatThrownBy(() -> settings("/servers/NC027/")).hasMessageContaining("scope must be empty or ASCII path segments");
    assertThatThrownBy(() -> settings("tags/ü")).hasMessageContaining("percent-encode");
  }

  @Test
  void rssItemsLinkToTheIncidentPageByDefault() {
    FeedSettings settings = settings("");
    assertThat(settings.incidentUrl("20161123-nc027")).isEqualTo("https://status.ninernet.net/incidents/20161123-nc027/");
    FeedSettings none = FeedSettings.builder().title("x").siteUrl("https://s.example/").tagDate(LocalDate.parse("2020-01-01")).incidentUrlTemplate(null).build();
    assertThat(none.incidentUrl("x")).isNull();
  }
}
