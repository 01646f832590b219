package io.statuskit.feeds.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON Feed 1.1 through Jackson's streaming generator: {@code content_text} for plain text,
 * {@code content_html} only where HTML is meant, RFC 3339 dates, tags from tags and categories,
 * and the RFC 5005 links in a {@code _rfc5005} extension ({@code next_url} points to older
 * entries). Not thread-safe.
 *
 * <p>Per entry it makes no strings of its own: ids, links, dates and the rendered HTML are built
 * in reusable builders and handed to Jackson as characters through one reusable array, cleaned
 * on the way ({@link Text#clean(CharSequence, char[])}).
 */
public final class JsonFeedWriter implements EntryWriter {
  private final JsonGenerator json;
  private final FeedSettings settings;
  private final String tagPrefix;
  private final StringBuilder scratch = new StringBuilder(64);
  private final StringBuilder html = new StringBuilder(1024);
  private final Html.StringOut htmlOut = new Html.StringOut(html);
  private final @Nullable String urlTemplate;
  private char[] chars = new char[1024];

  /** A writer of one document into {@code json}, which the caller closes. */
  public JsonFeedWriter(JsonGenerator json, FeedSettings settings) {
    this.json = json;
    this.settings = settings;
    this.tagPrefix = settings.tagPrefix();
    this.urlTemplate = settings.incidentUrlTemplate();
  }

  /** Writes {@code s} as a JSON string, without the characters {@link Text#clean} drops. */
  private void writeClean(CharSequence s) throws IOException {
    if (chars.length < s.length()) {
      chars = new char[Math.max(s.length(), chars.length * 2)];
    }
    json.writeString(chars, 0, Text.clean(s, chars));
  }

  /** Writes the field {@code name} with {@code value}, cleaned, as a JSON string. */
  private void writeCleanField(String name, CharSequence value) throws IOException {
    json.writeFieldName(name);
    writeClean(value);
  }

  /**
   * Appends the permalink of an incident to {@code out} as {@link FeedSettings#incidentUrl} makes
   * it; false (and nothing appended) when incidents have no page.
   */
  private boolean appendUrl(String incidentId, StringBuilder out) {
    String template = urlTemplate;
    if (template == null) {
      return false;
    }
    int from = 0;
    for (int at = template.indexOf("{id}"); at >= 0; at = template.indexOf("{id}", from)) {
      out.append(template, from, at).append(incidentId);
      from = at + 4;
    }
    out.append(template, from, template.length());
    return true;
  }

  @Override
  public void begin(FeedHead head) {
    try {
      json.writeStartObject();
      json.writeStringField("version", "https://jsonfeed.org/version/1.1");
      json.writeStringField("title", Text.clean(settings.title()));
      json.writeStringField("home_page_url", settings.siteUrl().toString());
      json.writeStringField("feed_url", head.self().toString());
      json.writeStringField("description", Text.clean(settings.description()));
      json.writeStringField("language", settings.language());
      URI older = head.prevArchive();
      if (older != null) {
        json.writeStringField("next_url", older.toString());
      }
      json.writeArrayFieldStart("authors");
      json.writeStartObject();
      json.writeStringField("name", Text.clean(settings.authorName()));
      json.writeStringField("url", settings.siteUrl().toString());
      json.writeEndObject();
      json.writeEndArray();
      json.writeObjectFieldStart("_rfc5005");
      json.writeStringField("about", "https://www.rfc-editor.org/rfc/rfc5005");
      json.writeBooleanField("archive", head.archive());
      url("current", head.current());
      url("prev_archive", head.prevArchive());
      url("next_archive", head.nextArchive());
      scratch.setLength(0);
      json.writeStringField("updated", Dates.rfc3339(head.updated(), scratch).toString());
      json.writeEndObject();
      json.writeArrayFieldStart("items");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void url(String field, @Nullable URI url) throws IOException {
    if (url != null) {
      json.writeStringField(field, url.toString());
    }
  }

  @Override
  public void incident(Incident incident) {
    try {
      json.writeStartObject();
      scratch.setLength(0);
      writeCleanField("id", scratch.append(tagPrefix).append("incident:").append(incident.id()));
      scratch.setLength(0);
      if (appendUrl(incident.id(), scratch)) {
        writeCleanField("url", scratch);
      }
      writeCleanField("title", incident.title());
      html.setLength(0);
      Html.incident(incident, htmlOut, scratch);
      writeCleanField("content_html", html);
      dates(incident.createdAt(), incident.updatedAt());
      tags(incident);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void update(Incident incident, int index) {
    IncidentUpdate update = incident.updates().get(index);
    try {
      json.writeStartObject();
      scratch.setLength(0);
      scratch.append(tagPrefix).append("incident:").append(incident.id()).append(":update:").append(update.id());
      writeCleanField("id", scratch);
      scratch.setLength(0);
      if (appendUrl(incident.id(), scratch)) {
        writeCleanField("url", scratch.append('#').append(update.id()));
      }
      String own = update.title();
      if (own != null || index == 0) {
        writeCleanField("title", own != null ? own : incident.title());
      } else {
        scratch.setLength(0);
        scratch.append(incident.title()).append(EntryWriter.TITLE_SEPARATOR).append(Html.label(update));
        writeCleanField("title", scratch);
      }
      writeCleanField(update.body().isHtml() ? "content_html" : "content_text", update.body().text());
      dates(update.time(), update.time());
      tags(incident);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void dates(OffsetDateTime published, OffsetDateTime modified) throws IOException {
    scratch.setLength(0);
    writeCleanField("date_published", Dates.rfc3339(published, scratch));
    scratch.setLength(0);
    writeCleanField("date_modified", Dates.rfc3339(modified, scratch));
  }

  private void tags(Incident incident) throws IOException {
    if (incident.tags().isEmpty() && incident.categories().isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("tags");
    for (Tag tag : incident.tags()) {
      writeClean(tag.label());
    }
    for (Category category : incident.categories()) {
      writeClean(category.label());
    }
    json.writeEndArray();
  }

  @Override
  public void end() {
    try {
      json.writeEndArray();
      json.writeEndObject();
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
