package io.statuskit.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

  private static StatusBoard sampleBoard() {
    try (StatusTracker tracker = SampleBoards.tracker()) {
      SampleBoards.play(tracker);
      return tracker.board();
    }
  }

  private static List<StatusEvent> sampleEvents() {
    InMemoryStatusStore store = new InMemoryStatusStore();
    try (StatusTracker tracker =
        StatusTracker.builder()
            .clock(Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC))
            .store(store)
            .build()) {
      SampleBoards.play(tracker);
      SampleBoards.playMonitorOutage(tracker);
      // a probe location that reported once and is then forgotten
      tracker.execute(
          new io.statuskit.core.Command.ReportCoverage(
              "monitor-tokyo",
              com.google.common.collect.ImmutableList.of(new io.statuskit.core.Command.ReportCoverage.Watched("NC027", null)),
              java.time.OffsetDateTime.parse("2023-08-02T00:03:00Z"),
              java.time.OffsetDateTime.parse("2023-08-02T00:00:00Z"),
              io.statuskit.core.Vantage.of("tokyo")));
      tracker.execute(new io.statuskit.core.Command.ForgetVantage("tokyo", java.time.OffsetDateTime.parse("2023-08-03T00:00:00Z")));
      return store.events();
    }
  }

  @Test
  void aBoardWithEveryPartRoundTrips() throws IOException {
    StatusBoard board = sampleBoard();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StatusJson.writeBoard(board, out);

    StatusBoard read = StatusJson.readBoard(new ByteArrayInputStream(out.toByteArray()));

    assertThat(read).isEqualTo(board);
    assertThat(StatusJson.writeBoard(read)).isEqualTo(out.toByteArray());
    assertThat(read.incidents()).isEqualTo(board.incidents());
    assertThat(read.timeline("NC027")).isEqualTo(board.timeline("NC027"));
  }

  @Test
  void everyEventTypeRoundTrips() {
    List<StatusEvent> events = sampleEvents();
    Set<Class<?>> types = new HashSet<>();
    for (StatusEvent event : events) {
      byte[] json = StatusJson.writeEvent(event);
      StatusEvent read = StatusJson.readEvent(json);
      assertThat(read).isEqualTo(event);
      assertThat(StatusJson.writeEvent(read)).isEqualTo(json);
      types.add(event.getClass());
    }
    assertThat(types).hasSize(StatusEvent.class.getPermittedSubclasses().length);
  }

  @Test
  void updateTimesKeepTheirOffsetAndInstantsAreWrittenInUtc() {
    StatusBoard board = sampleBoard();
    String json = new String(StatusJson.writeBoard(board), UTF_8);

    assertThat(json).contains("\"time\":\"2016-11-23T09:10:00+02:00\"");
    assertThat(json).contains("\"time\":\"2023-05-20T08:00:00+05:45\"");
    assertThat(json).contains("\"time\":\"2023-06-08T22:00:05.123456789Z\"");
    assertThat(json).contains("\"addedAt\":\"2013-03-02T07:00:00Z\"");
    IncidentUpdate first =
        StatusJson.readBoard(json.getBytes(UTF_8)).incident("20161123-nc027").orElseThrow().updates().get(0);
    assertThat(first.time().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
  }

  @Test
  void tagLabelsSurviveEvenThoughTagsCompareBySlug() {
    StatusBoard board = sampleBoard();
    StatusBoard read = StatusJson.readBoard(StatusJson.writeBoard(board));
    assertThat(read.server("NC026").orElseThrow().tags())
        .extracting(tag -> tag.label())
        .containsExactly(".co.zm domains", "Email");
  }

  @Test
  void theExportIsIndentedAndReadsBack() throws IOException {
    StatusBoard board = sampleBoard();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StatusJson.exportBoard(board, out);
    String text = out.toString(UTF_8);
    assertThat(text).startsWith("{\n  \"format\" : \"statuskit/1\"").endsWith("}\n");
    assertThat(StatusJson.readBoard(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(board);
  }

  @Test
  void yearsBeyondRfc3339RoundTripInIsoExpandedForm() {
    StatusBoard board;
    try (StatusTracker tracker = SampleBoards.tracker()) {
      tracker.execute(
          new io.statuskit.core.Command.AddServer(
              io.statuskit.core.Server.builder("far").build(), java.time.OffsetDateTime.parse("+12000-01-01T00:00:00+01:00")));
      board = tracker.board();
    }
    byte[] json = StatusJson.writeBoard(board);
    assertThat(new String(json, UTF_8)).contains("\"addedAt\":\"+11999-12-31T23:00:00Z\"");
    assertThat(StatusJson.readBoard(json)).isEqualTo(board);
  }

  @Test
  void theEmptyBoardRoundTrips() {
    byte[] json = StatusJson.writeBoard(StatusBoard.empty());
    assertThat(new String(json, UTF_8))
        .isEqualTo("{\"format\":\"statuskit/1\",\"type\":\"board\",\"version\":0,\"servers\":[],\"incidents\":[]}");
    assertThat(StatusJson.readBoard(json)).isEqualTo(StatusBoard.empty());
  }

  // ---------------------------------------------------------------- errors name path and value

  private static String sampleJson() {
    return new String(StatusJson.writeBoard(sampleBoard()), UTF_8);
  }

  private static StatusJsonException readError(String json) {
    try {
      StatusJson.readBoard(json.getBytes(UTF_8));
    } catch (StatusJsonException e) {
      return e;
    }
    throw new AssertionError("no error reading " + json);
  }

  @Test
  void aStateThatDoesNotExistIsNamedWithItsPathAndValue() {
    String json = sampleJson().replace("\"state\":\"investigating\"", "\"state\":\"sleeping\"");
    StatusJsonException error = readError(json);
    // incidents are written newest first: the notice, the maintenance, then the incident
    assertThat(error.path()).isEqualTo("incidents[2].updates[0].state");
    assertThat(error).hasMessageStartingWith("incidents[2].updates[0].state: \"sleeping\" is not a state (one of investigating,");
  }

  @Test
  void aNewerMajorFormatIsRejectedWithAClearMessage() {
    String json = sampleJson().replace("\"statuskit/1\"", "\"statuskit/2\"");
    assertThat(readError(json))
        .hasMessage("format: \"statuskit/2\" is a newer major version than this reader's \"statuskit/1\"; read it with a newer StatusKit");
  }

  @Test
  void aDocumentWithoutFormatOrWithAForeignFormatIsRejected() {
    assertThat(readError("{\"type\":\"board\"}")).hasMessageStartingWith("format: missing; not a StatusKit document");
    assertThat(readError("{\"format\":\"statuspage/2\",\"type\":\"board\"}"))
        .hasMessageStartingWith("format: \"statuspage/2\" is not a StatusKit format");
  }

  @Test
  void anUnknownFieldIsRejectedRatherThanDropped() {
    String json = sampleJson().replace("\"revision\":1,", "\"revision\":1,\"severity\":3,");
    StatusJsonException error = readError(json);
    assertThat(error.path()).isEqualTo("incidents[1].severity");
    assertThat(error).hasMessageContaining("unknown field (value 3)");
  }

  @Test
  void anUnknownTopLevelFieldIsRejectedToo() {
    String json = sampleJson().replaceFirst("\\{", "{\"comment\":\"hi\",");
    assertThat(readError(json).path()).isEqualTo("comment");
  }

  @Test
  void missingAndMistypedFieldsAreNamed() {
    assertThat(readError(sampleJson().replaceFirst("\"version\":\\d+,", "")))
        .hasMessage("version: is required");
    assertThat(readError(sampleJson().replace("\"revision\":1", "\"revision\":\"1\"")))
        .hasMessage("incidents[1].revision: must be a whole number up to 2147483647, was \"1\"");
    assertThat(readError(sampleJson().replace("\"addendum\":false", "\"addendum\":null")).path())
        .isEqualTo("incidents[0].updates[0].addendum");
    assertThat(readError(sampleJson().replace("\"version\":17", "\"version\":1.5")))
        .hasMessage("version: must be a whole number, was 1.5");
  }

  @Test
  void aBadTimeIsNamed() {
    String json = sampleJson().replace("\"2016-11-23T09:10:00+02:00\"", "\"yesterday\"");
    assertThat(readError(json)).hasMessageStartingWith("incidents[2].updates[0].time: \"yesterday\" is not an RFC 3339 date-time");
  }

  @Test
  void aStatusInAMapIsNamedByItsKey() {
    String json = sampleJson().replace("\"affected\":{\"NC026\":\"under_maintenance\"}", "\"affected\":{\"NC026\":\"on_fire\"}");
    assertThat(readError(json)).hasMessageStartingWith("incidents[1].affected.NC026: \"on_fire\" is not a status");
  }

  @Test
  void whatTheModelRejectsIsReportedAtThePathOfTheObject() {
    String json = sampleJson().replace("\"countryCode\":\"ZM\"", "\"countryCode\":\"zm\"");
    StatusJsonException error = readError(json);
    assertThat(error.path()).isEqualTo("servers[1].server.location");
    assertThat(error).hasMessageContaining("location.countryCode must be an upper case ISO 3166-1 alpha-2 code: \"zm\"");
  }

  @Test
  void syntaxErrorsDuplicateKeysAndTrailingContentAreRejected() {
    assertThat(readError("{\"format\":")).hasMessageStartingWith("$: not valid JSON:");
    assertThat(readError("{\"format\":\"statuskit/1\",\"format\":\"statuskit/1\"}"))
        .hasMessageContaining("Duplicate field 'format'");
    assertThat(readError(sampleJson() + " {}")).hasMessageStartingWith("$: unexpected content after the document");
    assertThat(readError("")).hasMessage("$: empty input; expected a JSON object");
    assertThat(readError("[]")).hasMessage("$: must be a JSON object, was []");
  }

  @Test
  void aBoardIsNotAnEventAndAnEventIsNotABoard() {
    byte[] board = StatusJson.writeBoard(sampleBoard());
    assertThatThrownBy(() -> StatusJson.readEvent(board))
        .isInstanceOf(StatusJsonException.class)
        .hasMessageStartingWith("type: \"board\" is not an event type");
    byte[] event = StatusJson.writeEvent(sampleEvents().get(0));
    assertThatThrownBy(() -> StatusJson.readBoard(event))
        .isInstanceOf(StatusJsonException.class)
        .hasMessageStartingWith("type: \"server_added\" is not a board document");
  }

  @Test
  void anEventNamesItsPathsToo() {
    String json = new String(StatusJson.writeEvent(sampleEvents().get(5)), UTF_8)
        .replace("\"state\":\"investigating\"", "\"state\":\"sleeping\"");
    assertThatThrownBy(() -> StatusJson.readEvent(json.getBytes(UTF_8)))
        .hasMessageStartingWith("incident.updates[0].state: \"sleeping\" is not a state");
  }

  @Test
  void theExampleInTheFormatGuideReads() throws IOException {
    Path guide = Path.of("..", "docs", "json-format.md");
    String text = Files.readString(guide, UTF_8);
    Matcher block = Pattern.compile("```json\\n(\\{\\n  \"format\" : \"statuskit/1\",\\n  \"type\" : \"board\".*?)```", Pattern.DOTALL)
        .matcher(text);
    assertThat(block.find()).as("a board example in %s", guide).isTrue();
    StatusBoard board = StatusJson.readBoard(block.group(1).getBytes(UTF_8));
    assertThat(board).isEqualTo(sampleBoard());
  }
}
