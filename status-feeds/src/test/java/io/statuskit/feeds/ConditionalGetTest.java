package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.core.IncidentQuery;
import io.statuskit.feeds.statuspage.PageInfo;
import io.statuskit.feeds.statuspage.StatuspageWriter;
import io.statuskit.testkit.NinerNetSample;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
    // the change's second is long over, so the date sent is the end of that second
    assertThat(response.header("Last-Modified")).isEqualTo("Mon, 24 Jan 2022 12:00:01 GMT");
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
  void ifModifiedSinceAloneGives304OnlyForADateAfterTheChange() {
    // changed at 12:00:00: a date of that very second might come from an older version of the
    // same second, so only a later date is proof
    assertThat(ConditionalGet.respond(rss, null, "Mon, 24 Jan 2022 12:00:01 GMT").status()).isEqualTo(304);
    assertThat(ConditionalGet.respond(rss, null, "Mon, 24 Jan 2022 12:00:00 GMT").status()).isEqualTo(200);
    assertThat(ConditionalGet.respond(rss, null, "Mon, 24 Jan 2022 11:59:59 GMT").status()).isEqualTo(200);
    assertThat(ConditionalGet.respond(rss, null, "not a date").status()).isEqualTo(200);
  }

  @Test
  void aChangeWithinTheSameSecondIsNeverHiddenBehindA304() {
    Instant first = Instant.parse("2024-06-01T10:00:00.300Z");
    Instant second = Instant.parse("2024-06-01T10:00:00.700Z");
    Clock during = Clock.fixed(Instant.parse("2024-06-01T10:00:00.400Z"), ZoneOffset.UTC);
    Clock later = Clock.fixed(Instant.parse("2024-06-01T10:00:05Z"), ZoneOffset.UTC);

    // the first version, served while its second lasts, carries that second as its date
    String date = ConditionalGet.respond(document(first), null, null, during).header("Last-Modified");
    assertThat(date).isEqualTo("Sat, 01 Jun 2024 10:00:00 GMT");

    // a second version changed in the same second: the old date must not give 304
    assertThat(ConditionalGet.respond(document(second), null, date, later).status()).isEqualTo(200);
    // served after its second is over, the date is the end of that second, and it gives 304
    String settled = ConditionalGet.respond(document(second), null, null, later).header("Last-Modified");
    assertThat(settled).isEqualTo("Sat, 01 Jun 2024 10:00:01 GMT");
    assertThat(ConditionalGet.respond(document(second), null, settled, later).status()).isEqualTo(304);
  }

  private static StatusDocument document(Instant changed) {
    return new StatusDocument() {
      @Override
      public String mediaType() {
        return "text/plain";
      }

      @Override
      public Instant lastModified() {
        return changed;
      }

      @Override
      public void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(changed.toString().getBytes(StandardCharsets.UTF_8));
      }
    };
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
