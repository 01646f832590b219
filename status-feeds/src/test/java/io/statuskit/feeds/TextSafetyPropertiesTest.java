package io.statuskit.feeds;

import static io.statuskit.testkit.generators.Generators.weighted;
import static io.statuskit.testkit.quicktheories.QuickTheoriesGenerators.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Body;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Server;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;
import io.statuskit.feeds.internal.Text;
import io.statuskit.feeds.statuspage.PageInfo;
import io.statuskit.feeds.statuspage.StatuspageWriter;
import io.statuskit.testkit.generators.Generator;
import io.statuskit.testkit.generators.Generators;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * For arbitrary Unicode titles, bodies and tags (every plane, controls, lone surrogates, {@code
 * ]]>}, markup), every writer produces a document that parses and whose text equals the input
 * minus the characters XML 1.0 cannot carry.
 */
class TextSafetyPropertiesTest {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OffsetDateTime AT = OffsetDateTime.parse("2024-06-01T10:00:00Z");

  /** A property over three texts; the feeds' checked exceptions fail the try. */
  @FunctionalInterface
  interface TextProperty {
    void check(String title, String body, String tag) throws Exception;
  }

  /** Runs {@code property} over {@code tries} triples of {@link #text()}. */
  private static void forAllTexts(int tries, TextProperty property) {
    qt().withExamples(tries).forAll(gen(text()), gen(text()), gen(text())).checkAssert((title, body, tag) -> {
      try {
        property.check(title, body, tag);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  /** Texts of 1 to 30 pieces: ASCII, controls, the BMP, other planes (lone surrogates too) and markup. */
  static Generator<String> text() {
    Generator<String> piece = Generators.frequency(
        weighted(6, Generators.integers(0x20, 0x7E).map(TextSafetyPropertiesTest::cp)),
        weighted(1, Generators.integers(0, 0x1F).map(TextSafetyPropertiesTest::cp)),
        weighted(2, Generators.integers(0x7F, 0xFFFF).map(TextSafetyPropertiesTest::cp)),
        weighted(2, Generators.integers(0x10000, 0x10FFFF).map(TextSafetyPropertiesTest::cp)),
        weighted(2, Generators.of("]]>", "<b>x</b>", "&amp;", "&", "<", "\r\n", "\n\n", "\r", "\"'", "\uFFFE", "\uFFFF", "\ud83d\ude80")));
    return piece.list(1, 30).map(list -> String.join("", list)).filter(s -> !s.isBlank());
  }

  private static String cp(int codePoint) {
    return new StringBuilder().appendCodePoint(codePoint).toString();
  }

  private static StatusBoard board(String title, String body, String tag) {
    Incident incident = new Incident("p", IncidentKind.INCIDENT, title, Impact.MINOR, ImmutableMap.of(),
        ImmutableSet.of(Tag.of(tag)), ImmutableSet.of(),
        ImmutableList.of(IncidentUpdate.of("p-1", AT, IncidentState.INVESTIGATING, Body.plain(body))), null, 0);
    return Boards.builder().server(Server.builder("S1").build()).incident(incident).build();
  }

  private static byte[] feed(FeedFormat format, StatusBoard board) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeedWriter.of(format, Granularity.UPDATE, FeedsTesting.settings())
        .write(FeedHead.of(java.net.URI.create("https://status.ninernet.net/feeds/x"), Instant.EPOCH), board.incidents().iterator(), out);
    return out.toByteArray();
  }

  private static final DocumentBuilderFactory XML = DocumentBuilderFactory.newInstance();

  static {
    XML.setNamespaceAware(true);
  }

  private static Document xml(byte[] bytes) throws Exception {
    return XML.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
  }

  private static String first(Document doc, String namespace, String name) {
    return doc.getElementsByTagNameNS(namespace, name).item(0).getTextContent();
  }

  /** Undoes RSS's plain-text-as-HTML: paragraphs, line breaks, then entities. */
  static String fromHtml(String html) {
    assertThat(html).startsWith("<p>").endsWith("</p>");
    return html.substring(3, html.length() - 4)
        .replace("</p><p>", "\n\n")
        .replace("<br>", "\n")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  @Test
  void atomCarriesEveryCharacterXmlCan() {
    forAllTexts(300, TextSafetyPropertiesTest::atomCarries);
  }

  private static void atomCarries(String title, String body, String tag) throws Exception {
    StatusBoard board = board(title, body, tag);
    Document doc = xml(feed(FeedFormat.ATOM, board));

    Element entry = (Element) doc.getElementsByTagNameNS(ATOM, "entry").item(0);
    assertThat(entry.getElementsByTagNameNS(ATOM, "title").item(0).getTextContent()).isEqualTo(Text.clean(title));
    assertThat(entry.getElementsByTagNameNS(ATOM, "content").item(0).getTextContent()).isEqualTo(Text.clean(body));
    assertThat(((Element) entry.getElementsByTagNameNS(ATOM, "category").item(0)).getAttribute("label"))
        .isEqualTo(Text.clean(Tag.of(tag).label()));
  }

  @Test
  void rssCarriesEveryCharacterXmlCan() {
    forAllTexts(300, TextSafetyPropertiesTest::rssCarries);
  }

  private static void rssCarries(String title, String body, String tag) throws Exception {
    Document doc = xml(feed(FeedFormat.RSS, board(title, body, tag)));

    Element item = (Element) doc.getElementsByTagName("item").item(0);
    assertThat(item.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(Text.clean(title));
    assertThat(fromHtml(item.getElementsByTagName("description").item(0).getTextContent())).isEqualTo(Text.clean(body));
    assertThat(item.getElementsByTagName("category").item(0).getTextContent()).isEqualTo(Text.clean(Tag.of(tag).label()));
    assertThat(first(doc, "", "title")).isEqualTo(FeedsTesting.settings().title());
  }

  @Test
  void jsonFeedCarriesTheSameText() {
    forAllTexts(300, TextSafetyPropertiesTest::jsonFeedCarries);
  }

  private static void jsonFeedCarries(String title, String body, String tag) throws Exception {
    JsonNode item = MAPPER.readTree(feed(FeedFormat.JSON_FEED, board(title, body, tag))).path("items").get(0);

    assertThat(item.path("title").asText()).isEqualTo(Text.clean(title));
    assertThat(item.path("content_text").asText()).isEqualTo(Text.clean(body));
    assertThat(item.path("tags").get(0).asText()).isEqualTo(Text.clean(Tag.of(tag).label()));
  }

  @Test
  void statuspageCarriesTheSameText() {
    forAllTexts(200, TextSafetyPropertiesTest::statuspageCarries);
  }

  private static void statuspageCarries(String title, String body, String tag) throws Exception {
    StatusBoard board = board(title, body, tag);
    byte[] json = StatuspageWriter.of(PageInfo.of("p", "P", "https://p.example", "Etc/UTC")).summary(board).toByteArray();
    JsonNode incident = MAPPER.readTree(new String(json, StandardCharsets.UTF_8)).path("incidents").get(0);

    assertThat(incident.path("name").asText()).isEqualTo(Text.clean(title));
    assertThat(incident.path("incident_updates").get(0).path("body").asText()).isEqualTo(Text.clean(body));
  }

  @Test
  void calendarCarriesTheSameTextWithLineBreaksAsICalendarWritesThem() {
    forAllTexts(200, (title, body, unused) -> calendarCarries(title, body));
  }

  private static void calendarCarries(String title, String body) throws Exception {
    Incident maintenance = new Incident("m", IncidentKind.MAINTENANCE, title, Impact.NONE, ImmutableMap.of(), ImmutableSet.of(), ImmutableSet.of(),
        ImmutableList.of(IncidentUpdate.of("m-1", AT, IncidentState.SCHEDULED, Body.plain(body))),
        MaintenanceWindow.of(Instant.parse("2024-07-01T00:00:00Z"), Instant.parse("2024-07-01T01:00:00Z")), 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MaintenanceCalendar.of(FeedsTesting.settings()).write(List.of(maintenance).iterator(), out);
    byte[] ics = out.toByteArray();

    for (byte[] line : CalendarTest.physicalLines(ics)) {
      assertThat(line.length).isLessThanOrEqualTo(75);
      CalendarTest.decodeStrictly(line);
    }
    List<String> lines = List.of(CalendarTest.unfold(ics).split("\r\n", -1));
    assertThat(unescape(value(lines, "SUMMARY:"))).isEqualTo(icalText(title));
    assertThat(unescape(value(lines, "DESCRIPTION:"))).isEqualTo(icalText(body));
  }

  private static String value(List<String> lines, String prefix) {
    List<String> found = lines.stream().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    assertThat(found).hasSize(1);
    return found.get(0).substring(prefix.length());
  }

  /** What iCalendar TEXT can hold: XML's rule, line breaks as LF, no DEL. */
  private static String icalText(String s) {
    return Text.clean(s).replace("\r\n", "\n").replace('\r', '\n').replace("\u007F", "");
  }

  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char next = escaped.charAt(++i);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
      } else {
        assertThat(c).as("unescaped special in %s", escaped).isNotIn(';', ',');
        out.append(c);
      }
    }
    return out.toString();
  }
}
