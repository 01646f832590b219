package io.statuskit.feeds.internal;

import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.feeds.FeedHead;
import io.statuskit.feeds.FeedSettings;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** What the RSS and Atom writers share: the sink, settings, scratch buffers and ids. */
abstract class XmlFeedWriter implements EntryWriter {
  static final String FH = "http://purl.org/syndication/history/1.0";

  final Sink out;
  final FeedSettings settings;
  final String tagPrefix;
  final String feedPath;
  final StringBuilder scratch = new StringBuilder(64);
  final Html.XmlOut html;
  final String tagScheme;
  final String categoryScheme;

  XmlFeedWriter(Sink out, FeedSettings settings, String feedPath) {
    this.out = out;
    this.settings = settings;
    this.tagPrefix = settings.tagPrefix();
    this.feedPath = feedPath;
    this.html = new Html.XmlOut(out);
    this.tagScheme = settings.tagScheme().toString();
    this.categoryScheme = settings.categoryScheme().toString();
  }

  /** Writes the id of an incident: {@code tag:authority,date:incident:ID}. */
  final void incidentId(Incident incident) {
    out.raw(tagPrefix).raw("incident:").raw(incident.id());
  }

  /** Writes the id of an update: {@code tag:authority,date:incident:ID:update:UID}. */
  final void updateId(Incident incident, IncidentUpdate update) {
    incidentId(incident);
    out.raw(":update:").raw(update.id());
  }

  /** Writes the feed's id, shared by its subscription and archive documents. */
  /** Writes the feed's id: the scope is in it, so every scoped feed has its own. */
  final void feedId() {
    out.raw(tagPrefix).raw("feed:");
    if (!settings.scope().isEmpty()) {
      out.text(settings.scope()).raw('/');
    }
    out.raw(feedPath);
  }

  /** Writes a link (permalink) of an entry, or nothing when there is none. */
  final @Nullable String permalink(Incident incident) {
    return settings.incidentUrl(incident.id());
  }

  /**
   * Writes the title of a per-update entry as {@link EntryWriter#updateTitle} makes it, without
   * building the string: the update's own title, else the incident's (and its label after the
   * first update).
   */
  final void updateTitle(Incident incident, int index) {
    String own = incident.updates().get(index).title();
    if (own != null) {
      out.text(own);
      return;
    }
    out.text(incident.title());
    if (index > 0) {
      out.text(EntryWriter.TITLE_SEPARATOR).text(Html.label(incident.updates().get(index)));
    }
  }

  final void urlAttr(URI uri) {
    out.attr(uri.toString());
  }

  @Override
  public void end() {
    out.flush();
  }

  static void archiveLinks(XmlFeedWriter w, FeedHead head, String prefix, String type) {
    link(w, prefix, "current", type, head.current());
    link(w, prefix, "prev-archive", type, head.prevArchive());
    link(w, prefix, "next-archive", type, head.nextArchive());
    if (head.archive()) {
      w.out.raw("<fh:archive/>\n");
    }
  }

  static void link(XmlFeedWriter w, String prefix, String rel, String type, @Nullable URI href) {
    if (href == null) {
      return;
    }
    w.out.raw('<').raw(prefix).raw("link rel=\"").raw(rel).raw("\" type=\"").raw(type).raw("\" href=\"");
    w.urlAttr(href);
    w.out.raw("\"/>\n");
  }
}
