package io.statuskit.benchmarks;

import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;

/**
 * The floor for the RSS benchmark: a hand-written writer of exactly the bytes StatusKit's RSS
 * update feed holds for the benchmark boards (the smoke test checks they are equal), with
 * nothing a library needs: no settings, no validation, no escaping of characters the benchmark
 * text does not contain, dates formatted by hand, one reused byte buffer. It shows how close to
 * the cost of the bytes themselves the real writer is. Not thread-safe.
 */
final class BareRssWriter {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private final byte[] buffer = new byte[16 * 1024];
  private int size;
  private OutputStream out = OutputStream.nullOutputStream();

  /** Writes the update feed of {@code incidents} into {@code out} and flushes it. */
  void write(Iterator<Incident> incidents, Instant updated, OutputStream target) throws IOException {
    this.out = target;
    size = 0;
    raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:fh=\"http://purl.org/syndication/history/1.0\">\n"
        + "<channel>\n<title>" + FeedPeers.TITLE + "</title>\n<link>" + FeedPeers.SITE + "</link>\n<description>"
        + FeedPeers.TITLE + "</description>\n<language>en</language>\n<lastBuildDate>");
    date(updated);
    raw("</lastBuildDate>\n<generator>StatusKit</generator>\n"
        + "<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"" + FeedPeers.SITE + "feeds/updates.rss\"/>\n");
    while (incidents.hasNext()) {
      Incident incident = incidents.next();
      for (int i = incident.updates().size() - 1; i >= 0; i--) {
        IncidentUpdate update = incident.updates().get(i);
        raw("<item>\n<title>");
        text(incident.title());
        if (i > 0) {
          raw(" \u2014 ");
          raw(update.state().label());
        }
        raw("</title>\n<link>");
        raw(FeedPeers.SITE);
        raw("incidents/");
        raw(incident.id());
        raw("#");
        raw(update.id());
        raw("</link>\n<description>");
        if (update.body().isHtml()) {
          text(update.body().text());
        } else {
          raw("&lt;p&gt;");
          doubleEscaped(update.body().text());
          raw("&lt;/p&gt;");
        }
        raw("</description>\n");
        for (Tag tag : incident.tags()) {
          raw("<category domain=\"" + FeedPeers.TAG_SCHEME + "\">");
          text(tag.label());
          raw("</category>\n");
        }
        for (Category category : incident.categories()) {
          raw("<category domain=\"" + FeedPeers.CATEGORY_SCHEME + "\">");
          text(category.label());
          raw("</category>\n");
        }
        raw("<guid isPermaLink=\"false\">" + FeedPeers.TAG_PREFIX + "incident:");
        raw(incident.id());
        raw(":update:");
        raw(update.id());
        raw("</guid>\n<pubDate>");
        date(update.instant());
        raw("</pubDate>\n</item>\n");
      }
    }
    raw("</channel>\n</rss>\n");
    out.write(buffer, 0, size);
    size = 0;
    out.flush();
  }

  private void room(int bytes) throws IOException {
    if (size + bytes > buffer.length) {
      out.write(buffer, 0, size);
      size = 0;
    }
  }

  /** Characters that need no escaping, UTF-8 encoded. */
  private void raw(String s) throws IOException {
    room(s.length() * 3);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buffer[size++] = (byte) c;
      } else if (c < 0x800) {
        buffer[size++] = (byte) (0xC0 | c >> 6);
        buffer[size++] = (byte) (0x80 | c & 0x3F);
      } else {
        buffer[size++] = (byte) (0xE0 | c >> 12);
        buffer[size++] = (byte) (0x80 | c >> 6 & 0x3F);
        buffer[size++] = (byte) (0x80 | c & 0x3F);
      }
    }
  }

  /** XML character data: {@code & < >} escaped once. */
  private void text(String s) throws IOException {
    room(s.length() * 5);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> ascii("&amp;");
        case '<' -> ascii("&lt;");
        case '>' -> ascii("&gt;");
        default -> {
          if (c < 0x80) {
            buffer[size++] = (byte) c;
          } else {
            raw(String.valueOf(c));
          }
        }
      }
    }
  }

  /** Plain text made HTML and then XML character data: {@code & < >} escaped twice. */
  private void doubleEscaped(String s) throws IOException {
    room(s.length() * 9);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> ascii("&amp;amp;");
        case '<' -> ascii("&amp;lt;");
        case '>' -> ascii("&amp;gt;");
        default -> {
          if (c < 0x80) {
            buffer[size++] = (byte) c;
          } else {
            raw(String.valueOf(c));
          }
        }
      }
    }
  }

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      buffer[size++] = (byte) s.charAt(i);
    }
  }

  /** RFC 822 in UTC, such as {@code Sat, 31 May 2025 23:36:00 +0000}. */
  private void date(Instant instant) throws IOException {
    room(32);
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    ascii(DAYS[t.getDayOfWeek().ordinal()]);
    ascii(", ");
    two(t.getDayOfMonth());
    buffer[size++] = ' ';
    ascii(MONTHS[t.getMonthValue() - 1]);
    buffer[size++] = ' ';
    int year = t.getYear();
    two(year / 100);
    two(year % 100);
    buffer[size++] = ' ';
    two(t.getHour());
    buffer[size++] = ':';
    two(t.getMinute());
    buffer[size++] = ':';
    two(t.getSecond());
    ascii(" +0000");
  }

  private void two(int n) {
    buffer[size++] = (byte) ('0' + n / 10);
    buffer[size++] = (byte) ('0' + n % 10);
  }
}
