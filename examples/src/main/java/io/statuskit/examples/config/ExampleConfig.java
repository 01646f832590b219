package io.statuskit.examples.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.collect.ImmutableList;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.monitor.MonitorConfigLoader;
import io.statuskit.examples.server.ServerSettings;
import io.statuskit.page.PageSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The examples' configuration: the page (name, base URL, zone), the admin token, and the
 * {@code defaults}, {@code servers} and {@code incidents} sections in the monitor module's format ({@link
 * MonitorConfigLoader}). YAML or JSON (by file extension: {@code .json} is JSON, anything else
 * YAML). A bad file fails with every problem listed, each with its path. Immutable and thread-safe.
 *
 * @param page the page settings
 * @param tagDate the date in the feeds' {@code tag:} entry ids (RFC 4151): a date on which the
 *     publisher owned the base URL's host; never change it once feeds are published
 * @param adminToken the admin API token, or null when the file sets none
 * @param servers the servers and their probes, read by the probes module's {@link
 *     MonitorConfigLoader}; null for the built-in sample, whose probes check local demo services
 * @param server the web server's limits and timeouts ({@code server} section)
 * @param hideInternalServers whether the public sees only public servers ({@code
 *     page.hideInternalServers}); the internal audience always sees them all
 * @param store where the board is kept ({@code store}: {@code postgresql://host:port/db?schema=x},
 *     {@code journal:/path} or a directory), or null for the journal in the data directory
 * @param notifications subscribers by e-mail and webhook ({@code notify} section), or null for none
 * @param uptime uptime history, its accounting rule and recurring maintenance ({@code uptime},
 *     {@code history} and {@code maintenance} sections)
 */
public record ExampleConfig(
    PageSettings page,
    LocalDate tagDate,
    @Nullable String adminToken,
    @Nullable MonitorConfig servers,
    ServerSettings server,
    boolean hideInternalServers,
    @Nullable String store,
    @Nullable NotifySettings notifications,
    UptimeConfig uptime) {
  /** The tag date used when the file sets none. */
  public static final LocalDate DEFAULT_TAG_DATE = LocalDate.of(2013, 5, 1);

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "page", "admin", "server", "store", "notify", "defaults", "servers", "incidents", "vantage", "vantageQuorum",
          "uptime", "history", "maintenance");

  /** Checks the parts. */
  public ExampleConfig {
    requireNonNull(page, "page");
    requireNonNull(tagDate, "tagDate");
    requireNonNull(server, "server");
    requireNonNull(uptime, "uptime");
  }

  /** A configuration without notifications, with the default uptime accounting and history, and no recurring maintenance. */
  public ExampleConfig(
      PageSettings page,
      LocalDate tagDate,
      @Nullable String adminToken,
      @Nullable MonitorConfig servers,
      ServerSettings server,
      boolean hideInternalServers,
      @Nullable String store) {
    this(page, tagDate, adminToken, servers, server, hideInternalServers, store, null, UptimeConfig.defaults());
  }

  /** A configuration with the server's default limits. */
  public ExampleConfig(
      PageSettings page, LocalDate tagDate, @Nullable String adminToken, @Nullable MonitorConfig servers) {
    this(page, tagDate, adminToken, servers, ServerSettings.defaults(), false, null, null, UptimeConfig.defaults());
  }

  /** This configuration with the page in another language. */
  public ExampleConfig withLocale(java.util.Locale locale) {
    return new ExampleConfig(page.withLocale(locale), tagDate, adminToken, servers, server, hideInternalServers, store, notifications, uptime);
  }

  /** The configuration used when no file is given: the NinerNet sample on a local port. */
  public static ExampleConfig sample(int port) {
    return new ExampleConfig(
        new PageSettings("NinerNet Communications", URI.create("http://localhost:" + port + "/"), ZoneId.of("UTC")),
        DEFAULT_TAG_DATE,
        null,
        null);
  }

  /**
   * Reads a configuration file, with {@code ${VARIABLE}} references (a heartbeat's {@code
   * secret}) read from the process's environment.
   *
   * @param file the file
   * @param port the port the page is served on, for the default base URL
   * @throws ConfigException listing every problem with its path
   */
  public static ExampleConfig load(Path file, int port) throws ConfigException {
    return load(file, port, System.getenv());
  }

  /**
   * Reads a configuration file. Relative file paths in it (a TLS probe's {@code caFile}) are
   * resolved against the file's directory, not the working directory.
   *
   * @param file the file
   * @param port the port the page is served on, for the default base URL
   * @param env the environment its {@code ${VARIABLE}} references (a heartbeat's {@code secret})
   *     are read from
   * @throws ConfigException listing every problem with its path
   */
  public static ExampleConfig load(Path file, int port, Map<String, String> env) throws ConfigException {
    String source = file.toString();
    JsonNode root;
    try {
      byte[] bytes = Files.readAllBytes(file);
      root = mapper(file).readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException(source, ImmutableList.of("(file): not valid " + format(file) + where + ": " + e.getOriginalMessage()));
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, ImmutableList.of("(file): no such file"));
    } catch (IOException e) {
      throw new ConfigException(source, ImmutableList.of("(file): cannot read: " + e.getMessage()));
    }
    if (!(root instanceof ObjectNode)) {
      throw new ConfigException(source, ImmutableList.of("(file): must hold a mapping with page and servers"));
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TOP_LEVEL.contains(name)) {
        problems.add(name + ": unknown section (known: page, admin, server, store, notify, defaults, servers, incidents, vantage, vantageQuorum, uptime, history, maintenance)");
      }
    }
    JsonNode page = root.path("page");
    String name = "Status";
    URI baseUrl = URI.create("http://localhost:" + port + "/");
    ZoneId zone = ZoneId.of("UTC");
    LocalDate tagDate = DEFAULT_TAG_DATE;
    Locale locale = Locale.ENGLISH;
    boolean hideInternal = false;
    PageSettings.NoData noData = PageSettings.NoData.LEFT_OUT;
    if (!page.isMissingNode() && !page.isObject()) {
      problems.add("page: must be a mapping with name, baseUrl and zone");
    } else {
      for (Iterator<String> names = page.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!Set.of("name", "baseUrl", "zone", "tagDate", "locale", "hideInternalServers", "noData").contains(field)) {
          problems.add("page." + field + ": unknown field (known: name, baseUrl, zone, tagDate, locale, hideInternalServers, noData)");
        }
      }
      JsonNode nameNode = page.path("name");
      if (nameNode.isMissingNode()) {
        // Without a page section (enough for check) the page is called "Status".
        if (!page.isMissingNode()) {
          problems.add("page.name: is required");
        }
      } else if (!nameNode.isTextual() || nameNode.asText().isBlank() || nameNode.asText().length() > 200) {
        problems.add("page.name: must be text of 1 to 200 chars: " + nameNode);
      } else {
        name = nameNode.asText();
      }
      JsonNode urlNode = page.path("baseUrl");
      if (!urlNode.isMissingNode()) {
        try {
          String text = urlNode.asText();
          URI uri = new URI(text.endsWith("/") ? text : text + "/");
          new PageSettings("x", uri, zone);
          baseUrl = uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
          problems.add("page.baseUrl: must be an absolute http(s) URL without query: \"" + urlNode.asText() + "\"");
        }
      }
      JsonNode dateNode = page.path("tagDate");
      if (!dateNode.isMissingNode()) {
        try {
          tagDate = LocalDate.parse(dateNode.asText());
        } catch (DateTimeException e) {
          problems.add("page.tagDate: must be a date such as 2013-05-01: \"" + dateNode.asText() + "\"");
        }
      }
      JsonNode localeNode = page.path("locale");
      if (!localeNode.isMissingNode()) {
        Locale parsed = localeNode.isTextual() ? Locale.forLanguageTag(localeNode.asText()) : Locale.ROOT;
        if (parsed.getLanguage().isEmpty()) {
          problems.add("page.locale: must be a language tag such as en or de: " + localeNode);
        } else {
          locale = parsed;
        }
      }
      JsonNode noDataNode = page.path("noData");
      if (!noDataNode.isMissingNode()) {
        try {
          noData = PageSettings.NoData.fromKey(noDataNode.isTextual() ? noDataNode.asText() : noDataNode.toString());
        } catch (IllegalArgumentException e) {
          problems.add("page.noData: must be leftOut or countedDown: " + noDataNode);
        }
      }
      JsonNode hideNode = page.path("hideInternalServers");
      if (!hideNode.isMissingNode()) {
        if (hideNode.isBoolean()) {
          hideInternal = hideNode.asBoolean();
        } else {
          problems.add("page.hideInternalServers: must be true or false: " + hideNode);
        }
      }
      JsonNode zoneNode = page.path("zone");
      if (!zoneNode.isMissingNode()) {
        try {
          zone = ZoneId.of(zoneNode.asText());
        } catch (DateTimeException e) {
          problems.add("page.zone: unknown time zone \"" + zoneNode.asText() + "\" (use an IANA name such as Europe/London, or UTC)");
        }
      }
    }
    String token = null;
    JsonNode admin = root.path("admin");
    if (!admin.isMissingNode()) {
      JsonNode tokenNode = admin.path("token");
      for (Iterator<String> names = admin.fieldNames(); names.hasNext(); ) {
        String field = names.next();
        if (!field.equals("token")) {
          problems.add("admin." + field + ": unknown field (known: token)");
        }
      }
      if (!tokenNode.isMissingNode()) {
        String text = tokenNode.asText();
        if (!tokenNode.isTextual() || text.length() < 16 || !text.matches("[\\x21-\\x7e]+")) {
          problems.add("admin.token: must be at least 16 printable characters without spaces (length " + text.length() + ")");
        } else {
          token = text;
        }
      }
    }
    ServerSettings server = ServerSection.read(root.path("server"), problems);
    String store = null;
    JsonNode storeNode = root.path("store");
    if (!storeNode.isMissingNode()) {
      if (!storeNode.isTextual() || storeNode.asText().isBlank()) {
        problems.add("store: must be postgresql://host:port/db?schema=x, journal:/path or a directory: " + storeNode);
      } else {
        store = storeNode.asText();
      }
    }
    NotifySettings notify = NotifySection.read(root.path("notify"), file.toAbsolutePath().getParent(), env, problems);
    MonitorConfig servers = null;
    ObjectNode monitored = ((ObjectNode) root).deepCopy();
    monitored.retain("defaults", "servers", "incidents", "vantage", "vantageQuorum");
    try {
      Path directory = file.toAbsolutePath().getParent();
      MonitorConfigLoader loader = MonitorConfigLoader.create().withEnvironment(env);
      servers =
          directory == null ? loader.fromJson(monitored.toString()) : loader.fromJson(monitored.toString(), directory);
    } catch (io.statuskit.monitor.ConfigException e) {
      problems.addAll(e.problems());
    }
    Set<String> ids = null;
    if (servers != null) {
      ids = new java.util.HashSet<>();
      for (io.statuskit.monitor.TargetConfig target : servers.targets()) {
        ids.add(target.serverId());
      }
      for (io.statuskit.monitor.HeartbeatConfig heartbeat : servers.heartbeats()) {
        ids.add(heartbeat.serverId());
      }
    }
    UptimeConfig uptime = UptimeConfig.read(root, noData, ids, problems);
    if (!problems.isEmpty() || servers == null) {
      throw new ConfigException(source, ImmutableList.copyOf(problems));
    }
    return new ExampleConfig(
        new PageSettings(name, baseUrl, zone, locale, noData), tagDate, token, servers, server, hideInternal, store, notify, uptime);
  }

  private static ObjectMapper mapper(Path file) {
    return format(file).equals("JSON") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
  }

  private static String format(Path file) {
    return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json") ? "JSON" : "YAML";
  }
}
