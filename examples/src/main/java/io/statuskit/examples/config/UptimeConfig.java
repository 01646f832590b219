package io.statuskit.examples.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import io.statuskit.core.Recurrence;
import io.statuskit.core.RecurringMaintenance;
import io.statuskit.history.HistorySettings;
import io.statuskit.history.Resolution;
import io.statuskit.history.UptimePolicy;
import io.statuskit.page.PageSettings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Uptime history and its accounting: the file's {@code uptime}, {@code history} and {@code
 * maintenance} sections, or the same built in code with {@link #builder()} (a file and a builder
 * saying the same thing give equal configs).
 *
 * <pre>{@code
 * uptime:                          # what counts as down (UptimePolicy)
 *   partialOutageWeight: 0.3       # 0 to 1; 0.3 as Statuspage, 1 counts it fully, 0 major outage only
 *   degraded: up                   # up (default) or down
 *   maintenance: leftOut           # leftOut (default), countedAsUp or asObserved
 *                                  # no data: page.noData (leftOut or countedDown)
 * history:
 *   enabled: true                  # rollups of every probe result (default when a monitor runs)
 *   directory: history             # relative to the data directory, or absolute
 *   location: local                # the name of this probing location in the series
 *   retention: {minutes: 48h, hours: 90d, days: 1825d}
 * maintenance:                     # recurring maintenance windows
 *   - id: db-patch
 *     title: Database patching
 *     servers: [NC027]
 *     start: 2026-01-06T02:00      # the first occurrence's local start (DTSTART)
 *     zone: Europe/Amsterdam
 *     duration: 1h
 *     rrule: FREQ=WEEKLY;BYDAY=TU
 * }</pre>
 *
 * @param policy what counts as down, maintenance and no data (no data comes from {@code page.noData})
 * @param enabled whether {@code serve} keeps history (rollups) of the monitor's probe results
 * @param directory where the history files are, relative to the data directory unless absolute
 * @param location this node's probing location, the second half of every series' key
 * @param minutes how long minute buckets are kept
 * @param hours how long hour buckets are kept
 * @param days how long day buckets are kept
 * @param maintenance recurring maintenance windows
 */
public record UptimeConfig(
    UptimePolicy policy,
    boolean enabled,
    String directory,
    String location,
    Duration minutes,
    Duration hours,
    Duration days,
    ImmutableList<RecurringMaintenance> maintenance) {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(m|h|d)");
  private static final Set<String> UPTIME_FIELDS = Set.of("partialOutageWeight", "degraded", "maintenance");
  private static final Set<String> HISTORY_FIELDS = Set.of("enabled", "directory", "location", "retention");
  private static final Set<String> RETENTION_FIELDS = Set.of("minutes", "hours", "days");
  private static final Set<String> WINDOW_FIELDS = Set.of("id", "title", "servers", "start", "zone", "duration", "rrule");

  /** Checks the parts. */
  public UptimeConfig {
    requireNonNull(policy, "policy");
    requireNonNull(directory, "directory");
    requireNonNull(location, "location");
    if (directory.isBlank() || location.isBlank()) {
      throw new IllegalArgumentException("history.directory and history.location must not be blank");
    }
    for (Duration d : List.of(minutes, hours, days)) {
      if (d.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("history.retention must be at least a minute: " + d);
      }
    }
    requireNonNull(maintenance, "maintenance");
  }

  /** The defaults: Statuspage's rule, history on in {@code history/}, location {@code local}, no maintenance. */
  public static UptimeConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The recorder's settings: these retentions, the default lateness and compaction interval. */
  public HistorySettings historySettings() {
    return HistorySettings.builder()
        .retention(Resolution.MINUTE, minutes)
        .retention(Resolution.HOUR, hours)
        .retention(Resolution.DAY, days)
        .build();
  }

  /** Builds an {@link UptimeConfig}; not thread-safe. */
  public static final class Builder {
    private UptimePolicy policy = UptimePolicy.ofDefaults();
    private boolean enabled = true;
    private String directory = "history";
    private String location = "local";
    private Duration minutes = Duration.ofHours(48);
    private Duration hours = Duration.ofDays(90);
    private Duration days = Duration.ofDays(5 * 365);
    private final List<RecurringMaintenance> maintenance = new ArrayList<>();

    private Builder() {}

    /** What counts as down (the file's {@code uptime} section with {@code page.noData}). */
    public Builder policy(UptimePolicy uptimePolicy) {
      this.policy = requireNonNull(uptimePolicy, "policy");
      return this;
    }

    /** Whether history is kept ({@code history.enabled}). */
    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /** {@code history.directory}. */
    public Builder directory(String path) {
      this.directory = requireNonNull(path, "directory");
      return this;
    }

    /** {@code history.location}. */
    public Builder location(String name) {
      this.location = requireNonNull(name, "location");
      return this;
    }

    /** {@code history.retention}: minutes, hours, days. */
    public Builder retention(Duration minuteBuckets, Duration hourBuckets, Duration dayBuckets) {
      this.minutes = requireNonNull(minuteBuckets, "minutes");
      this.hours = requireNonNull(hourBuckets, "hours");
      this.days = requireNonNull(dayBuckets, "days");
      return this;
    }

    /** Adds a recurring maintenance window (an entry of {@code maintenance}). */
    public Builder maintenance(RecurringMaintenance window) {
      maintenance.add(requireNonNull(window, "window"));
      return this;
    }

    /** The config. */
    public UptimeConfig build() {
      return new UptimeConfig(policy, enabled, directory, location, minutes, hours, days, ImmutableList.copyOf(maintenance));
    }
  }

  /**
   * Reads the {@code uptime}, {@code history} and {@code maintenance} sections of a file's root,
   * adding a problem (with its key path and value) for each bad entry.
   *
   * @param noData the page's {@code noData} setting, which the policy follows for time without data
   * @param servers the ids of the configured servers, to check maintenance windows against; null
   *     when the file configures none
   */
  static UptimeConfig read(JsonNode root, PageSettings.NoData noData, @Nullable Set<String> servers, List<String> problems) {
    Builder builder = builder();
    UptimePolicy.Builder policy = UptimePolicy.builder()
        .noData(noData == PageSettings.NoData.COUNTED_DOWN ? UptimePolicy.NoData.COUNTED_DOWN : UptimePolicy.NoData.LEFT_OUT);
    JsonNode uptime = root.path("uptime");
    if (!uptime.isMissingNode()) {
      if (!uptime.isObject()) {
        problems.add("uptime: must be a mapping with partialOutageWeight, degraded and maintenance: " + uptime);
      } else {
        unknown(uptime, "uptime", UPTIME_FIELDS, problems);
        JsonNode weight = uptime.path("partialOutageWeight");
        if (!weight.isMissingNode()) {
          if (!weight.isNumber() || weight.asDouble() < 0 || weight.asDouble() > 1) {
            problems.add("uptime.partialOutageWeight: must be a number from 0 to 1: " + weight);
          } else {
            policy.partialOutageWeight(weight.asDouble());
          }
        }
        JsonNode degraded = uptime.path("degraded");
        if (!degraded.isMissingNode()) {
          if (degraded.isTextual() && degraded.asText().equals("up")) {
            policy.degradedCountsAsDown(false);
          } else if (degraded.isTextual() && degraded.asText().equals("down")) {
            policy.degradedCountsAsDown(true);
          } else {
            problems.add("uptime.degraded: must be up or down: " + degraded);
          }
        }
        JsonNode maintenance = uptime.path("maintenance");
        if (!maintenance.isMissingNode()) {
          switch (maintenance.isTextual() ? maintenance.asText() : "") {
            case "leftOut" -> policy.maintenance(UptimePolicy.Maintenance.LEFT_OUT);
            case "countedAsUp" -> policy.maintenance(UptimePolicy.Maintenance.COUNTED_AS_UP);
            case "asObserved" -> policy.maintenance(UptimePolicy.Maintenance.AS_OBSERVED);
            default -> problems.add("uptime.maintenance: must be leftOut, countedAsUp or asObserved: " + maintenance);
          }
        }
      }
    }
    builder.policy(policy.build());
    JsonNode history = root.path("history");
    if (!history.isMissingNode()) {
      if (!history.isObject()) {
        problems.add("history: must be a mapping with enabled, directory, location and retention: " + history);
      } else {
        unknown(history, "history", HISTORY_FIELDS, problems);
        JsonNode enabled = history.path("enabled");
        if (!enabled.isMissingNode()) {
          if (enabled.isBoolean()) {
            builder.enabled(enabled.asBoolean());
          } else {
            problems.add("history.enabled: must be true or false: " + enabled);
          }
        }
        String directory = text(history, "history.directory", "directory", problems);
        if (directory != null) {
          builder.directory(directory);
        }
        String location = text(history, "history.location", "location", problems);
        if (location != null) {
          if (!location.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.add("history.location: must be 1 to 64 letters, digits, '.', '_' or '-': \"" + location + "\"");
          } else {
            builder.location(location);
          }
        }
        JsonNode retention = history.path("retention");
        if (!retention.isMissingNode()) {
          if (!retention.isObject()) {
            problems.add("history.retention: must be a mapping with minutes, hours and days: " + retention);
          } else {
            unknown(retention, "history.retention", RETENTION_FIELDS, problems);
            UptimeConfig defaults = defaults();
            Duration minutes = retention(retention, "minutes", defaults.minutes(), problems);
            Duration hours = retention(retention, "hours", defaults.hours(), problems);
            Duration days = retention(retention, "days", defaults.days(), problems);
            builder.retention(minutes, hours, days);
          }
        }
      }
    }
    JsonNode windows = root.path("maintenance");
    if (!windows.isMissingNode()) {
      if (!windows.isArray()) {
        problems.add("maintenance: must be a list of windows with id, title, servers, start, zone, duration and rrule: " + windows);
      } else {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < windows.size(); i++) {
          RecurringMaintenance window = window(windows.get(i), "maintenance[" + i + "]", servers, problems);
          if (window != null) {
            if (!ids.add(window.id())) {
              problems.add("maintenance[" + i + "].id: appears more than once: \"" + window.id() + "\"");
            } else {
              builder.maintenance(window);
            }
          }
        }
      }
    }
    return builder.build();
  }

  private static @Nullable RecurringMaintenance window(JsonNode node, String path, @Nullable Set<String> servers, List<String> problems) {
    if (!node.isObject()) {
      problems.add(path + ": must be a mapping with id, title, servers, start, zone, duration and rrule: " + node);
      return null;
    }
    int before = problems.size();
    unknown(node, path, WINDOW_FIELDS, problems);
    String id = required(node, path, "id", problems);
    String title = required(node, path, "title", problems);
    Set<String> ids = new LinkedHashSet<>();
    JsonNode list = node.path("servers");
    if (!list.isArray() || list.isEmpty()) {
      problems.add(path + ".servers: must be a list of server ids: " + (list.isMissingNode() ? "(missing)" : list));
    } else {
      for (int i = 0; i < list.size(); i++) {
        JsonNode server = list.get(i);
        if (!server.isTextual() || server.asText().isBlank()) {
          problems.add(path + ".servers[" + i + "]: must be a server id: " + server);
        } else if (servers != null && !servers.contains(server.asText())) {
          problems.add(path + ".servers[" + i + "]: no such server in servers: \"" + server.asText() + "\"");
        } else {
          ids.add(server.asText());
        }
      }
    }
    LocalDateTime start = null;
    String startText = required(node, path, "start", problems);
    if (startText != null) {
      try {
        start = LocalDateTime.parse(startText);
      } catch (DateTimeParseException e) {
        problems.add(path + ".start: must be a local date and time such as 2026-01-06T02:00: \"" + startText + "\"");
      }
    }
    ZoneId zone = null;
    String zoneText = required(node, path, "zone", problems);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        problems.add(path + ".zone: unknown time zone \"" + zoneText + "\" (use an IANA name such as Europe/Amsterdam, or UTC)");
      }
    }
    Duration duration = null;
    String durationText = required(node, path, "duration", problems);
    if (durationText != null) {
      duration = parseDuration(durationText);
      if (duration == null || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
        problems.add(path + ".duration: must be a duration such as 90m, 1h or 2d, at most 7 days: \"" + durationText + "\"");
        duration = null;
      }
    }
    Recurrence rule = null;
    String ruleText = required(node, path, "rrule", problems);
    if (ruleText != null) {
      try {
        rule = Recurrence.parse(ruleText);
      } catch (IllegalArgumentException e) {
        problems.add(path + ".rrule: " + e.getMessage() + ": \"" + ruleText + "\"");
      }
    }
    if (problems.size() > before || id == null || title == null || start == null || zone == null || duration == null || rule == null) {
      return null;
    }
    try {
      return RecurringMaintenance.of(id, title, ids, start, zone, duration, rule);
    } catch (IllegalArgumentException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  private static Duration retention(JsonNode section, String field, Duration fallback, List<String> problems) {
    JsonNode node = section.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    Duration parsed = node.isTextual() ? parseDuration(node.asText()) : null;
    if (parsed == null || parsed.compareTo(Duration.ofMinutes(1)) < 0) {
      problems.add("history.retention." + field + ": must be a duration such as 48h, 90d or 1825d: " + node);
      return fallback;
    }
    return parsed;
  }

  /** {@code 90m}, {@code 48h}, {@code 90d}, or ISO-8601 ({@code PT1H}); null when it is neither. */
  static @Nullable Duration parseDuration(String text) {
    String t = text.strip();
    Matcher matcher = DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      Duration parsed = Duration.parse(t);
      return parsed.isNegative() ? null : parsed;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable String required(JsonNode node, String path, String field, List<String> problems) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      problems.add(path + "." + field + ": is required");
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(path + "." + field + ": must be text: " + value);
      return null;
    }
    return value.asText();
  }

  private static @Nullable String text(JsonNode node, String path, String field, List<String> problems) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problems.add(path + ": must be text: " + value);
      return null;
    }
    return value.asText();
  }

  private static void unknown(JsonNode node, String path, Set<String> known, List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(path + "." + name + ": unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }
}
