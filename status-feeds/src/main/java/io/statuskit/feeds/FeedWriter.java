package io.statuskit.feeds;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.google.common.collect.ImmutableList;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentQuery;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.StatusBoard;
import io.statuskit.feeds.internal.AtomWriter;
import io.statuskit.feeds.internal.ByteSink;
import io.statuskit.feeds.internal.CharSink;
import io.statuskit.feeds.internal.Entry;
import io.statuskit.feeds.internal.EntryWriter;
import io.statuskit.feeds.internal.JsonFeedWriter;
import io.statuskit.feeds.internal.RssWriter;
import io.statuskit.feeds.internal.Sink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes one feed (a format and a granularity) of a status page: streaming documents from any
 * {@link Iterator} of incidents, and subscription and monthly archive documents (RFC 5005) of a
 * {@link StatusBoard}.
 *
 * <pre>{@code
 * FeedWriter atom = FeedWriter.of(FeedFormat.ATOM, Granularity.INCIDENT, settings);
 * atom.subscription(board, IncidentQuery.builder().tag("email").limit(50).build()).writeTo(out);
 * }</pre>
 *
 * <p>Writers stream: memory does not grow with the number of entries, and output is UTF-8 bytes
 * (or characters to a {@link Writer}), never the platform charset. Immutable and thread-safe.
 */
public final class FeedWriter {
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparing(Entry::published)
          .thenComparing(e -> e.incident().id())
          .thenComparingInt(Entry::index)
          .reversed();

  private final FeedFormat format;
  private final Granularity granularity;
  private final FeedSettings settings;

  private FeedWriter(FeedFormat format, Granularity granularity, FeedSettings settings) {
    this.format = requireNonNull(format, "format");
    this.granularity = requireNonNull(granularity, "granularity");
    this.settings = requireNonNull(settings, "settings");
  }

  /** A writer of the given format and granularity. */
  public static FeedWriter of(FeedFormat format, Granularity granularity, FeedSettings settings) {
    return new FeedWriter(format, granularity, settings);
  }

  /** The format written. */
  public FeedFormat format() {
    return format;
  }

  /** What one entry stands for. */
  public Granularity granularity() {
    return granularity;
  }

  /** The page's settings. */
  public FeedSettings settings() {
    return settings;
  }

  /** Where the subscription document lives. */
  public URI subscriptionUrl() {
    return settings.subscriptionUrl(format, granularity);
  }

  /** Where the archive document of {@code month} lives. */
  public URI archiveUrl(YearMonth month) {
    return settings.archiveUrl(format, granularity, month);
  }

  // ------------------------------------------------------------------ streaming

  /**
   * Streams a document: the head, then an entry per incident in the order given ({@link
   * Granularity#INCIDENT}), or an entry per update, each incident's updates newest first ({@link
   * Granularity#UPDATE}). Nothing is kept of past entries, so any number can be written.
   *
   * @throws IOException if {@code out} fails; {@code out} is flushed, not closed
   */
  public void write(FeedHead head, Iterator<Incident> incidents, OutputStream out) throws IOException {
    requireNonNull(out, "out");
    stream(head, incidents, () -> entryWriter(out));
  }

  /**
   * Streams a document as characters; see {@link #write(FeedHead, Iterator, OutputStream)}. The
   * XML declaration says UTF-8, so encode the characters as UTF-8.
   *
   * @throws IOException if {@code out} fails; {@code out} is flushed, not closed
   */
  public void write(FeedHead head, Iterator<Incident> incidents, Writer out) throws IOException {
    requireNonNull(out, "out");
    stream(head, incidents, () -> entryWriter(out));
  }

  private interface WriterFactory {
    EntryWriter open() throws IOException;
  }

  private void stream(FeedHead head, Iterator<Incident> incidents, WriterFactory factory)
      throws IOException {
    requireNonNull(head, "head");
    requireNonNull(incidents, "incidents");
    try {
      EntryWriter writer = factory.open();
      writer.begin(head);
      while (incidents.hasNext()) {
        Incident incident = incidents.next().withoutInternalNotes();
        if (granularity == Granularity.INCIDENT) {
          writer.incident(incident);
        } else {
          for (int i = incident.updates().size() - 1; i >= 0; i--) {
            writer.update(incident, i);
          }
        }
      }
      writer.end();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void writeEntries(FeedHead head, List<Entry> entries, WriterFactory factory) throws IOException {
    try {
      EntryWriter writer = factory.open();
      writer.begin(head);
      for (Entry entry : entries) {
        entry.writeTo(writer);
      }
      writer.end();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private EntryWriter entryWriter(OutputStream out) throws IOException {
    switch (format) {
      case RSS:
        return xml(new ByteSink(out));
      case ATOM:
        return xml(new ByteSink(out));
      default:
        return json(JSON.createGenerator(out));
    }
  }

  private EntryWriter entryWriter(Writer out) throws IOException {
    switch (format) {
      case RSS:
        return xml(new CharSink(out));
      case ATOM:
        return xml(new CharSink(out));
      default:
        return json(JSON.createGenerator(out));
    }
  }

  private EntryWriter xml(Sink sink) {
    return format == FeedFormat.RSS
        ? new RssWriter(sink, settings, granularity.path())
        : new AtomWriter(sink, settings, granularity.path());
  }

  private EntryWriter json(JsonGenerator generator) {
    return new JsonFeedWriter(generator, settings);
  }

  // ------------------------------------------------------------------ board documents

  /**
   * The subscription document of a board: the newest {@code query.limit()} entries matching the
   * query's criteria (its offset is ignored), and at least every entry of the month that is still
   * open (so that with the archives nothing is left out), with a {@code prev-archive} link to the
   * newest archive.
   */
  public FeedDocument subscription(StatusBoard board, IncidentQuery query) {
    List<Entry> all = entries(board, query);
    ZoneId zone = settings.zone();
    YearMonth open = openMonth();
    List<Entry> chosen = new ArrayList<>();
    @Nullable YearMonth newestArchive = null;
    for (Entry entry : all) {
      boolean archived = entry.month(zone).isBefore(open);
      if (archived && newestArchive == null) {
        newestArchive = entry.month(zone);
      }
      if (chosen.size() < query.limit() || !archived) {
        chosen.add(entry);
      } else {
        break;
      }
    }
    FeedHead head =
        new FeedHead(
            subscriptionUrl(),
            updated(board, chosen),
            null,
            newestArchive == null ? null : archiveUrl(newestArchive),
            null,
            false);
    return new FeedDocument(this, head, ImmutableList.copyOf(chosen));
  }

  /**
   * The months that have an archive document, newest first: every month before the open one in
   * which an entry matching the query was published.
   */
  public ImmutableList<YearMonth> archiveMonths(StatusBoard board, IncidentQuery query) {
    YearMonth open = openMonth();
    return entries(board, query).stream()
        .map(entry -> entry.month(settings.zone()))
        .filter(month -> month.isBefore(open))
        .distinct()
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The archive document of one month: every entry published in it matching the query's criteria,
   * with {@code fh:archive}, {@code current}, {@code prev-archive} and {@code next-archive} links.
   *
   * @throws IllegalArgumentException if the month is not before the open month
   */
  public FeedDocument archive(StatusBoard board, IncidentQuery query, YearMonth month) {
    YearMonth open = openMonth();
    if (!month.isBefore(open)) {
      throw new IllegalArgumentException(
          "month " + month + " is not archived yet: the open month is " + open);
    }
    ZoneId zone = settings.zone();
    List<Entry> chosen = new ArrayList<>();
    @Nullable YearMonth older = null;
    @Nullable YearMonth newer = null;
    for (Entry entry : entries(board, query)) {
      YearMonth m = entry.month(zone);
      if (m.equals(month)) {
        chosen.add(entry);
      } else if (m.isAfter(month) && m.isBefore(open)) {
        newer = m;
      } else if (m.isBefore(month) && older == null) {
        older = m;
      }
    }
    FeedHead head =
        new FeedHead(
            archiveUrl(month),
            updated(board, chosen),
            subscriptionUrl(),
            older == null ? null : archiveUrl(older),
            newer == null ? null : archiveUrl(newer),
            true);
    return new FeedDocument(this, head, ImmutableList.copyOf(chosen));
  }

  private YearMonth openMonth() {
    return YearMonth.from(settings.clock().instant().atZone(settings.zone()));
  }

  private static Instant updated(StatusBoard board, List<Entry> entries) {
    Instant latest = null;
    for (Entry entry : entries) {
      Instant updated = entry.updated();
      if (latest == null || updated.isAfter(latest)) {
        latest = updated;
      }
    }
    return latest != null ? latest : board.updatedAt().orElse(Instant.EPOCH);
  }

  private List<Entry> entries(StatusBoard board, IncidentQuery query) {
    // Internal notes are for staff: no feed carries them.
    Stream<Incident> incidents = board.withoutInternalNotes().stream(query);
    if (granularity == Granularity.INCIDENT) {
      List<Entry> entries = new ArrayList<>();
      incidents.forEach(incident -> entries.add(new Entry(incident, -1)));
      return entries;
    }
    List<Entry> entries = new ArrayList<>();
    incidents.forEach(
        incident -> {
          ImmutableList<IncidentUpdate> updates = incident.updates();
          for (int i = 0; i < updates.size(); i++) {
            entries.add(new Entry(incident, i));
          }
        });
    entries.sort(NEWEST_FIRST);
    return entries;
  }

  void write(FeedHead head, List<Entry> entries, OutputStream out) throws IOException {
    writeEntries(head, entries, () -> entryWriter(out));
  }

  void write(FeedHead head, List<Entry> entries, Writer out) throws IOException {
    writeEntries(head, entries, () -> entryWriter(out));
  }
}
