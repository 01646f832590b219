package io.statuskit.examples.check;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of one {@code check} run, printed as an aligned table or as JSON ({@code
 * [{"server", "probe", "outcome", "latencyMillis", "error": {"kind", "message"}}]}), and the exit
 * code: 0 when every probe found its server up, 1 otherwise. Immutable and thread-safe.
 *
 * @param rows one per probe, in configuration order
 */
public record CheckReport(ImmutableList<CheckRow> rows) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the rows are present. */
  public CheckReport {
    requireNonNull(rows, "rows");
  }

  /** 0 when every probe found its server up (or there were none), 1 otherwise. */
  public int exitCode() {
    return rows.stream().allMatch(CheckRow::isUp) ? 0 : 1;
  }

  /** The report as JSON. */
  public String json() {
    ArrayNode array = JSON.createArrayNode();
    for (CheckRow row : rows) {
      ObjectNode node = array.addObject();
      node.put("server", row.server());
      node.put("probe", row.probe());
      node.put("outcome", row.outcome());
      Duration latency = row.latency();
      if (latency == null) {
        node.putNull("latencyMillis");
      } else {
        node.put("latencyMillis", latency.toMillis());
      }
      if (row.errorKind() == null && row.message() == null) {
        node.putNull("error");
      } else {
        ObjectNode error = node.putObject("error");
        error.put("kind", row.errorKind());
        error.put("message", row.message());
      }
    }
    try {
      return JSON.writeValueAsString(array) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** The report as a plain-text table with a summary line. */
  public String table() {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"SERVER", "PROBE", "OUTCOME", "LATENCY", "DETAIL"});
    for (CheckRow row : rows) {
      Duration latency = row.latency();
      String detail =
          row.errorKind() == null
              ? (row.message() == null ? "" : row.message())
              : row.errorKind() + (row.message() == null ? "" : ": " + row.message());
      lines.add(
          new String[] {
            row.server(),
            row.probe(),
            row.outcome().toUpperCase(Locale.ROOT),
            latency == null ? "-" : latency.toMillis() + " ms",
            oneLine(detail)
          });
    }
    int[] widths = new int[5];
    for (String[] line : lines) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        text.append(line[i]).append(" ".repeat(widths[i] - line[i].length() + 2));
      }
      out.append(text.append(line[4]).toString().stripTrailing()).append('\n');
    }
    long up = rows.stream().filter(CheckRow::isUp).count();
    out.append(up).append(" of ").append(rows.size()).append(rows.size() == 1 ? " probe" : " probes").append(" up\n");
    return out.toString();
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
