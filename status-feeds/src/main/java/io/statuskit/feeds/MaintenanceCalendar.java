package io.statuskit.feeds;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.Tag;
import io.statuskit.feeds.internal.Text;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An RFC 5545 calendar of scheduled maintenance: one {@code VEVENT} per maintenance window with a
 * stable {@code UID}, UTC times, {@code SEQUENCE} from {@link Incident#revision()} (bumped on each
 * reschedule), {@code STATUS} (cancelled maintenance is {@code CANCELLED}), categories from tags
 * and categories, and the latest update as description. Lines end in CRLF and are folded at 75
 * octets without splitting a UTF-8 sequence. Immutable and thread-safe.
 */
public final class MaintenanceCalendar {
  /** The media type of iCalendar. */
  public static final String MEDIA_TYPE = "text/calendar";

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);
  private static final int MAX_OCTETS = 75;

  private final FeedSettings settings;

  private MaintenanceCalendar(FeedSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  /** A calendar of the page with these settings. */
  public static MaintenanceCalendar of(FeedSettings settings) {
    return new MaintenanceCalendar(settings);
  }

  /** The calendar of every maintenance on the board, newest first. */
  public StatusDocument calendar(StatusBoard board) {
    return calendar(board, List.of());
  }

  /**
   * The calendar of every maintenance on the board, newest first, then each recurring maintenance
   * as one recurring {@code VEVENT} ({@code DTSTART;TZID=} local time, {@code RRULE}, a {@code
   * VTIMEZONE} per zone), so a calendar in any other zone shows each occurrence at the right
   * instant, daylight-saving changes included. A maintenance posted on the board for one
   * occurrence of a definition given here (origin {@code recurring:<definition id>}) is left out:
   * the recurring event already holds it.
   */
  public StatusDocument calendar(StatusBoard board, List<RecurringMaintenance> recurring) {
    List<RecurringMaintenance> definitions = List.copyOf(recurring);
    java.util.Set<String> recurringOrigins =
        definitions.stream().map(d -> "recurring:" + d.id()).collect(Collectors.toUnmodifiableSet());
    List<Incident> maintenance =
        board.withoutInternalNotes().incidents().stream() // internal notes never leave the page
            .filter(i -> i.kind() == IncidentKind.MAINTENANCE)
            .filter(i -> i.origin() == null || !recurringOrigins.contains(i.origin()))
            .collect(Collectors.toList());
    Instant modified = Instant.EPOCH;
    for (Incident incident : maintenance) {
      Instant updated = incident.updatedAt().toInstant();
      modified = updated.isAfter(modified) ? updated : modified;
    }
    Instant lastModified = maintenance.isEmpty() ? board.updatedAt().orElse(Instant.EPOCH) : modified;
    return new StatusDocument() {
      @Override
      public String mediaType() {
        return MEDIA_TYPE;
      }

      @Override
      public Instant lastModified() {
        return lastModified;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        write(maintenance.iterator(), definitions, lastModified, out);
      }
    };
  }

  /**
   * Streams a calendar of the given incidents; incidents that are not maintenance are skipped.
   *
   * @throws IOException if {@code out} fails; {@code out} is flushed, not closed
   */
  public void write(Iterator<Incident> incidents, OutputStream out) throws IOException {
    write(incidents, List.of(), Instant.EPOCH, out);
  }

  /**
   * Streams a calendar of the given incidents and recurring maintenance definitions; {@code
   * stamp} is the recurring events' DTSTAMP (when the calendar was last changed).
   *
   * @throws IOException if {@code out} fails; {@code out} is flushed, not closed
   */
  public void write(Iterator<Incident> incidents, List<RecurringMaintenance> recurring, Instant stamp, OutputStream out)
      throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    line(writer, "BEGIN:VCALENDAR");
    line(writer, "VERSION:2.0");
    line(writer, "PRODID:-//StatusKit//status-feeds//EN");
    line(writer, "CALSCALE:GREGORIAN");
    line(writer, "METHOD:PUBLISH");
    line(writer, "X-WR-CALNAME:" + text(settings.title()));
    while (incidents.hasNext()) {
      Incident incident = incidents.next();
      MaintenanceWindow window = incident.window();
      if (incident.kind() != IncidentKind.MAINTENANCE || window == null) {
        continue;
      }
      event(writer, incident, window);
    }
    Set<ZoneId> zones = new LinkedHashSet<>();
    for (RecurringMaintenance definition : recurring) {
      zones.add(definition.zone());
    }
    for (ZoneId zone : zones) {
      Timezones.write(writer, zone);
    }
    for (RecurringMaintenance definition : recurring) {
      recurringEvent(writer, definition, stamp);
    }
    line(writer, "END:VCALENDAR");
    writer.flush();
  }

  private void event(Writer out, Incident incident, MaintenanceWindow window) throws IOException {
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + incident.id() + "@" + settings.tagAuthority());
    line(out, "DTSTAMP:" + UTC.format(incident.updatedAt().toInstant()));
    line(out, "CREATED:" + UTC.format(incident.createdInstant()));
    line(out, "LAST-MODIFIED:" + UTC.format(incident.updatedAt().toInstant()));
    line(out, "DTSTART:" + UTC.format(window.start()));
    line(out, "DTEND:" + UTC.format(window.end()));
    line(out, "SEQUENCE:" + incident.revision());
    line(out, "SUMMARY:" + text(incident.title()));
    line(out, "DESCRIPTION:" + text(incident.latestUpdate().body().text()));
    String url = settings.incidentUrl(incident.id());
    line(out, "URL:" + (url != null ? url : settings.siteUrl().toString()));
    List<String> categories = new ArrayList<>();
    for (Tag tag : incident.tags()) {
      categories.add(text(tag.label()));
    }
    for (Category category : incident.categories()) {
      categories.add(text(category.label()));
    }
    if (!categories.isEmpty()) {
      line(out, "CATEGORIES:" + String.join(",", categories));
    }
    line(out, "STATUS:" + (incident.state() == IncidentState.CANCELLED ? "CANCELLED" : "CONFIRMED"));
    line(out, "TRANSP:OPAQUE");
    line(out, "END:VEVENT");
  }

  private void recurringEvent(Writer out, RecurringMaintenance definition, Instant stamp) throws IOException {
    line(out, "BEGIN:VEVENT");
    line(out, "UID:recurring." + definition.id() + "@" + settings.tagAuthority());
    line(out, "DTSTAMP:" + UTC.format(stamp));
    line(out, "DTSTART;TZID=" + definition.zone().getId() + ":" + LOCAL.format(definition.start()));
    line(out, "DURATION:" + definition.duration());
    line(out, "RRULE:" + definition.rule().toRrule());
    line(out, "SUMMARY:" + text(definition.title()));
    if (!definition.servers().isEmpty()) {
      line(out, "DESCRIPTION:" + text("Servers: " + String.join(", ", definition.servers())));
    }
    line(out, "URL:" + settings.siteUrl());
    line(out, "STATUS:CONFIRMED");
    line(out, "TRANSP:OPAQUE");
    line(out, "END:VEVENT");
  }

  /**
   * Escapes TEXT (RFC 5545 3.3.11): backslash, semicolon and comma are escaped, line breaks (CRLF,
   * CR or LF) become {@code \n}, and controls iCalendar cannot carry are dropped.
   */
  static String text(String value) {
    String clean = Text.clean(value);
    StringBuilder out = new StringBuilder(clean.length() + 16);
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      switch (c) {
        case '\\':
          out.append("\\\\");
          break;
        case ';':
          out.append("\\;");
          break;
        case ',':
          out.append("\\,");
          break;
        case '\r':
          out.append("\\n");
          if (i + 1 < clean.length() && clean.charAt(i + 1) == '\n') {
            i++;
          }
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\u007F':
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /** Writes a content line folded at 75 octets, never inside a UTF-8 sequence, ending in CRLF. */
  static void line(Writer out, String line) throws IOException {
    int octets = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (octets + size > MAX_OCTETS) {
        out.write("\r\n ");
        octets = 1;
      }
      out.write(line, i, Character.charCount(cp));
      octets += size;
      i += Character.charCount(cp);
    }
    out.write("\r\n");
  }
}
