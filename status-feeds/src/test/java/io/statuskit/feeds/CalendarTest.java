package io.statuskit.feeds;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.statuskit.core.Tag;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The iCalendar of maintenance, checked octet by octet. */
class CalendarTest {
  private final MaintenanceCalendar calendar = MaintenanceCalendar.of(FeedsTesting.settings());

  static List<byte[]> physicalLines(byte[] ics) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + 1 < ics.length; i++) {
      if (ics[i] == '\r' && ics[i + 1] == '\n') {
        lines.add(Arrays.copyOfRange(ics, start, i));
        start = i + 2;
        i++;
      }
    }
    assertThat(start).as("the calendar ends in CRLF").isEqualTo(ics.length);
    return lines;
  }

  static String decodeStrictly(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  static String unfold(byte[] ics) {
    return new String(ics, StandardCharsets.UTF_8).replace("\r\n ", "");
  }

  @Test
  void eachMaintenanceIsAnEventWithUtcTimesAndItsRevisionAsSequence() {
    byte[] ics = calendar.calendar(Samples.board()).toByteArray();
    String text = unfold(ics);

    assertThat(text).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:");
    assertThat(text).endsWith("END:VCALENDAR\r\n");
    assertThat(text.split("BEGIN:VEVENT", -1)).hasSize(5);
    assertThat(text).contains(
        "UID:network@status.ninernet.net\r\n",
        "DTSTART:20240401T220000Z\r\nDTEND:20240402T013000Z\r\nSEQUENCE:2\r\n",
        "SUMMARY:Network maintenance\\, Sydney\r\n",
        "URL:https://status.ninernet.net/incidents/network\r\n",
        "CATEGORIES:maintenance,Maintenance\r\n",
        "UID:cancelled@status.ninernet.net\r\n");
    String cancelled = text.substring(text.indexOf("UID:cancelled@"));
    assertThat(cancelled.substring(0, cancelled.indexOf("END:VEVENT"))).contains("STATUS:CANCELLED");
    assertThat(text).doesNotContain("New status page");
  }

  @Test
  void longLinesFoldAt75OctetsWithoutSplittingUtf8Sequences() throws Exception {
    String title = "Wartung \u00fcber Nacht \u2014 \u5927\u962a\u306e\u30b5\u30fc\u30d0\u30fc \ud83d\udee0\ufe0f; Zeile, mit \\ Zeichen ".repeat(4).strip();
    Incident incident = new Incident("long", IncidentKind.MAINTENANCE, title, Impact.NONE, ImmutableMap.of(),
        ImmutableSet.of(Tag.of("caf\u00e9")), ImmutableSet.of(),
        ImmutableList.of(IncidentUpdate.of("long-1", Samples.t("2024-05-01T00:00:00Z"), IncidentState.SCHEDULED,
            Body.plain("First line\r\nsecond line\nthird\u0007 line"))),
        MaintenanceWindow.of(Instant.parse("2024-05-02T00:00:00Z"), Instant.parse("2024-05-02T01:00:00Z")), 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    calendar.write(List.of(incident).iterator(), out);
    byte[] ics = out.toByteArray();

    for (byte[] line : physicalLines(ics)) {
      assertThat(line.length).isLessThanOrEqualTo(75);
      decodeStrictly(line);
    }
    String text = unfold(ics);
    String escaped = title.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,");
    assertThat(text).contains("SUMMARY:" + escaped + "\r\n");
    assertThat(text).contains("DESCRIPTION:First line\\nsecond line\\nthird line\r\n");
    assertThat(text).contains("CATEGORIES:caf\u00e9\r\n");
  }
}
