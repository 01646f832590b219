package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.IncidentQuery;
import io.statuskit.feeds.statuspage.PageInfo;
import io.statuskit.feeds.statuspage.StatuspageWriter;
import io.statuskit.testkit.NinerNetSample;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Conditional GETs of every kind of document. */
class ConditionalGetTest {
  private final FeedDocument rss =
      FeedWriter.of(FeedFormat.RSS, Granularity.INCIDENT, FeedsTesting.settings()).subscription(NinerNetSample.board(), IncidentQuery.all());

  @Test
  void aPlainGetGetsTheBodyWithTypeEtagAndLastModified() {
    ConditionalGet.Response response = ConditionalGet.respond(rss, null, null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("application/rss+xml; charset=utf-8");
    assertThat(response.header("ETag")).matches("\"[0-9a-f]{32}\"");
    assertThat(response.header("Last-Modified")).isEqualTo("Mon, 24 Jan 2022 12:00:00 GMT");
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("<?xml");
  }

  @Test
  void theSameEtagGets304AndAnotherGets200() {
    String etag = ConditionalGet.respond(rss, null, null).header("ETag");

    ConditionalGet.Response same = ConditionalGet.respond(rss, "\"other\", " + etag, null);
    assertThat(same.status()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(same.header("ETag")).isEqualTo(etag);
    assertThat(ConditionalGet.respond(rss, "W/" + etag, null).status()).isEqualTo(304);
    assertThat(ConditionalGet.respond(rss, "*", null).status()).isEqualTo(304);
    assertThat(ConditionalGet.respond(rss, "\"other\"", null).status()).isEqualTo(200);
  }

  @Test
  void ifNoneMatchIsCheckedBeforeIfModifiedSince() {
    // A stale ETag wins over a date that alone would give 304.
    ConditionalGet.Response response = ConditionalGet.respond(rss, "\"stale\"", "Tue, 01 Jan 2030 00:00:00 GMT");

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void ifModifiedSinceAloneComparesWholeSeconds() {
    assertThat(ConditionalGet.respond(rss, null, "Mon, 24 Jan 2022 12:00:00 GMT").status()).isEqualTo(304);
    assertThat(ConditionalGet.respond(rss, null, "Mon, 24 Jan 2022 11:59:59 GMT").status()).isEqualTo(200);
    assertThat(ConditionalGet.respond(rss, null, "not a date").status()).isEqualTo(200);
  }

  @Test
  void everyDocumentKindHasItsMediaType() {
    FeedSettings settings = FeedsTesting.settings();
    assertThat(ConditionalGet.respond(FeedWriter.of(FeedFormat.ATOM, Granularity.UPDATE, settings).subscription(NinerNetSample.board(), IncidentQuery.all()), null, null).header("Content-Type"))
        .isEqualTo("application/atom+xml; charset=utf-8");
    assertThat(ConditionalGet.respond(FeedWriter.of(FeedFormat.JSON_FEED, Granularity.UPDATE, settings).subscription(NinerNetSample.board(), IncidentQuery.all()), null, null).header("Content-Type"))
        .isEqualTo("application/feed+json; charset=utf-8");
    assertThat(ConditionalGet.respond(StatuspageWriter.of(PageInfo.of("p", "P", "https://p.example", "Etc/UTC")).summary(Samples.board()), null, null).header("Content-Type"))
        .isEqualTo("application/json; charset=utf-8");
    assertThat(ConditionalGet.respond(MaintenanceCalendar.of(settings).calendar(Samples.board()), null, null).header("Content-Type"))
        .isEqualTo("text/calendar; charset=utf-8");
  }
}
