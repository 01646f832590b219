package io.statuskit.feeds.internal;

import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import io.statuskit.feeds.FeedFormat;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedSettings;

/**
 * Writes Atom 1.0 (RFC 4287): {@code tag:} ids, RFC 3339 dates, a feed-level author, categories
 * with scheme and label, text content as {@code type="text"} and HTML as {@code type="html"}. Not
 * thread-safe.
 */
public final class AtomWriter extends XmlFeedWriter {
  private static final String TYPE = FeedFormat.ATOM.mediaType();

  /** A writer of one document into {@code out}. */
  public AtomWriter(Sink out, FeedSettings settings, String feedPath) {
    super(out, settings, feedPath);
  }

  @Override
  public void begin(FeedHead head) {
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:fh=\"")
        .raw(FH)
        .raw("\" xml:lang=\"")
        .raw(settings.language())
        .raw("\">\n<id>");
    feedId();
    out.raw("</id>\n<title type=\"text\">")
        .text(settings.title())
        .raw("</title>\n<subtitle type=\"text\">")
        .text(settings.description())
        .raw("</subtitle>\n<updated>");
    scratch.setLength(0);
    out.raw(Dates.rfc3339(head.updated(), scratch)).raw("</updated>\n<author><name>").text(settings.authorName());
    out.raw("</name><uri>").text(settings.siteUrl().toString()).raw("</uri>");
    String email = settings.authorEmail();
    if (email != null) {
      out.raw("<email>").text(email).raw("</email>");
    }
    out.raw("</author>\n<generator>StatusKit</generator>\n");
    link(this, "", "alternate", "text/html", settings.siteUrl());
    link(this, "", "self", TYPE, head.self());
    archiveLinks(this, head, "", TYPE);
  }

  @Override
  public void incident(Incident incident) {
    out.raw("<entry>\n<id>");
    incidentId(incident);
    out.raw("</id>\n<title type=\"text\">").text(incident.title()).raw("</title>\n");
    dates(incident.createdAt(), incident.updatedAt());
    String link = permalink(incident);
    if (link != null) {
      out.raw("<link rel=\"alternate\" type=\"text/html\" href=\"").attr(link).raw("\"/>\n");
    }
    categories(incident);
    out.raw("<content type=\"html\">");
    Html.incident(incident, html, scratch);
    out.raw("</content>\n</entry>\n");
  }

  @Override
  public void update(Incident incident, int index) {
    IncidentUpdate update = incident.updates().get(index);
    out.raw("<entry>\n<id>");
    updateId(incident, update);
    out.raw("</id>\n<title type=\"text\">");
    updateTitle(incident, index);
    out.raw("</title>\n");
    dates(update.time(), update.time());
    String link = permalink(incident);
    if (link != null) {
      out.raw("<link rel=\"alternate\" type=\"text/html\" href=\"")
          .attr(link)
          .raw("#")
          .raw(update.id())
          .raw("\"/>\n");
    }
    categories(incident);
    if (update.body().isHtml()) {
      out.raw("<content type=\"html\">").htmlRaw(update.body().text());
    } else {
      out.raw("<content type=\"text\">").text(update.body().text());
    }
    out.raw("</content>\n</entry>\n");
  }

  private void dates(java.time.OffsetDateTime published, java.time.OffsetDateTime updated) {
    scratch.setLength(0);
    out.raw("<published>").raw(Dates.rfc3339(published, scratch)).raw("</published>\n<updated>");
    scratch.setLength(0);
    out.raw(Dates.rfc3339(updated, scratch)).raw("</updated>\n");
  }

  private void categories(Incident incident) {
    for (Tag tag : incident.tags()) {
      out.raw("<category term=\"")
          .raw(tag.slug())
          .raw("\" scheme=\"")
          .attr(tagScheme)
          .raw("\" label=\"")
          .attr(tag.label())
          .raw("\"/>\n");
    }
    for (Category category : incident.categories()) {
      out.raw("<category term=\"")
          .raw(category.slug())
          .raw("\" scheme=\"")
          .attr(categoryScheme)
          .raw("\" label=\"")
          .attr(category.label())
          .raw("\"/>\n");
    }
  }

  @Override
  public void end() {
    out.raw("</feed>\n");
    super.end();
  }
}
