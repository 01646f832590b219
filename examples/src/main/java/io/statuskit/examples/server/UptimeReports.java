package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import io.statuskit.history.UptimeReport;
import io.statuskit.history.UptimeReporter;
import io.statuskit.history.UptimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The admin API's {@code GET uptime} route: reads the query, picks the servers and the window,
 * and writes the reporter's report as JSON or CSV. Thread-safe (immutable).
 */
final class UptimeReports {
  private static final Set<String> PARAMETERS = Set.of("server", "group", "month", "quarter", "year", "from", "to", "zone", "format");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

  private final UptimeReporter reporter;
  private final ZoneId zone;

  UptimeReports(UptimeReporter reporter, ZoneId zone) {
    this.reporter = requireNonNull(reporter, "reporter");
    this.zone = requireNonNull(zone, "zone");
  }

  /** A bad parameter: 400 naming it and its value. */
  private static final class BadParameter extends Exception {
    private static final long serialVersionUID = 1L;

    BadParameter(String message) {
      super(message, null, false, false);
    }
  }

  AdminApi.Reply answer(StatusBoard board, @Nullable String query) {
    Map<String, String> params;
    try {
      params = parse(query);
    } catch (BadParameter e) {
      return AdminApi.error(400, "invalid_request", e.getMessage());
    }
    try {
      ZoneId in = zone;
      String zoneText = params.get("zone");
      if (zoneText != null) {
        try {
          in = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
          throw new BadParameter("zone: unknown time zone \"" + zoneText + "\" (use an IANA name such as Europe/Amsterdam, or UTC)");
        }
      }
      UptimeWindow window = window(params, in);
      String format = params.getOrDefault("format", "json");
      if (!format.equals("json") && !format.equals("csv")) {
        throw new BadParameter("format: must be json or csv: \"" + format + "\"");
      }
      String server = params.get("server");
      String group = params.get("group");
      if (server != null && group != null) {
        throw new BadParameter("server, group: give one of them, or neither for every server");
      }
      UptimeReport report;
      if (server != null) {
        if (board.serverStatus(server).isEmpty()) {
          return AdminApi.error(404, "unknown_server", "server: no such server on the board: \"" + server + "\"");
        }
        report = reporter.server(board, server, window);
      } else if (group != null) {
        if (board.servers().stream().noneMatch(s -> group.equals(s.server().group()))) {
          return AdminApi.error(404, "unknown_group", "group: no server on the board is in group \"" + group + "\"");
        }
        report = reporter.group(board, group, window);
      } else {
        List<String> ids = board.servers().stream().map(ServerStatus::server).map(s -> s.id()).toList();
        report = reporter.servers(board, ids, window, "all");
      }
      StringBuilder out = new StringBuilder();
      if (format.equals("csv")) {
        report.writeCsv(out);
      } else {
        report.writeJson(out);
      }
      return new AdminApi.Reply(
          200,
          out.toString().getBytes(StandardCharsets.UTF_8),
          ImmutableMap.of(
              "Content-Type", format.equals("csv") ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8",
              "Cache-Control", "no-store"));
    } catch (BadParameter e) {
      return AdminApi.error(400, "invalid_request", e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static UptimeWindow window(Map<String, String> params, ZoneId zone) throws BadParameter {
    String month = params.get("month");
    String quarter = params.get("quarter");
    String year = params.get("year");
    String from = params.get("from");
    String to = params.get("to");
    int given = (month != null ? 1 : 0) + (quarter != null ? 1 : 0) + (year != null ? 1 : 0) + (from != null || to != null ? 1 : 0);
    if (given != 1) {
      throw new BadParameter("month, quarter, year, from/to: give exactly one window, such as month=2026-11"
          + (given == 0 ? "" : " (" + given + " given)"));
    }
    if (month != null) {
      try {
        return UptimeWindow.month(YearMonth.parse(month), zone);
      } catch (DateTimeParseException e) {
        throw new BadParameter("month: must be a month such as 2026-11: \"" + month + "\"");
      }
    }
    if (quarter != null) {
      Matcher m = QUARTER.matcher(quarter);
      if (!m.matches()) {
        throw new BadParameter("quarter: must be a quarter such as 2026-Q4: \"" + quarter + "\"");
      }
      return UptimeWindow.quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), zone);
    }
    if (year != null) {
      if (!year.matches("\\d{4}")) {
        throw new BadParameter("year: must be a year such as 2026: \"" + year + "\"");
      }
      return UptimeWindow.year(Year.parse(year), zone);
    }
    if (from == null || to == null) {
      throw new BadParameter(from == null ? "from: is required with to" : "to: is required with from");
    }
    Instant start = instant("from", from, zone);
    Instant end = instant("to", to, zone);
    if (!end.isAfter(start)) {
      throw new BadParameter("to: must be after from: \"" + to + "\"");
    }
    return UptimeWindow.between(start, end);
  }

  private static Instant instant(String name, String text, ZoneId zone) throws BadParameter {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(zone).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadParameter(name + ": must be an instant such as 2026-11-01T00:00:00Z or a date such as 2026-11-01: \"" + text + "\"");
    }
  }

  private static Map<String, String> parse(@Nullable String query) throws BadParameter {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadParameter("query: not a valid query string: \"" + pair + "\"");
      }
      if (!PARAMETERS.contains(name)) {
        throw new BadParameter(
            name + ": unknown parameter (known: server, group, month, quarter, year, from, to, zone, format)");
      }
      if (value.isEmpty()) {
        throw new BadParameter(name + ": must have a value");
      }
      if (params.put(name, value) != null) {
        throw new BadParameter(name + ": given more than once");
      }
    }
    return params;
  }
}
