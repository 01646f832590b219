package io.statuskit.monitor;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.statuskit.core.Impact;
import io.statuskit.core.Location;
import io.statuskit.core.Server;
import io.statuskit.core.Tag;
import io.statuskit.core.Visibility;
import io.statuskit.monitor.internal.Durations;
import io.statuskit.monitor.internal.JsonSettings;
import io.statuskit.core.Vantage;
import io.statuskit.core.VantageQuorum;
import io.statuskit.probes.ProbeRegistry;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link MonitorConfig} from YAML or JSON:
 *
 * <pre>{@code
 * defaults:
 *   interval: 60s
 *   failureThreshold: 3
 *   successThreshold: 2
 * servers:
 *   - id: NC036
 *     name: Mail server
 *     location: {city: Amsterdam, country: NL}
 *     role: Mail server
 *     visibility: public               # or internal
 *     group: Mail
 *     tags: [mail, smtp]
 *     host: nc036.ninernet.net        # the default host of its probes
 *     interval: 30s
 *     quorum: 1
 *     probes:
 *       - type: smtp
 *         ehlo: monitor.ninernet.net
 *         startTls: true
 *       - type: tcp
 *         port: 993
 *         tls: true
 *   - id: NC050                       # a cron job: it pings instead of being probed
 *     name: Nightly backup
 *     heartbeat:
 *       period: 1d                    # how often it runs
 *       grace: 1h                     # how late a ping may be
 *       secret: ${BACKUP_PING_SECRET} # or the secret itself; for a host's HTTP route
 * vantage: amsterdam                  # the probe location this monitor reports from (none without it)
 * vantageQuorum: 2                    # locations that must agree; a majority of the known ones by default
 * incidents:                          # the monitor opens and resolves incidents (off without it)
 *   servers: [NC036]                  # only these; every server when left out
 *   openAfter: 2m                     # hard-down this long before an incident opens
 *   title: "{id}: {name} shut down"
 *   resolutionTitle: "{id}: {name} back online"
 *   resolution: "{id}: {name} back online. It was {outage}."
 *   autoResolve: false                # post "monitoring: the server answers again" instead
 * }</pre>
 *
 * <p>A bad config fails with one {@link ConfigException} listing every problem with its path:
 * {@code servers[2].probes[0].timeout: "5 parsecs" is not a duration (such as 250ms, 5s, 2m, 1h,
 * 14d)}. Unknown settings are problems too, so that a typo is not silently ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class MonitorConfigLoader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final Duration MAX_HEARTBEAT = Duration.ofDays(366);

  private final ProbeRegistry registry;
  private final Function<String, @Nullable String> environment;

  private MonitorConfigLoader(ProbeRegistry registry, Function<String, @Nullable String> environment) {
    this.registry = registry;
    this.environment = environment;
  }

  /** A loader for the built-in probe types, reading {@code ${VARIABLE}} references from the process's environment. */
  public static MonitorConfigLoader create() {
    return new MonitorConfigLoader(ProbeRegistry.builtIns(), System::getenv);
  }

  /** A loader for the types of {@code registry}. */
  public static MonitorConfigLoader withRegistry(ProbeRegistry registry) {
    return new MonitorConfigLoader(requireNonNull(registry, "registry"), System::getenv);
  }

  /**
   * This loader reading {@code ${VARIABLE}} references (a heartbeat's {@code secret}) from {@code
   * variables} instead of the process's environment.
   */
  public MonitorConfigLoader withEnvironment(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return new MonitorConfigLoader(registry, copy::get);
  }

  /** Reads a file: YAML for {@code .yaml}/{@code .yml}, JSON otherwise. */
  public MonitorConfig load(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    Path directory = file.toAbsolutePath().getParent();
    return parse(yaml ? YAML : JSON, text, file.toString(), directory);
  }

  /** Reads YAML text. */
  public MonitorConfig fromYaml(String yaml) {
    return parse(YAML, yaml, "YAML config", null);
  }

  /** Reads JSON text. */
  public MonitorConfig fromJson(String json) {
    return parse(JSON, json, "JSON config", null);
  }

  /**
   * Reads YAML text whose relative file paths (such as {@code caFile}) resolve against {@code
   * directory}.
   */
  public MonitorConfig fromYaml(String yaml, Path directory) {
    return parse(YAML, yaml, "YAML config", requireNonNull(directory, "directory"));
  }

  /**
   * Reads JSON text whose relative file paths (such as {@code caFile}) resolve against {@code
   * directory}.
   */
  public MonitorConfig fromJson(String json, Path directory) {
    return parse(JSON, json, "JSON config", requireNonNull(directory, "directory"));
  }

  private static final Duration MIN_INTERVAL = Duration.ofMillis(10);
  private static final Duration MAX_INTERVAL = Duration.ofDays(1);

  private static Optional<Duration> interval(JsonSettings settings) {
    return settings.check(
        "interval",
        settings.duration("interval"),
        d ->
            checkArgument(
                d.compareTo(MIN_INTERVAL) >= 0 && d.compareTo(MAX_INTERVAL) <= 0, "interval must be 10ms to 1d: %s", d));
  }

  private static Optional<Duration> jitter(JsonSettings settings, Duration interval) {
    return settings.check(
        "jitter",
        settings.duration("jitter"),
        d ->
            checkArgument(
                d.compareTo(interval) < 0,
                "jitter must be less than the interval (%s): %s",
                Durations.format(interval),
                d));
  }

  /** A server's page details as the file gives them (null or empty: not given). */
  private record Details(
      @Nullable Location location,
      @Nullable String role,
      @Nullable String group,
      @Nullable Visibility visibility,
      List<String> tags) {
    void applyTo(TargetConfig.Builder b) {
      b.location(location).role(role).group(group).tags(tags.toArray(new String[0]));
      if (visibility != null) {
        b.visibility(visibility);
      }
    }

    void applyTo(HeartbeatConfig.Builder b) {
      b.location(location).role(role).group(group).tags(tags.toArray(new String[0]));
      if (visibility != null) {
        b.visibility(visibility);
      }
    }
  }

  /** The server's page details: location, role, visibility, group, tags. */
  private static Details describe(JsonSettings server) {
    Location[] location = {null};
    server
        .object("location")
        .ifPresent(
            l -> {
              String city = l.requireString("city");
              String country = l.requireString("country");
              Optional<String> countryName = l.string("countryName");
              l.reportUnknown();
              if (!city.isEmpty() && !country.isEmpty()) {
                try {
                  location[0] =
                      countryName.isPresent() ? Location.of(city, country, countryName.get()) : Location.of(city, country);
                } catch (IllegalArgumentException e) {
                  server.problem("location", "{city: \"" + city + "\", country: \"" + country + "\"}: " + e.getMessage());
                }
              }
            });
    String role = server.check("role", server.string("role"), r -> Server.builder("x").role(r).build()).orElse(null);
    String group = server.check("group", server.string("group"), g -> Server.builder("x").group(g).build()).orElse(null);
    Visibility visibility =
        server
            .check(
                "visibility",
                server.string("visibility"),
                v -> checkArgument(v.equals("public") || v.equals("internal"), "visibility must be public or internal: \"%s\"", v))
            .map(Visibility::fromKey)
            .orElse(null);
    List<String> labels = server.strings("tags");
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      server
          .check(labels.size() == 1 ? "tags" : "tags[" + i + "]", Optional.of(labels.get(i)), Tag::of)
          .ifPresent(tags::add);
    }
    return new Details(location[0], role, group, visibility, tags);
  }

  /** Settings of a server with probes, which a server with a heartbeat has none of. */
  private static final ImmutableList<String> PROBE_SETTINGS =
      ImmutableList.of("probes", "interval", "jitter", "failureThreshold", "successThreshold", "quorum", "flapDetection");

  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  /**
   * A server that reports by heartbeat: {@code heartbeat: {period, grace, secret}} instead of
   * probes. Problems are named by the heartbeat's keys ({@code servers[3].heartbeat.period}).
   */
  private @Nullable HeartbeatConfig heartbeat(
      JsonSettings server, JsonSettings heartbeat, String id, @Nullable String name, @Nullable String host, Details details) {
    for (String key : PROBE_SETTINGS) {
      if (server.has(key)) {
        server.markRead(key);
        server.problem(key, "a server with a heartbeat has no probes, so no " + key + " (the job pings; heartbeat.period says how often)");
      }
    }
    HeartbeatConfig.Builder b = HeartbeatConfig.builder(id.isEmpty() ? "unnamed" : id);
    if (name != null) {
      b.name(name);
    }
    b.host(host);
    details.applyTo(b);
    boolean ok = true;
    if (!heartbeat.has("period")) {
      heartbeat.problem("period", "is required (how often the job runs, such as 1h or 1d)");
      ok = false;
    }
    Optional<Duration> period =
        heartbeat.check(
            "period",
            heartbeat.duration("period"),
            d -> checkArgument(d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(MAX_HEARTBEAT) <= 0, "period must be 1s to 366d: %s", d));
    ok &= period.isPresent();
    period.ifPresent(b::period);
    if (heartbeat.has("grace")) {
      Optional<Duration> grace =
          heartbeat.check(
              "grace",
              heartbeat.duration("grace"),
              d -> checkArgument(!d.isNegative() && d.compareTo(MAX_HEARTBEAT) <= 0, "grace must be 0 to 366d: %s", d));
      ok &= grace.isPresent();
      grace.ifPresent(b::grace);
    }
    Optional<String> secret = heartbeat.string("secret");
    if (secret.isPresent()) {
      String written = secret.get();
      Matcher reference = ENV_REFERENCE.matcher(written);
      String value = written;
      String shown = "";
      if (reference.matches()) {
        String variable = reference.group(1);
        String fromEnv = environment.apply(variable);
        shown = "\"" + written + "\": ";
        if (fromEnv == null || fromEnv.isEmpty()) {
          heartbeat.problem("secret", shown + "the environment variable " + variable + " is not set");
          ok = false;
          value = null;
        } else {
          value = fromEnv;
          shown = "\"" + written + "\": the value of " + variable + " ";
        }
      }
      if (value != null) {
        try {
          b.secret(value);
          b.build();
        } catch (IllegalArgumentException e) {
          String message = String.valueOf(e.getMessage());
          if (message.startsWith("secret ")) {
            // the value itself is never shown: only its length
            heartbeat.problem("secret", shown + message.substring("secret ".length()));
            ok = false;
            b.secret(null);
          }
        }
      }
    }
    heartbeat.reportUnknown();
    if (!ok || id.isEmpty()) {
      return null;
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      server.problem("heartbeat", String.valueOf(e.getMessage()));
      return null;
    }
  }

  /**
   * The {@code incidents} section: on for every server or the listed ones, the delay before an
   * incident opens, the templates, and whether recovery resolves it or leaves it to a person.
   */
  private static Optional<IncidentPolicy> incidents(JsonSettings section, List<TargetConfig> targets) {
    IncidentPolicy defaults = IncidentPolicy.ofDefaults();
    boolean enabled = section.bool("enabled").orElse(true);
    List<String> servers = section.strings("servers");
    for (int i = 0; i < servers.size(); i++) {
      String id = servers.get(i);
      if (targets.stream().noneMatch(t -> t.serverId().equals(id))) {
        section.problem("servers[" + i + "]", "\"" + id + "\" is not a server of this config");
      }
    }
    Duration openAfter =
        section
            .check("openAfter", section.duration("openAfter"), d -> checkArgument(d.compareTo(Duration.ofDays(7)) <= 0, "must be at most 7d"))
            .orElse(defaults.openAfter());
    String title = template(section, "title", defaults.title());
    String opening = template(section, "opening", defaults.openingBody());
    String resolution = template(section, "resolution", defaults.resolutionBody());
    String resolutionTitle = template(section, "resolutionTitle", requireNonNull(defaults.resolutionTitle()));
    String recovery = template(section, "recovery", defaults.recoveryBody());
    boolean autoResolve = section.bool("autoResolve").orElse(true);
    Impact impact =
        section
            .string("impact")
            .flatMap(
                key -> {
                  try {
                    return Optional.of(Impact.fromKey(key));
                  } catch (IllegalArgumentException e) {
                    section.problem("impact", "\"" + key + "\" is not an impact (none, minor, major, critical)");
                    return Optional.empty();
                  }
                })
            .orElse(defaults.impact());
    ZoneId zone =
        section
            .string("zone")
            .flatMap(
                z -> {
                  try {
                    return Optional.of(ZoneId.of(z));
                  } catch (DateTimeException e) {
                    section.problem("zone", "\"" + z + "\" is not a time zone (an IANA name such as Europe/London, or UTC)");
                    return Optional.empty();
                  }
                })
            .orElse(defaults.zone());
    section.reportUnknown();
    if (!enabled) {
      return Optional.empty();
    }
    return Optional.of(
        new IncidentPolicy(
            title, opening, resolution, impact, zone, openAfter, resolutionTitle, autoResolve, recovery, ImmutableSet.copyOf(servers)));
  }

  /** A template: one line of text (a title) or text, not blank, at most 2,000 chars. */
  private static String template(JsonSettings section, String name, String fallback) {
    return section
        .check(
            name,
            section.string(name),
            t -> checkArgument(!t.isBlank() && t.length() <= 2000, "must be text of 1 to 2000 chars"))
        .orElse(fallback);
  }

  private MonitorConfig parse(ObjectMapper mapper, String text, String source, @Nullable Path directory) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source,
          ImmutableList.of(
              "line "
                  + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                  + ": not valid "
                  + (mapper == YAML ? "YAML" : "JSON")
                  + ": "
                  + e.getOriginalMessage()));
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new ConfigException(source, ImmutableList.of("(root): must be an object with \"servers\""));
    }
    JsonSettings top = new JsonSettings("", (ObjectNode) root, problems, Map.of(), directory);
    JsonSettings defaults =
        top.object("defaults").orElse(new JsonSettings("defaults", JSON.createObjectNode(), problems, Map.of()));
    Duration interval = interval(defaults).orElse(Duration.ofSeconds(60));
    Duration jitter = jitter(defaults, interval).orElse(null);
    int failures = defaults.integer("failureThreshold", 1, 100).orElse(3);
    int successes = defaults.integer("successThreshold", 1, 100).orElse(2);
    defaults.reportUnknown();

    List<TargetConfig> targets = new ArrayList<>();
    List<HeartbeatConfig> heartbeats = new ArrayList<>();
    List<ProbeSettings> servers = top.objects("servers");
    if (servers.isEmpty() && problems.isEmpty()) {
      problems.add("servers: at least one server is required");
    }
    for (ProbeSettings ps : servers) {
      JsonSettings server = (JsonSettings) ps;
      int serverProblems = problems.size();
      String id = server.requireString("id");
      TargetConfig.Builder b = TargetConfig.builder(id.isEmpty() ? "unnamed" : id);
      String name = server.check("name", server.string("name"), n -> Server.builder("x").name(n).build()).orElse(null);
      if (name != null) {
        b.name(name);
      }
      String host = server.string("host").orElse(null);
      b.host(host);
      Details details = describe(server);
      details.applyTo(b);
      Optional<JsonSettings> heartbeat = server.object("heartbeat");
      if (heartbeat.isPresent()) {
        HeartbeatConfig h =
            heartbeat(server, heartbeat.get(), id, name, host, details);
        server.reportUnknown();
        if (h != null && problems.size() == serverProblems) {
          heartbeats.add(h);
        }
        continue;
      }
      Optional<Duration> serverInterval = interval(server);
      serverInterval.ifPresent(b::interval);
      jitter(server, serverInterval.orElse(interval)).ifPresent(b::jitter);
      Optional<Integer> f = server.integer("failureThreshold", 1, 100);
      Optional<Integer> s = server.integer("successThreshold", 1, 100);
      if (f.isPresent() || s.isPresent()) {
        b.thresholds(new Thresholds(f.orElse(failures), s.orElse(successes)));
      }
      b.defaults(interval, jitter, new Thresholds(failures, successes));
      Optional<Integer> quorum = server.integer("quorum", 1, 1000);
      boolean flap = server.bool("flapDetection").orElse(true);
      if (!flap) {
        b.flapDetection(FlapDetection.disabled());
      }
      Map<String, String> fallbacks = new HashMap<>();
      if (host != null) {
        fallbacks.put("host", host);
      }
      List<ProbeSettings> probes = server.objectList("probes", fallbacks);
      if (probes.isEmpty()) {
        server.problem("probes", "at least one probe is required");
      }
      for (ProbeSettings p : probes) {
        JsonSettings probe = (JsonSettings) p;
        int before = problems.size();
        String type = probe.requireString("type");
        if (type.isEmpty()) {
          continue;
        }
        if (registry.factory(type).isEmpty()) {
          probe.problem(
              "type", "\"" + type + "\" is not a probe type (known: " + String.join(", ", registry.types()) + ")");
          continue;
        }
        try {
          Probe created = registry.create(type, probe);
          if (problems.size() == before) {
            b.probe(created);
          }
        } catch (IllegalArgumentException e) {
          if (problems.size() == before) {
            problems.add(probe.path() + ": " + e.getMessage());
          }
        }
        probe.reportUnknown();
      }
      server
          .check(
              "quorum",
              quorum,
              k ->
                  checkArgument(
                      probes.isEmpty() || k <= probes.size(),
                      "quorum must be at most the number of probes (%s): %s",
                      probes.size(),
                      k))
          .ifPresent(k -> b.quorum(Quorum.atLeast(k)));
      server.reportUnknown();
      if (!id.isEmpty() && problems.size() == serverProblems) {
        try {
          targets.add(b.build());
        } catch (IllegalArgumentException e) {
          problems.add(server.path() + ": " + e.getMessage());
        }
      }
    }
    IncidentPolicy incidents = top.object("incidents").flatMap(i -> incidents(i, targets)).orElse(null);
    Vantage vantage = vantage(top);
    top.reportUnknown();
    if (problems.isEmpty()) {
      try {
        return MonitorConfig.of(targets, heartbeats).withIncidents(incidents).withVantage(vantage);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    throw new ConfigException(source, ImmutableList.copyOf(problems));
  }

  /** The {@code vantage} and {@code vantageQuorum} settings: a probe location, or none. */
  private static @Nullable Vantage vantage(JsonSettings top) {
    Optional<String> name = top.string("vantage");
    Optional<Integer> quorum = top.integer("vantageQuorum", 1, 100);
    if (name.isEmpty()) {
      if (quorum.isPresent()) {
        top.problem("vantageQuorum", "needs a vantage (the probe location this monitor reports from)");
      }
      return null;
    }
    try {
      return new Vantage(name.get(), quorum.map(VantageQuorum::atLeast).orElse(VantageQuorum.majority()));
    } catch (IllegalArgumentException e) {
      top.problem("vantage", String.valueOf(e.getMessage()));
      return null;
    }
  }
}
