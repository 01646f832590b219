package io.statuskit.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.google.common.html.HtmlEscapers;
import io.statuskit.core.Category;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The peers the feed benchmarks compare StatusKit with, fed the same incidents and producing the
 * same entries (titles, links, ids, dates, categories, content): ROME's {@code SyndFeed} model
 * for RSS 2.0 and Atom 1.0, and plain Java objects written by Jackson databind for JSON Feed.
 * Each peer does the whole job a user would: board objects in, its own model, then bytes out.
 * Stateless and thread-safe.
 */
final class FeedPeers {
  static final String SITE = "https://status.example.net/";
  static final String TAG_PREFIX = "tag:status.example.net,2015-01-01:";
  static final String TAG_SCHEME = SITE + "tag/";
  static final String CATEGORY_SCHEME = SITE + "category/";
  static final String TITLE = "Bench Status";

  private FeedPeers() {}

  static String entryTitle(Incident incident, int index) {
    return index == 0
        ? incident.title()
        : incident.title() + " \u2014 " + incident.updates().get(index).state().label();
  }

  static String link(Incident incident, IncidentUpdate update) {
    return SITE + "incidents/" + incident.id() + "#" + update.id();
  }

  static String id(Incident incident, IncidentUpdate update) {
    return TAG_PREFIX + "incident:" + incident.id() + ":update:" + update.id();
  }

  /** The update's body as HTML: plain text escaped into a paragraph, HTML as it is. */
  static String html(IncidentUpdate update) {
    return update.body().isHtml()
        ? update.body().text()
        : "<p>" + HtmlEscapers.htmlEscaper().escape(update.body().text()) + "</p>";
  }

  // ---------------------------------------------------------------- ROME

  /** ROME's model of the update feed, for {@code rss_2.0} or {@code atom_1.0}. */
  static SyndFeed rome(Iterator<Incident> incidents, String feedType, Instant updated) {
    boolean atom = feedType.startsWith("atom");
    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType(feedType);
    feed.setTitle(TITLE);
    feed.setLink(SITE);
    feed.setDescription(TITLE);
    feed.setLanguage("en");
    feed.setUri(TAG_PREFIX + "feed:updates");
    feed.setPublishedDate(Date.from(updated));
    feed.setGenerator("ROME");
    SyndPerson author = new SyndPersonImpl();
    author.setName(TITLE);
    author.setUri(SITE);
    feed.setAuthors(List.of(author));
    List<SyndEntry> entries = new ArrayList<>();
    while (incidents.hasNext()) {
      Incident incident = incidents.next();
      for (int i = incident.updates().size() - 1; i >= 0; i--) {
        IncidentUpdate update = incident.updates().get(i);
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(entryTitle(incident, i));
        entry.setLink(link(incident, update));
        entry.setUri(id(incident, update));
        Date time = Date.from(update.instant());
        entry.setPublishedDate(time);
        entry.setUpdatedDate(time);
        List<SyndCategory> categories = new ArrayList<>();
        for (Tag tag : incident.tags()) {
          categories.add(category(atom ? tag.slug() : tag.label(), TAG_SCHEME));
        }
        for (Category category : incident.categories()) {
          categories.add(category(atom ? category.slug() : category.label(), CATEGORY_SCHEME));
        }
        entry.setCategories(categories);
        SyndContent content = new SyndContentImpl();
        if (atom) {
          content.setType(update.body().isHtml() ? "html" : "text");
          content.setValue(update.body().text());
          entry.setContents(List.of(content));
        } else {
          content.setType("text/html");
          content.setValue(html(update));
          entry.setDescription(content);
        }
        entries.add(entry);
      }
    }
    feed.setEntries(entries);
    return feed;
  }

  private static SyndCategory category(String name, String scheme) {
    SyndCategory category = new SyndCategoryImpl();
    category.setName(name);
    category.setTaxonomyUri(scheme);
    return category;
  }

  // ---------------------------------------------------------------- Jackson

  /** A JSON Feed 1.1 document as plain objects. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record JsonFeed(
      String version,
      String title,
      @JsonProperty("home_page_url") String homePageUrl,
      @JsonProperty("feed_url") String feedUrl,
      String description,
      String language,
      List<Author> authors,
      @JsonProperty("_rfc5005") Archive rfc5005,
      List<Item> items) {}

  /** A JSON Feed author. */
  record Author(String name, String url) {}

  /** The RFC 5005 extension object. */
  record Archive(String about, boolean archive, String updated) {}

  /** A JSON Feed item. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Item(
      String id,
      String url,
      String title,
      @JsonProperty("content_text") @Nullable String contentText,
      @JsonProperty("content_html") @Nullable String contentHtml,
      @JsonProperty("date_published") String datePublished,
      @JsonProperty("date_modified") String dateModified,
      List<String> tags) {}

  /** The update feed as plain objects for Jackson databind. */
  static JsonFeed jsonFeed(Iterator<Incident> incidents, Instant updated) {
    List<Item> items = new ArrayList<>();
    while (incidents.hasNext()) {
      Incident incident = incidents.next();
      for (int i = incident.updates().size() - 1; i >= 0; i--) {
        IncidentUpdate update = incident.updates().get(i);
        List<String> tags = new ArrayList<>();
        incident.tags().forEach(tag -> tags.add(tag.label()));
        incident.categories().forEach(category -> tags.add(category.label()));
        String time = update.instant().toString();
        boolean html = update.body().isHtml();
        items.add(new Item(
            id(incident, update),
            link(incident, update),
            entryTitle(incident, i),
            html ? null : update.body().text(),
            html ? update.body().text() : null,
            time,
            time,
            tags));
      }
    }
    return new JsonFeed(
        "https://jsonfeed.org/version/1.1",
        TITLE,
        SITE,
        SITE + "feeds/updates.json",
        TITLE,
        "en",
        List.of(new Author(TITLE, SITE)),
        new Archive("https://www.rfc-editor.org/rfc/rfc5005", false, updated.toString()),
        items);
  }

  static final ObjectMapper MAPPER = new ObjectMapper();
}
