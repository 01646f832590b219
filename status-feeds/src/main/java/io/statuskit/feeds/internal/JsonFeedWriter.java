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
 */
public final class JsonFeedWriter implements EntryWriter {
  private final JsonGenerator json;
  private final FeedSettings settings;
  private final String tagPrefix;
  private final StringBuilder scratch = new StringBuilder(64);
  private final StringBuilder html = new StringBuilder(1024);
  private final Html.StringOut htmlOut = new Html.StringOut(html);

  /** A writer of one document into {@code json}, which the caller closes. */
  public JsonFeedWriter(JsonGenerator json, FeedSettings settings) {
    this.json = json;
    this.settings = settings;
    this.tagPrefix = settings.tagPrefix();
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
      json.writeStringField("id", tagPrefix + "incident:" + incident.id());
      String link = settings.incidentUrl(incident.id());
      if (link != null) {
        json.writeStringField("url", link);
      }
      json.writeStringField("title", Text.clean(incident.title()));
      html.setLength(0);
      Html.incident(incident, htmlOut, scratch);
      json.writeStringField("content_html", Text.clean(html.toString()));
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
      json.writeStringField("id", tagPrefix + "incident:" + incident.id() + ":update:" + update.id());
      String link = settings.incidentUrl(incident.id());
      if (link != null) {
        json.writeStringField("url", link + "#" + update.id());
      }
      json.writeStringField("title", Text.clean(EntryWriter.updateTitle(incident, index)));
      json.writeStringField(
          update.body().isHtml() ? "content_html" : "content_text", Text.clean(update.body().text()));
      dates(update.time(), update.time());
      tags(incident);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void dates(OffsetDateTime published, OffsetDateTime modified) throws IOException {
    scratch.setLength(0);
    json.writeStringField("date_published", Dates.rfc3339(published, scratch).toString());
    scratch.setLength(0);
    json.writeStringField("date_modified", Dates.rfc3339(modified, scratch).toString());
  }

  private void tags(Incident incident) throws IOException {
    if (incident.tags().isEmpty() && incident.categories().isEmpty()) {
      return;
    }
    json.writeArrayFieldStart("tags");
    for (Tag tag : incident.tags()) {
      json.writeString(Text.clean(tag.label()));
    }
    for (Category category : incident.categories()) {
      json.writeString(Text.clean(category.label()));
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
