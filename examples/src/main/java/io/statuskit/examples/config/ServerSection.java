package io.statuskit.examples.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import io.statuskit.examples.server.ServerSettings;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code server} section of the configuration into {@link ServerSettings}: every field
 * optional, each missing one keeping its default. Problems are added to a list with their paths.
 * Thread-safe (stateless).
 */
final class ServerSection {
  private static final ImmutableList<String> FIELDS =
      ImmutableList.of(
          "maxRequestHeaderBytes", "maxRequestLineBytes", "maxBodyBytes", "headerTimeout", "idleTimeout",
          "maxConnectionsPerAddress", "maxConnections", "maxThreads", "shutdownTimeout", "accessLog",
          "trustedAudienceHeader");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private ServerSection() {}

  static ServerSettings read(JsonNode section, List<String> problems) {
    ServerSettings defaults = ServerSettings.defaults();
    if (section.isMissingNode()) {
      return defaults;
    }
    if (!section.isObject()) {
      problems.add("server: must be a mapping of limits (known: " + String.join(", ", FIELDS) + ")");
      return defaults;
    }
    for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        problems.add("server." + field + ": unknown field (known: " + String.join(", ", FIELDS) + ")");
      }
    }
    int before = problems.size();
    int headerBytes = integer(section, "maxRequestHeaderBytes", defaults.maxRequestHeaderBytes(), problems);
    int lineBytes = integer(section, "maxRequestLineBytes", defaults.maxRequestLineBytes(), problems);
    int bodyBytes = integer(section, "maxBodyBytes", defaults.maxBodyBytes(), problems);
    Duration headerTimeout = duration(section, "headerTimeout", defaults.headerTimeout(), problems);
    Duration idleTimeout = duration(section, "idleTimeout", defaults.idleTimeout(), problems);
    int perAddress = integer(section, "maxConnectionsPerAddress", defaults.maxConnectionsPerAddress(), problems);
    int connections = integer(section, "maxConnections", defaults.maxConnections(), problems);
    int threads = integer(section, "maxThreads", defaults.maxThreads(), problems);
    Duration shutdown = duration(section, "shutdownTimeout", defaults.shutdownTimeout(), problems);
    boolean accessLog = defaults.accessLog();
    JsonNode log = section.path("accessLog");
    if (!log.isMissingNode()) {
      if (log.isBoolean()) {
        accessLog = log.asBoolean();
      } else {
        problems.add("server.accessLog: must be true or false: " + log);
      }
    }
    String audienceHeader = null;
    JsonNode header = section.path("trustedAudienceHeader");
    if (!header.isMissingNode()) {
      if (header.isTextual()) {
        audienceHeader = header.asText();
      } else {
        problems.add("server.trustedAudienceHeader: must be a header name: " + header);
      }
    }
    if (problems.size() > before) {
      return defaults;
    }
    try {
      return new ServerSettings(
          headerBytes, lineBytes, bodyBytes, headerTimeout, idleTimeout, perAddress, connections, threads, shutdown, accessLog,
          audienceHeader);
    } catch (IllegalArgumentException e) {
      problems.add(String.valueOf(e.getMessage()));
      return defaults;
    }
  }

  private static int integer(JsonNode section, String field, int fallback, List<String> problems) {
    JsonNode node = section.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      problems.add("server." + field + ": must be a whole number: " + node);
      return fallback;
    }
    return node.asInt();
  }

  private static Duration duration(JsonNode section, String field, Duration fallback, List<String> problems) {
    JsonNode node = section.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    Duration parsed = node.isTextual() ? parse(node.asText()) : null;
    if (parsed == null) {
      problems.add("server." + field + ": must be a duration such as 500ms, 10s or 2m: " + node);
      return fallback;
    }
    return parsed;
  }

  private static @Nullable Duration parse(String text) {
    Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      default:
        return Duration.ofMinutes(amount);
    }
  }
}
