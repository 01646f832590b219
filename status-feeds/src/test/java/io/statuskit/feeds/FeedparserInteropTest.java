package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Server;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;
import io.statuskit.testkit.NinerNetSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop: Python's Universal Feed Parser (Debian python3-feedparser) reads every RSS and Atom
 * document without complaint (bozo 0) and finds the same titles, ids and dates. Skipped, saying
 * why, where feedparser is not installed.
 */
class FeedparserInteropTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCRIPT = String.join("\n",
      "import calendar, json, sys, feedparser",
      "d = feedparser.parse(sys.argv[1])",
      "def ts(t):",
      "    return calendar.timegm(t) if t else None",
      "out = {'bozo': int(bool(d.bozo)), 'exception': str(d.get('bozo_exception', '')), 'version': d.version,",
      "       'title': d.feed.get('title'), 'entries': []}",
      "for e in d.entries:",
      "    out['entries'].append({'title': e.get('title'), 'id': e.get('id'),",
      "        'published': ts(e.get('published_parsed')), 'updated': ts(e.get('updated_parsed')), 'link': e.get('link')})",
      "print(json.dumps(out))");

  private static Python.Availability python = new Python.Availability(null, "not looked for");

  @TempDir Path dir;

  @BeforeAll
  static void findFeedparser() {
    python = Python.find("feedparser");
  }

  static StatusBoard tricky() {
    String title = "Mail & DNS <down> ]]> \"quoted\" \ud83d\ude80 \ud834\udd1e caf\u00e9\u0001 \u2014 end";
    Incident incident = new Incident("tricky", IncidentKind.INCIDENT, title, Impact.MINOR, ImmutableMap.of(),
        ImmutableSet.of(Tag.of("\u00e9t\u00e9 & <tags>")), ImmutableSet.of(),
        ImmutableList.of(
            IncidentUpdate.of("tricky-1", Samples.t("2024-06-01T10:00:00.123456+02:00"), IncidentState.INVESTIGATING,
                Body.plain("Line one <b>not bold</b> & more ]]>\n\nSecond paragraph \ud83d\udc0d\r\nwith CRLF")),
            IncidentUpdate.of("tricky-2", Samples.t("2024-06-01T11:00:00Z"), IncidentState.RESOLVED,
                Body.html("<p>Fixed &amp; <strong>verified</strong> \ud83c\udf89</p>"))),
        null, 0);
    return Boards.builder().server(Server.builder("NC001").build()).incident(incident).build();
  }

  static List<Arguments> documents() {
    List<Arguments> cases = new ArrayList<>();
    for (FeedFormat format : List.of(FeedFormat.RSS, FeedFormat.ATOM)) {
      for (Granularity granularity : Granularity.values()) {
        cases.add(Arguments.of("seed", format, granularity));
        cases.add(Arguments.of("samples", format, granularity));
        cases.add(Arguments.of("tricky", format, granularity));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("documents")
  void feedparserReadsEveryDocumentWithoutComplaintAndFindsTheSameEntries(String name, FeedFormat format, Granularity granularity) throws Exception {
    Assumptions.assumeTrue(python.available(), "python3-feedparser not installed: " + python.reason());
    StatusBoard board = name.equals("seed") ? NinerNetSample.board() : name.equals("samples") ? Samples.board() : tricky();
    FeedWriter writer = FeedWriter.of(format, granularity, FeedsTesting.settings());
    byte[] document = writer.subscription(board, IncidentQuery.builder().limit(100).build()).toByteArray();
    Path file = dir.resolve("feed." + format.extension());
    Files.write(file, document);

    Python.Result result = Python.run(python.interpreter(), SCRIPT, file.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    JsonNode parsed = MAPPER.readTree(result.out());

    assertThat(parsed.path("bozo").asInt()).as(parsed.path("exception").asText()).isZero();
    assertThat(parsed.path("version").asText()).isEqualTo(format == FeedFormat.RSS ? "rss20" : "atom10");
    // ROME is the reference reader here: compare what feedparser finds with what ROME finds.
    List<RomeEntry> expected = RomeEntry.read(document);
    JsonNode entries = parsed.path("entries");
    assertThat(entries).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      RomeEntry want = expected.get(i);
      JsonNode got = entries.get(i);
      assertThat(got.path("title").asText()).isEqualTo(want.title());
      assertThat(got.path("id").asText()).isEqualTo(want.id());
      assertThat(got.path("published").asLong()).isEqualTo(want.published().getEpochSecond());
      if (format == FeedFormat.ATOM) {
        assertThat(got.path("updated").asLong()).isEqualTo(want.updated().getEpochSecond());
      }
    }
    if (name.equals("seed") && granularity == Granularity.UPDATE) {
      // Per update, feedparser finds the seed's posts, newest first, after the 2022 addendum.
      List<String> titles = new ArrayList<>();
      entries.forEach(entry -> titles.add(entry.path("title").asText()));
      List<String> posts = new ArrayList<>();
      posts.add("Update, 2022-01-24");
      NinerNetSample.postsOf(board).forEach(post -> posts.add(post.title()));
      assertThat(titles).containsExactlyElementsOf(posts);
    }
  }
}
