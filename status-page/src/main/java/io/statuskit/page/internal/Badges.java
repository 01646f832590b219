package io.statuskit.page.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.escape.Escaper;
import com.google.common.xml.XmlEscapers;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.page.PageSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SVG badges in the flat style Gatus, Uptime Kuma and shields.io users know, for one server
 * ({@code badges/servers/NC027/status.svg}) or a group of servers ({@code
 * badges/groups/mail/uptime-30d.svg}): the current status, or the uptime over 24 h, 7 d, 30 d or
 * 90 d. A group's status is the worst of its servers'; its uptime theirs weighted by each server's
 * counted time. Uptime follows the page's {@link PageSettings#noData()} rule, as the pages do
 * ({@link UptimeShare}): time without data is left out, or counted as down. Thread-safe.
 */
final class Badges {
  static final String CONTENT_TYPE = "image/svg+xml; charset=utf-8";
  private static final ImmutableList<String> WINDOWS = ImmutableList.of("24h", "7d", "30d", "90d");
  private static final Escaper XML = XmlEscapers.xmlAttributeEscaper();

  private final Clock clock;
  private final boolean showInternal;
  private final PageSettings.NoData noData;

  Badges(Clock clock, boolean showInternal, PageSettings.NoData noData) {
    this.clock = requireNonNull(clock, "clock");
    this.showInternal = showInternal;
    this.noData = requireNonNull(noData, "noData");
  }

  private boolean shown(ServerStatus server) {
    return showInternal || server.server().isPublic();
  }

  /** The badge at a site path under {@code badges/}, if there is one. */
  Optional<Document> get(StatusBoard board, String path) {
    String[] parts = path.split("/", -1);
    if (parts.length != 4 || !parts[0].equals("badges") || !parts[3].endsWith(".svg")) {
      return Optional.empty();
    }
    String name = parts[3].substring(0, parts[3].length() - ".svg".length());
    List<ServerStatus> servers = new ArrayList<>();
    Instant now = clock.instant();
    String label;
    if (parts[1].equals("servers")) {
      // as of now: a server whose monitor fell silent is "no data" (ServerStatus.asOf)
      board.serverStatus(parts[2]).filter(this::shown).map(server -> server.asOf(now)).ifPresent(servers::add);
      label = parts[2];
    } else if (parts[1].equals("groups")) {
      for (ServerStatus server : board.servers()) {
        String group = server.server().group();
        if (group != null && slug(group).equals(parts[2]) && shown(server)) {
          servers.add(server.asOf(now));
        }
      }
      label = servers.isEmpty() ? parts[2] : requireNonNull(servers.get(0).server().group());
    } else {
      return Optional.empty();
    }
    if (servers.isEmpty()) {
      return Optional.empty();
    }
    if (name.equals("status")) {
      Status worst = servers.get(0).status();
      for (ServerStatus server : servers) {
        worst = worst.worst(server.status());
      }
      return Optional.of(svg(label, worst.label().toLowerCase(Locale.ROOT), color(worst)));
    }
    if (name.startsWith("uptime-") && WINDOWS.contains(name.substring("uptime-".length()))) {
      String window = name.substring("uptime-".length());
      Instant from = now.minus(duration(window));
      // weighted by each server's counted time, by the page's rule for time without data
      UptimeShare share = UptimeShare.NONE;
      for (ServerStatus server : servers) {
        share = share.plus(UptimeShare.of(server.timeline(), server.addedAt(), from, now, noData));
      }
      double percent = share.percent();
      if (Double.isNaN(percent)) {
        return Optional.of(svg(label + " " + window, "no data", "#9f9f9f"));
      }
      return Optional.of(svg(label + " " + window, String.format(Locale.ROOT, "%.2f%%", percent), color(percent)));
    }
    return Optional.empty();
  }

  /** Every badge path of the board. */
  ImmutableList<String> paths(StatusBoard board) {
    ImmutableList.Builder<String> paths = ImmutableList.builder();
    List<String> groups = new ArrayList<>();
    for (ServerStatus server : board.servers()) {
      if (!shown(server)) {
        continue;
      }
      add(paths, "badges/servers/" + Links.segment(server.server().id()) + "/");
      String group = server.server().group();
      if (group != null && !groups.contains(slug(group))) {
        groups.add(slug(group));
      }
    }
    for (String group : groups) {
      add(paths, "badges/groups/" + group + "/");
    }
    return paths.build();
  }

  private static void add(ImmutableList.Builder<String> paths, String prefix) {
    paths.add(prefix + "status.svg");
    for (String window : WINDOWS) {
      paths.add(prefix + "uptime-" + window + ".svg");
    }
  }

  /** A group's name as a path segment: {@code "Mail servers"} is {@code mail-servers}. */
  static String slug(String group) {
    String slug = group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return slug.isEmpty() ? "group" : slug;
  }

  private static Duration duration(String window) {
    switch (window) {
      case "24h":
        return Duration.ofHours(24);
      case "7d":
        return Duration.ofDays(7);
      case "30d":
        return Duration.ofDays(30);
      default:
        return Duration.ofDays(90);
    }
  }

  private static String color(Status status) {
    switch (status) {
      case OPERATIONAL:
        return "#4c1";
      case UNDER_MAINTENANCE:
        return "#007ec6";
      case DEGRADED_PERFORMANCE:
        return "#dfb317";
      case PARTIAL_OUTAGE:
        return "#fe7d37";
      case MAJOR_OUTAGE:
        return "#e05d44";
      default:
        return "#9f9f9f";
    }
  }

  private static String color(double percent) {
    return percent >= 99.9 ? "#4c1" : percent >= 99 ? "#97ca00" : percent >= 95 ? "#dfb317" : "#e05d44";
  }

  /** A two-part flat badge; widths from an average glyph width of 11 px Verdana. */
  private static Document svg(String label, String value, String color) {
    int left = width(label);
    int right = width(value);
    int total = left + right;
    String title = XML.escape(label + ": " + value);
    String svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\" aria-label=\"" + title + "\">"
            + "<title>" + title + "</title>"
            + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
            + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
            + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
            + "<g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
            + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + color + "\"/>"
            + "<rect width=\"" + total + "\" height=\"20\" fill=\"url(#s)\"/></g>"
            + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
            + text(left / 2.0, label)
            + text(left + right / 2.0, value)
            + "</g></svg>\n";
    return Document.asset(CONTENT_TYPE, svg.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String text(double x, String text) {
    String escaped = XML.escape(text);
    String at = String.format(Locale.ROOT, "%.1f", x);
    return "<text x=\"" + at + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + escaped + "</text>"
        + "<text x=\"" + at + "\" y=\"14\">" + escaped + "</text>";
  }

  private static int width(String text) {
    return 10 + (int) Math.round(text.length() * 7.0);
  }
}
