package io.statuskit.page.internal;

import io.statuskit.page.PageSettings;

import static java.util.Objects.requireNonNull;

import com.google.common.net.UrlEscapers;
import java.time.YearMonth;

/**
 * The site's paths, relative to its root (no leading slash), and their links on the page
 * (root-relative, under the base URL's path). Pages are directories ({@code servers/NC027/}) so a
 * static export can write them as {@code index.html} files any web server serves. Immutable and
 * thread-safe.
 */
public final class Links {
  private final String basePath;

  /** Links under the base path of {@code settings}. */
  public Links(PageSettings settings) {
    this.basePath = requireNonNull(settings, "settings").basePath();
  }

  /** Every post, newest first, paged: the blog-like history the front page links to. */
  public static final String HISTORY = "history/";

  /** The link for a site path: the base path followed by it. */
  public String href(String sitePath) {
    return basePath + sitePath;
  }

  /** The page of a server. */
  public static String server(String serverId) {
    return "servers/" + segment(serverId) + "/";
  }

  /** The page of an incident, maintenance or notice. */
  public static String incident(String incidentId) {
    return "incidents/" + segment(incidentId) + "/";
  }

  /** A month's archive, such as {@code archive/2013-10/}. */
  public static String archive(YearMonth month) {
    return "archive/" + month + "/";
  }

  /** The posts with a tag. */
  public static String tag(String slug) {
    return "tags/" + segment(slug) + "/";
  }

  /** The posts in a category. */
  public static String category(String slug) {
    return "categories/" + segment(slug) + "/";
  }

  /** The search results for a text. */
  public static String search(String text) {
    return "search?q=" + UrlEscapers.urlFormParameterEscaper().escape(text);
  }

  static String segment(String value) {
    return UrlEscapers.urlPathSegmentEscaper().escape(value);
  }
}
