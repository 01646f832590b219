package io.statuskit.examples.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.hash.Hashing;
import com.google.common.io.ByteStreams;
import io.statuskit.core.Body;
import io.statuskit.core.Command;
import io.statuskit.core.Command.OpenIncident;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.spi.StoreException;
import io.statuskit.notify.Channel;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Notifier;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.Topics;
import io.statuskit.history.UptimeReporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API a host's own tooling uses to post to the page: open an incident, post an update,
 * resolve it, schedule maintenance, post a notice. JSON in, JSON out.
 *
 * <ul>
 *   <li>Off (404) unless a token is configured; a request without {@code Authorization: Bearer
 *       <token>} matching it gets 401 and changes nothing. Tokens are compared in constant time.
 *   <li>Bodies must be {@code application/json} (415) of at most {@value #MAX_BODY_BYTES} bytes
 *       (413); unknown or bad fields get 400 with every problem named by its field.
 *   <li>A command the board refuses (an unknown incident, a lifecycle step that is not allowed)
 *       gets 404 or 409; a store that cannot keep it gets 503. A 2xx answer comes only after
 *       the tracker returned, that is after the store holds the change durably.
 * </ul>
 *
 * <p>Routes, relative to {@code /api/admin/}: {@code POST incidents}, {@code POST
 * incidents/{id}/updates}, {@code POST incidents/{id}/resolve}, {@code POST maintenance},
 * {@code POST notices}; with a notifier also {@code GET subscribers}, {@code DELETE
 * subscribers/{id}}, {@code GET dead-letters}, {@code POST dead-letters/{subscriberId}/retry} and
 * {@code DELETE dead-letters/{subscriberId}}; {@code DELETE vantages/{name}} (forget a probe
 * location that is gone for good); and {@code GET
 * uptime?server=NC036&month=2026-11&format=csv}: an uptime report (see {@link #withUptime}).
 * Thread-safe.
 */
public final class AdminApi {
  /** The largest request body accepted. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StatusTracker tracker;
  private final byte @Nullable [] tokenHash;
  private final @Nullable Notifier notifier;
  private final @Nullable UptimeReports uptime;

  private AdminApi(
      StatusTracker tracker, byte @Nullable [] tokenHash, @Nullable Notifier notifier, @Nullable UptimeReports uptime) {
    this.tracker = requireNonNull(tracker, "tracker");
    this.tokenHash = tokenHash;
    this.notifier = notifier;
    this.uptime = uptime;
  }
  /**
   * This API with the uptime report route, {@code GET uptime}: a report for one server ({@code
   * server=NC036}), a group ({@code group=Mail}) or every server (neither), over a month ({@code
   * month=2026-11}), a quarter ({@code quarter=2026-Q4}), a year ({@code year=2026}) or {@code
   * from=...&to=...} (instants such as {@code 2026-11-01T00:00:00Z}, or dates, the end exclusive),
   * calendar windows in {@code zone} (or {@code zone=Europe/Amsterdam}); {@code format=json}
   * (default) or {@code csv}. Every figure carries the rule in force. A bad parameter gets 400
   * naming it and its value; an unknown server or group 404.
   *
   * @param reporter the rule, the recurring maintenance and the rollups the figures come from
   * @param zone the zone calendar windows are reckoned in unless the request names one
   */
  public AdminApi withUptime(UptimeReporter reporter, ZoneId zone) {
    return new AdminApi(tracker, tokenHash, notifier, new UptimeReports(reporter, zone));
  }

  /**
   * An admin API on the tracker; off when {@code token} is null.
   *
   * @throws IllegalArgumentException if the token is shorter than 16 characters or has spaces
   */
  public static AdminApi create(StatusTracker tracker, @Nullable String token) {
    return create(tracker, token, null);
  }

  /**
   * An admin API on the tracker, with the subscriber and dead-letter routes of a notifier; off
   * when {@code token} is null.
   *
   * @param notifier the notifier whose subscribers and dead letters the routes show, or null for
   *     none (those routes answer 404)
   * @throws IllegalArgumentException if the token is shorter than 16 characters or has spaces
   */
  public static AdminApi create(StatusTracker tracker, @Nullable String token, @Nullable Notifier notifier) {
    if (token != null && (token.length() < 16 || !token.matches("[\\x21-\\x7e]+"))) {
      throw new IllegalArgumentException(
          "admin.token must be at least 16 printable characters without spaces (length " + token.length() + ")");
    }
    return new AdminApi(tracker, token == null ? null : sha256(token), notifier, null);
  }

  /**
   * Reads and drops a request body this API answers without reading (up to the limit). An answer
   * sent with the body still unread makes the HTTP server close the connection after it, which a
   * client that reuses the connection for its next request sees as a connection closed with no
   * answer (the JDK's client does not retry a POST).
   */
  private static void drain(InputStream body) {
    try {
      body.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      // the connection is gone: the answer goes nowhere either
    }
  }

  /** Whether a token is configured. */
  public boolean isEnabled() {
    return tokenHash != null;
  }

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param body the JSON body
   * @param headers extra response headers
   */
  public record Reply(int status, byte[] body, ImmutableMap<String, String> headers) {
    /** Checks the parts. */
    public Reply {
      requireNonNull(body, "body");
      requireNonNull(headers, "headers");
    }
  }

  /**
   * Handles one request.
   *
   * @param method the HTTP method
   * @param route the path after {@code /api/admin/}
   * @param authorization the Authorization header, or null
   * @param contentType the Content-Type header, or null
   * @param body the request body; at most {@value #MAX_BODY_BYTES} + 1 bytes are read
   */
  public Reply handle(
      String method, String route, @Nullable String authorization, @Nullable String contentType, InputStream body) {
    return handle(method, route, null, authorization, contentType, body);
  }

  /**
   * Handles one request with its query string (the {@code GET uptime} route reads it).
   *
   * @param method the HTTP method
   * @param route the path after {@code /api/admin/}
   * @param query the raw query string after {@code ?}, or null
   * @param authorization the Authorization header, or null
   * @param contentType the Content-Type header, or null
   * @param body the request body; at most {@value #MAX_BODY_BYTES} + 1 bytes are read
   */
  public Reply handle(
      String method,
      String route,
      @Nullable String query,
      @Nullable String authorization,
      @Nullable String contentType,
      InputStream body) {
    if (tokenHash == null) {
      drain(body);
      return error(404, "admin_disabled", "the admin API is off; set STATUSKIT_ADMIN_TOKEN or admin.token to turn it on");
    }
    if (!authorized(authorization)) {
      drain(body);
      return new Reply(
          401,
          errorJson("unauthorized", "send Authorization: Bearer <token>"),
          ImmutableMap.of("WWW-Authenticate", "Bearer realm=\"statuskit-admin\""));
    }
    if (route.equals("uptime")) {
      UptimeReports reports = uptime;
      if (reports == null) {
        return error(404, "not_found", "no admin route uptime: this server keeps no uptime accounting");
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return new Reply(405, errorJson("method_not_allowed", "use GET"), ImmutableMap.of("Allow", "GET, HEAD"));
      }
      return reports.answer(tracker.board(), query);
    }
    String[] route0 = route.split("/", -1);
    if (route0[0].equals("subscribers") || route0[0].equals("dead-letters")) {
      return notifications(method, route0);
    }
    if (route0[0].equals("vantages") && route0.length == 2) {
      return forgetVantage(method, route0[1]);
    }
    if (!method.equals("POST")) {
      return new Reply(405, errorJson("method_not_allowed", "use POST"), ImmutableMap.of("Allow", "POST"));
    }
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return error(415, "unsupported_media_type", "send Content-Type: application/json");
    }
    JsonNode json;
    try {
      byte[] bytes = ByteStreams.toByteArray(ByteStreams.limit(body, MAX_BODY_BYTES + 1L));
      if (bytes.length > MAX_BODY_BYTES) {
        return error(413, "too_large", "the body must be at most " + MAX_BODY_BYTES + " bytes");
      }
      json = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      return error(400, "invalid_json", "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return error(400, "invalid_request", "the body could not be read");
    }
    if (json == null || !json.isObject()) {
      return error(400, "invalid_request", "the body must be a JSON object");
    }
    String[] parts = route.split("/", -1);
    try {
      if (parts.length == 1 && parts[0].equals("incidents")) {
        return created(openIncident((ObjectNode) json));
      } else if (parts.length == 1 && parts[0].equals("maintenance")) {
        return created(scheduleMaintenance((ObjectNode) json));
      } else if (parts.length == 1 && parts[0].equals("notices")) {
        return created(postNotice((ObjectNode) json));
      } else if (parts.length == 3 && parts[0].equals("incidents") && parts[2].equals("updates")) {
        return ok(postUpdate(parts[1], (ObjectNode) json));
      } else if (parts.length == 3 && parts[0].equals("incidents") && parts[2].equals("resolve")) {
        return ok(resolve(parts[1], (ObjectNode) json));
      }
      return error(404, "not_found", "no admin route " + route);
    } catch (Invalid e) {
      ObjectNode error = JSON.createObjectNode();
      error.put("error", "invalid_request");
      error.put("message", String.join("; ", e.problems.values()));
      ObjectNode fields = error.putObject("fields");
      e.problems.forEach(fields::put);
      return new Reply(400, write(error), ImmutableMap.of());
    } catch (UnknownIncident e) {
      return error(404, "unknown_incident", e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", e.getMessage());
    } catch (IllegalStateException e) {
      return error(409, "conflict", e.getMessage());
    } catch (StoreException e) {
      log.error("admin: the store could not keep a change", e);
      return error(503, "store_unavailable", "the change was not stored; try again");
    }
  }

  /**
   * Whether an Authorization header carries the admin token; false when the API is off. The
   * server answers such requests for the internal audience.
   */
  public boolean authorizes(@Nullable String authorization) {
    return tokenHash != null && authorized(authorization);
  }

  private boolean authorized(@Nullable String authorization) {
    byte[] expected = requireNonNull(tokenHash);
    String given = "";
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = authorization.substring(7).strip();
    }
    // Comparing fixed-length hashes with MessageDigest.isEqual takes the same time however much matches.
    return MessageDigest.isEqual(expected, sha256(given));
  }

  private static byte[] sha256(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asBytes();
  }

  /**
   * {@code DELETE vantages/{name}}: forgets a probe location that is gone for good (its verdicts
   * leave every server's coverage, so it no longer raises the majority); 204, or 404 when no
   * server has a verdict from it.
   */
  private Reply forgetVantage(String method, String name) {
    if (!method.equals("DELETE")) {
      return new Reply(405, errorJson("method_not_allowed", "use DELETE"), ImmutableMap.of("Allow", "DELETE"));
    }
    Command.ForgetVantage forget;
    try {
      forget = new Command.ForgetVantage(name, null);
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", e.getMessage());
    }
    try {
      tracker.execute(forget);
      return new Reply(204, new byte[0], ImmutableMap.of());
    } catch (IllegalArgumentException e) {
      return error(404, "unknown_vantage", e.getMessage());
    } catch (StoreException e) {
      log.error("admin: the store could not keep a change", e);
      return error(503, "store_unavailable", "the change was not stored; try again");
    }
  }

  // ---------------------------------------------------------------- subscribers and dead letters

  private Reply notifications(String method, String[] parts) {
    Notifier n = notifier;
    if (n == null) {
      return error(404, "notifications_off", "this server has no notify section: no subscribers");
    }
    try {
      if (parts[0].equals("subscribers")) {
        if (parts.length == 1) {
          if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Reply(405, errorJson("method_not_allowed", "use GET"), ImmutableMap.of("Allow", "GET, HEAD"));
          }
          ArrayNode list = JSON.createArrayNode();
          n.subscribers().forEach(s -> list.add(subscriberJson(s, n)));
          return new Reply(200, write(list), ImmutableMap.of("Cache-Control", "no-store"));
        }
        if (parts.length == 2) {
          if (!method.equals("DELETE")) {
            return new Reply(405, errorJson("method_not_allowed", "use DELETE"), ImmutableMap.of("Allow", "DELETE"));
          }
          if (n.subscribers().stream().noneMatch(s -> s.id().equals(parts[1]))) {
            return error(404, "unknown_subscriber", "no subscriber " + parts[1]);
          }
          n.remove(parts[1]);
          return new Reply(204, new byte[0], ImmutableMap.of());
        }
      } else {
        if (parts.length == 1) {
          if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Reply(405, errorJson("method_not_allowed", "use GET"), ImmutableMap.of("Allow", "GET, HEAD"));
          }
          ArrayNode list = JSON.createArrayNode();
          for (DeadLetter d : n.deadLetters()) {
            ObjectNode o = list.addObject();
            o.put("subscriberId", d.subscriberId());
            o.put("version", d.version());
            o.put("idempotencyKey", d.idempotencyKey());
            o.put("attempts", d.attempts());
            o.put("lastError", d.lastError());
            o.put("at", d.at().toString());
          }
          return new Reply(200, write(list), ImmutableMap.of("Cache-Control", "no-store"));
        }
        boolean known = n.subscribers().stream().anyMatch(s -> s.id().equals(parts[1]));
        if (parts.length == 2) {
          if (!method.equals("DELETE")) {
            return new Reply(405, errorJson("method_not_allowed", "use DELETE"), ImmutableMap.of("Allow", "DELETE"));
          }
          if (!known) {
            return error(404, "unknown_subscriber", "no subscriber " + parts[1]);
          }
          n.clearDeadLetters(parts[1]);
          return new Reply(204, new byte[0], ImmutableMap.of());
        }
        if (parts.length == 3 && parts[2].equals("retry")) {
          if (!method.equals("POST")) {
            return new Reply(405, errorJson("method_not_allowed", "use POST"), ImmutableMap.of("Allow", "POST"));
          }
          if (!known) {
            return error(404, "unknown_subscriber", "no subscriber " + parts[1]);
          }
          ObjectNode o = JSON.createObjectNode();
          o.put("retried", n.retryDeadLetters(parts[1]));
          return new Reply(200, write(o), ImmutableMap.of());
        }
      }
    } catch (IllegalStateException e) {
      return error(503, "notifier_unavailable", e.getMessage());
    }
    return error(404, "not_found", "no admin route " + String.join("/", parts));
  }

  /** A subscriber as JSON: never its token or a webhook's secret. */
  private static ObjectNode subscriberJson(Subscriber s, Notifier n) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", s.id());
    if (s.channel() instanceof Channel.Email email) {
      o.put("type", "email");
      o.put("address", email.address());
    } else if (s.channel() instanceof Channel.Webhook hook) {
      o.put("type", "webhook");
      o.put("url", hook.url().toString());
      o.put("format", hook.format().key());
    }
    ObjectNode topics = o.putObject("topics");
    Topics t = s.topics();
    t.servers().forEach(topics.putArray("servers")::add);
    t.tags().forEach(topics.putArray("tags")::add);
    t.categories().forEach(topics.putArray("categories")::add);
    ArrayNode kinds = topics.putArray("kinds");
    t.kinds().forEach(k -> kinds.add(k.key()));
    topics.put("components", t.components());
    o.put("confirmed", s.confirmed());
    o.put("since", s.since());
    o.put("createdAt", s.createdAt().toString());
    OptionalLong through = n.deliveredThrough(s.id());
    if (through.isPresent()) {
      o.put("deliveredThrough", through.getAsLong());
    } else {
      o.putNull("deliveredThrough");
    }
    return o;
  }

  // ---------------------------------------------------------------- routes

  private Incident openIncident(ObjectNode json) {
    Fields fields = new Fields(json, "title", "body", "format", "impact", "state", "servers", "tags", "categories", "id");
    String title = fields.requiredText("title");
    Body body = fields.body();
    Impact impact = fields.optionalEnum("impact", Impact::fromKey, Impact.MINOR);
    IncidentState state = fields.optionalEnum("state", IncidentState::fromKey, IncidentState.INVESTIGATING);
    if (state.kind() != IncidentKind.INCIDENT || state.isClosed()) {
      fields.problem("state", "must be investigating, identified or monitoring: \"" + state.key() + "\"");
    }
    Map<String, Status> servers = fields.statusMap("servers");
    String[] tags = fields.labels("tags");
    String[] categories = fields.labels("categories");
    String id = fields.optionalText("id");
    fields.done();
    OpenIncident.Builder builder =
        OpenIncident.incident(title).impact(impact).state(state).body(body).tags(tags).categories(categories).id(id);
    servers.forEach(builder::declaring);
    return tracker.openIncident(builder.build());
  }

  private Incident scheduleMaintenance(ObjectNode json) {
    Fields fields = new Fields(json, "title", "body", "format", "start", "end", "servers", "impact", "tags", "categories", "id");
    String title = fields.requiredText("title");
    Instant start = fields.requiredTime("start");
    Instant end = fields.requiredTime("end");
    Impact impact = fields.optionalEnum("impact", Impact::fromKey, Impact.NONE);
    Body body = json.has("body") ? fields.body() : Body.plain(title);
    List<String> servers = fields.idList("servers");
    MaintenanceWindow window = null;
    if (start != null && end != null) {
      if (!end.isAfter(start)) {
        fields.problem("end", "must be after start: " + end);
      } else {
        window = MaintenanceWindow.of(start, end);
      }
    }
    String[] tags = fields.labels("tags");
    String[] categories = fields.labels("categories");
    String id = fields.optionalText("id");
    fields.done();
    OpenIncident.Builder builder =
        OpenIncident.maintenance(title, requireNonNull(window))
            .impact(impact)
            .body(body)
            .tags(tags)
            .categories(categories)
            .id(id);
    for (String server : servers) {
      builder.affecting(server, Status.UNDER_MAINTENANCE);
    }
    return tracker.scheduleMaintenance(builder.build());
  }

  private Incident postNotice(ObjectNode json) {
    Fields fields = new Fields(json, "title", "body", "format", "servers", "tags", "categories", "id");
    String title = fields.requiredText("title");
    Body body = fields.body();
    List<String> servers = fields.idList("servers");
    String[] tags = fields.labels("tags");
    String[] categories = fields.labels("categories");
    String id = fields.optionalText("id");
    fields.done();
    OpenIncident.Builder builder =
        OpenIncident.notice(title).body(body).tags(tags).categories(categories).id(id);
    for (String server : servers) {
      builder.affecting(server, Status.OPERATIONAL);
    }
    return tracker.postNotice(builder.build());
  }

  private Incident postUpdate(String incidentId, ObjectNode json) {
    Incident incident = requireIncident(incidentId);
    Fields fields = new Fields(json, "state", "body", "format", "servers", "internal");
    boolean internal = fields.optionalBoolean("internal");
    if (internal) {
      // An internal note, for staff only: it keeps the incident's state and declares no statuses.
      IncidentState state = fields.optionalEnum("state", IncidentState::fromKey, incident.state());
      if (state != incident.state()) {
        fields.problem(
            "state", "of an internal note must be the incident's current \"" + incident.state().key() + "\" or absent: \""
                + state.key() + "\"");
      }
      if (json.has("servers")) {
        fields.problem("servers", "must be absent on an internal note (it declares no statuses)");
      }
      Body body = fields.body();
      fields.done();
      tracker.execute(new Command.AddNote(incidentId, body, null));
      return requireIncident(incidentId);
    }
    IncidentState state = fields.requiredEnum("state", IncidentState::fromKey);
    Body body = fields.body();
    Map<String, Status> servers = fields.statusMap("servers");
    fields.done();
    tracker.execute(new Command.PostUpdate(incidentId, requireNonNull(state), body, ImmutableMap.copyOf(servers), null));
    return requireIncident(incidentId);
  }

  private Incident resolve(String incidentId, ObjectNode json) {
    Incident incident = requireIncident(incidentId);
    Fields fields = new Fields(json, "body", "format");
    Body body = fields.body();
    fields.done();
    IncidentState closing =
        incident.kind() == IncidentKind.MAINTENANCE ? IncidentState.COMPLETED : IncidentState.RESOLVED;
    tracker.execute(new Command.PostUpdate(incidentId, closing, body, ImmutableMap.of(), null));
    return requireIncident(incidentId);
  }

  private Incident requireIncident(String id) {
    return tracker.board().incident(id).orElseThrow(() -> new UnknownIncident("no incident \"" + id + "\""));
  }

  // ---------------------------------------------------------------- answers

  private static Reply created(Incident incident) {
    return new Reply(201, write(incidentJson(incident)), ImmutableMap.of("Location", "/incidents/" + incident.id() + "/"));
  }

  private static Reply ok(Incident incident) {
    return new Reply(200, write(incidentJson(incident)), ImmutableMap.of());
  }

  /** The incident as the admin API answers it. */
  static ObjectNode incidentJson(Incident incident) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", incident.id());
    node.put("kind", incident.kind().key());
    node.put("title", incident.title());
    node.put("state", incident.state().key());
    node.put("impact", incident.impact().key());
    ObjectNode affected = node.putObject("servers");
    incident.affected().forEach((id, status) -> affected.put(id, status.key()));
    MaintenanceWindow window = incident.window();
    if (window != null) {
      node.put("start", window.start().toString());
      node.put("end", window.end().toString());
    }
    ArrayNode updates = node.putArray("updates");
    for (IncidentUpdate update : incident.updates()) {
      ObjectNode u = updates.addObject();
      u.put("id", update.id());
      u.put("time", update.time().toString());
      u.put("state", update.state().key());
      u.put("body", update.body().text());
      if (update.internal()) {
        u.put("internal", true);
      }
    }
    return node;
  }

  static Reply error(int status, String code, @Nullable String message) {
    return new Reply(status, errorJson(code, message == null ? code : message), ImmutableMap.of());
  }

  private static byte[] errorJson(String code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("error", code);
    error.put("message", message);
    return write(error);
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  // ---------------------------------------------------------------- validation

  /** Thrown when fields are missing or bad; carries every problem by field. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Map<String, String> problems;

    Invalid(Map<String, String> problems) {
      super(problems.toString(), null, false, false);
      this.problems = problems;
    }
  }

  private static final class UnknownIncident extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownIncident(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the fields of one request body, collecting every problem before failing. */
  private static final class Fields {
    private final ObjectNode json;
    private final Map<String, String> problems = new LinkedHashMap<>();

    Fields(ObjectNode json, String... allowed) {
      this.json = json;
      Set<String> known = ImmutableSet.copyOf(allowed);
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          problem(name, name + " is not a known field; known: " + String.join(", ", allowed));
        }
      }
    }

    void problem(String field, String message) {
      problems.putIfAbsent(field, message.startsWith(field) ? message : field + " " + message);
    }

    void done() {
      if (!problems.isEmpty()) {
        throw new Invalid(problems);
      }
    }

    boolean optionalBoolean(String field) {
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        return false;
      }
      if (!node.isBoolean()) {
        problem(field, "must be true or false: " + abbreviate(node.toString()));
        return false;
      }
      return node.booleanValue();
    }

    String requiredText(String field) {
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        problem(field, "is required");
        return "-";
      }
      if (!node.isTextual() || node.asText().isBlank()) {
        problem(field, "must be a non-blank string: " + node);
        return "-";
      }
      if (node.asText().length() > 200 || node.asText().contains("\n")) {
        problem(field, "must be one line of at most 200 chars");
        return "-";
      }
      return node.asText().strip();
    }

    @Nullable String optionalText(String field) {
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isTextual() || !node.asText().matches("[A-Za-z0-9._-]{1,64}")) {
        problem(field, "must be 1 to 64 letters, digits, '.', '_' or '-': " + node);
        return null;
      }
      return node.asText();
    }

    Body body() {
      JsonNode node = json.get("body");
      JsonNode format = json.get("format");
      boolean html = false;
      if (format != null && !format.isNull()) {
        if (format.isTextual() && (format.asText().equals("plain") || format.asText().equals("html"))) {
          html = format.asText().equals("html");
        } else {
          problem("format", "must be \"plain\" or \"html\": " + format);
        }
      }
      if (node == null || node.isNull()) {
        problem("body", "is required");
        return Body.plain("-");
      }
      if (!node.isTextual() || node.asText().isBlank()) {
        problem("body", "must be a non-blank string: " + abbreviate(node.toString()));
        return Body.plain("-");
      }
      return html ? Body.html(node.asText()) : Body.plain(node.asText());
    }

    <E> E optionalEnum(String field, java.util.function.Function<String, E> parse, E fallback) {
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        return fallback;
      }
      E value = parseEnum(field, node, parse);
      return value == null ? fallback : value;
    }

    <E> @Nullable E requiredEnum(String field, java.util.function.Function<String, E> parse) {
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        problem(field, "is required");
        return null;
      }
      return parseEnum(field, node, parse);
    }

    private <E> @Nullable E parseEnum(String field, JsonNode node, java.util.function.Function<String, E> parse) {
      if (!node.isTextual()) {
        problem(field, "must be a string: " + node);
        return null;
      }
      try {
        return parse.apply(node.asText());
      } catch (IllegalArgumentException e) {
        problem(field, "has an unknown value: \"" + abbreviate(node.asText()) + "\"");
        return null;
      }
    }

    @Nullable Instant requiredTime(String field) {
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        problem(field, "is required (an ISO-8601 time with offset, such as 2016-11-23T07:00:00Z)");
        return null;
      }
      try {
        return OffsetDateTime.parse(node.asText()).toInstant();
      } catch (DateTimeParseException e) {
        problem(field, "must be an ISO-8601 time with offset, such as 2016-11-23T07:00:00Z: " + abbreviate(node.toString()));
        return null;
      }
    }

    Map<String, Status> statusMap(String field) {
      Map<String, Status> result = new LinkedHashMap<>();
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        return result;
      }
      if (!node.isObject()) {
        problem(field, "must be an object of server id to status, such as {\"NC027\": \"major_outage\"}");
        return result;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Status status = parseEnum(field + "." + entry.getKey(), entry.getValue(), Status::fromKey);
        if (status != null) {
          result.put(entry.getKey(), status);
        }
      }
      return result;
    }

    List<String> idList(String field) {
      List<String> result = new ArrayList<>();
      JsonNode node = json.get(field);
      if (node == null || node.isNull()) {
        return result;
      }
      if (!node.isArray()) {
        problem(field, "must be an array of server ids");
        return result;
      }
      for (JsonNode item : node) {
        if (!item.isTextual()) {
          problem(field, "must hold only strings: " + abbreviate(item.toString()));
        } else {
          result.add(item.asText());
        }
      }
      return result;
    }

    String[] labels(String field) {
      List<String> labels = idList(field);
      return labels.toArray(new String[0]);
    }

    private static String abbreviate(String text) {
      return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
  }

}
