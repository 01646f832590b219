package io.statuskit.history;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * An uptime report: a figure per server and one for all of them (time-weighted), over one window,
 * under one rule, which is printed with every figure. Writes itself as JSON or CSV.
 *
 * @param window the window
 * @param rule the policy's rule
 * @param servers one figure per server, in the order asked
 * @param total the figure of all of them together (the group's)
 */
public record UptimeReport(UptimeWindow window, String rule, ImmutableList<UptimeFigure> servers, UptimeFigure total) {
  /** Checks the parts. */
  public UptimeReport {
    requireNonNull(window, "window");
    requireNonNull(rule, "rule");
    requireNonNull(servers, "servers");
    requireNonNull(total, "total");
  }

  /**
   * The report as JSON: {@code {"window":{...},"rule":"...","total":{...},"servers":[{...}]}}, each
   * figure with {@code uptime_percent} (null when nothing counted), its seconds and its rule.
   */
  public void writeJson(Appendable out) throws IOException {
    out.append("{\"window\":{\"label\":").append(quote(window.label()))
        .append(",\"from\":").append(quote(window.from().toString()))
        .append(",\"to\":").append(quote(window.to().toString())).append("},");
    out.append("\"rule\":").append(quote(rule)).append(",\"total\":");
    figureJson(out, total);
    out.append(",\"servers\":[");
    for (int i = 0; i < servers.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      figureJson(out, servers.get(i));
    }
    out.append("]}");
  }

  private static void figureJson(Appendable out, UptimeFigure f) throws IOException {
    OptionalDouble percent = f.percent();
    out.append("{\"subject\":").append(quote(f.subject()))
        .append(",\"uptime_percent\":").append(percent.isPresent() ? number(percent.getAsDouble()) : "null")
        .append(",\"counted_seconds\":").append(number(f.countedSeconds()))
        .append(",\"down_seconds\":").append(number(f.downSeconds()))
        .append(",\"maintenance_seconds\":").append(number(f.maintenanceSeconds()))
        .append(",\"no_data_seconds\":").append(number(f.noDataSeconds()))
        .append(",\"from_rollups_seconds\":").append(number(f.fromRollupsSeconds()))
        .append(",\"rule\":").append(quote(f.rule())).append('}');
  }

  /** The CSV header line of {@link #writeCsv}. */
  public static final String CSV_HEADER =
      "subject,window,from,to,uptime_percent,counted_seconds,down_seconds,maintenance_seconds,no_data_seconds,from_rollups_seconds,rule";

  /** The report as CSV (RFC 4180, CRLF): a header, a row per server, then the total; the rule in every row. */
  public void writeCsv(Appendable out) throws IOException {
    out.append(CSV_HEADER).append("\r\n");
    for (UptimeFigure f : servers) {
      row(out, f);
    }
    row(out, total);
  }

  private void row(Appendable out, UptimeFigure f) throws IOException {
    OptionalDouble percent = f.percent();
    out.append(csv(f.subject())).append(',').append(csv(window.label())).append(',')
        .append(window.from().toString()).append(',').append(window.to().toString()).append(',')
        .append(percent.isPresent() ? number(percent.getAsDouble()) : "").append(',')
        .append(number(f.countedSeconds())).append(',').append(number(f.downSeconds())).append(',')
        .append(number(f.maintenanceSeconds())).append(',').append(number(f.noDataSeconds())).append(',')
        .append(number(f.fromRollupsSeconds())).append(',').append(csv(f.rule())).append("\r\n");
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    // six decimals, without trailing zeros (nor a trailing point: 14400.0000001 is "14400")
    return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String csv(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
