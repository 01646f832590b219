package io.statuskit.feeds.internal;

import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import io.statuskit.feeds.FeedFormat;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedSettings;
import java.time.ZoneOffset;

/**
 * Writes RSS 2.0: RFC 822 dates, {@code guid isPermaLink="false"} holding the entry's {@code tag:}
 * id, {@code atom:link rel="self"}, descriptions as escaped HTML. Not thread-safe.
 */
public final class RssWriter extends XmlFeedWriter {
  private static final String TYPE = FeedFormat.RSS.mediaType();

  /** A writer of one document into {@code out}. */
  public RssWriter(Sink out, FeedSettings settings, String feedPath) {
    super(out, settings, feedPath);
  }

  @Override
  public void begin(FeedHead head) {
    out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:fh=\"")
        .raw(FH)
        .raw("\">\n<channel>\n<title>")
        .text(settings.title())
        .raw("</title>\n<link>")
        .text(settings.siteUrl().toString())
        .raw("</link>\n<description>")
        .text(settings.description())
        .raw("</description>\n<language>")
        .raw(settings.language())
        .raw("</language>\n<lastBuildDate>");
    scratch.setLength(0);
    out.raw(Dates.rfc822(head.updated().atOffset(ZoneOffset.UTC), scratch))
        .raw("</lastBuildDate>\n<generator>StatusKit</generator>\n");
    String email = settings.authorEmail();
    if (email != null) {
      out.raw("<managingEditor>")
          .text(email)
          .raw(" (")
          .text(settings.authorName())
          .raw(")</managingEditor>\n");
    }
    link(this, "atom:", "self", TYPE, head.self());
    archiveLinks(this, head, "atom:", TYPE);
  }

  @Override
  public void incident(Incident incident) {
    out.raw("<item>\n<title>").text(incident.title()).raw("</title>\n");
    String link = permalink(incident);
    if (link != null) {
      out.raw("<link>").text(link).raw("</link>\n");
    }
    out.raw("<description>");
    Html.incident(incident, html, scratch);
    out.raw("</description>\n");
    categories(incident);
    out.raw("<guid isPermaLink=\"false\">");
    incidentId(incident);
    out.raw("</guid>\n<pubDate>");
    scratch.setLength(0);
    out.raw(Dates.rfc822(incident.createdAt(), scratch)).raw("</pubDate>\n</item>\n");
  }

  @Override
  public void update(Incident incident, int index) {
    IncidentUpdate update = incident.updates().get(index);
    out.raw("<item>\n<title>");
    updateTitle(incident, index);
    out.raw("</title>\n");
    String link = permalink(incident);
    if (link != null) {
      out.raw("<link>").text(link).raw("#").raw(update.id()).raw("</link>\n");
    }
    out.raw("<description>");
    Html.body(update.body(), html);
    out.raw("</description>\n");
    categories(incident);
    out.raw("<guid isPermaLink=\"false\">");
    updateId(incident, update);
    out.raw("</guid>\n<pubDate>");
    scratch.setLength(0);
    out.raw(Dates.rfc822(update.time(), scratch)).raw("</pubDate>\n</item>\n");
  }

  private void categories(Incident incident) {
    for (Tag tag : incident.tags()) {
      out.raw("<category domain=\"").attr(tagScheme).raw("\">").text(tag.label()).raw("</category>\n");
    }
    for (Category category : incident.categories()) {
      out.raw("<category domain=\"")
          .attr(categoryScheme)
          .raw("\">")
          .text(category.label())
          .raw("</category>\n");
    }
  }

  @Override
  public void end() {
    out.raw("</channel>\n</rss>\n");
    super.end();
  }
}
