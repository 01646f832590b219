package io.statuskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import io.statuskit.core.Body;
import io.statuskit.core.Category;
import io.statuskit.core.Impact;
import io.statuskit.core.Incident;
import io.statuskit.core.IncidentKind;
import io.statuskit.core.IncidentState;
import io.statuskit.core.IncidentUpdate;
import io.statuskit.core.Location;
import io.statuskit.core.MaintenanceWindow;
import io.statuskit.core.Retirement;
import io.statuskit.core.Server;
import io.statuskit.core.ServerStatus;
import io.statuskit.core.Status;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusChange;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.Tag;
import io.statuskit.core.Timeline;
import io.statuskit.core.Vantage;
import io.statuskit.core.VantageQuorum;
import io.statuskit.core.VantageVerdict;
import io.statuskit.core.Visibility;
import io.statuskit.core.internal.Rfc3339;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads StatusKit JSON from a Jackson tree, strictly: every field is checked for its type, unknown
 * fields are rejected, and every error names the JSON path and shows the value.
 */
final class JsonReader {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern FORMAT = Pattern.compile("statuskit/(\\d{1,9})");

  private JsonReader() {}

  static StatusBoard board(JsonNode root) {
    Obj doc = Obj.root(root);
    checkFormat(doc);
    String type = doc.string("type");
    if (!type.equals("board")) {
      throw new StatusJsonException("type", show(doc.node.get("type")) + " is not a board document (expected \"board\")");
    }
    long version = doc.longValue("version");
    Instant updatedAt = doc.optionalInstant("updatedAt");
    List<ServerStatus> servers = new ArrayList<>();
    for (Item item : doc.array("servers")) {
      servers.add(serverStatus(item.object()));
    }
    List<Incident> incidents = new ArrayList<>();
    for (Item item : doc.array("incidents")) {
      incidents.add(incident(item.object()));
    }
    doc.end();
    return doc.build(() -> StatusBoard.of(version, updatedAt, servers, incidents));
  }

  static StatusEvent event(JsonNode root) {
    Obj doc = Obj.root(root);
    checkFormat(doc);
    String type = doc.string("type");
    if (!EventTypes.ALL.contains(type)) {
      throw new StatusJsonException(
          "type", show(doc.node.get("type")) + " is not an event type (one of " + String.join(", ", EventTypes.ALL) + ")");
    }
    long sequence = doc.longValue("sequence");
    Instant at = doc.instant("at");
    StatusEvent event;
    switch (type) {
      case EventTypes.SERVER_ADDED:
        {
          Server server = server(doc.object("server"));
          event = doc.build(() -> new StatusEvent.ServerAdded(sequence, at, server));
          break;
        }
      case EventTypes.SERVER_CHANGED:
        {
          Server server = server(doc.object("server"));
          event = doc.build(() -> new StatusEvent.ServerChanged(sequence, at, server));
          break;
        }
      case EventTypes.SERVER_RETIRED:
        {
          String serverId = doc.string("serverId");
          String replacedBy = doc.optionalString("replacedBy");
          event = doc.build(() -> new StatusEvent.ServerRetired(sequence, at, serverId, replacedBy));
          break;
        }
      case EventTypes.SERVER_REMOVED:
        {
          String serverId = doc.string("serverId");
          event = doc.build(() -> new StatusEvent.ServerRemoved(sequence, at, serverId));
          break;
        }
      case EventTypes.VANTAGE_FORGOTTEN:
        {
          String vantage = doc.string("vantage");
          event = doc.build(() -> new StatusEvent.VantageForgotten(sequence, at, vantage));
          break;
        }
      case EventTypes.STATUS_OBSERVED:
        {
          String serverId = doc.string("serverId");
          Status status = doc.status("status");
          String detail = doc.optionalString("detail");
          event = doc.build(() -> new StatusEvent.StatusObserved(sequence, at, serverId, status, detail));
          break;
        }
      case EventTypes.INCIDENT_OPENED:
        {
          Incident incident = incident(doc.object("incident"));
          event = doc.build(() -> new StatusEvent.IncidentOpened(sequence, at, incident));
          break;
        }
      case EventTypes.INCIDENT_UPDATED:
        {
          String incidentId = doc.string("incidentId");
          IncidentUpdate update = update(doc.object("update"));
          event = doc.build(() -> new StatusEvent.IncidentUpdated(sequence, at, incidentId, update));
          break;
        }
      case EventTypes.MAINTENANCE_RESCHEDULED:
        {
          String incidentId = doc.string("incidentId");
          MaintenanceWindow window = window(doc.object("window"));
          event = doc.build(() -> new StatusEvent.MaintenanceRescheduled(sequence, at, incidentId, window));
          break;
        }
      case EventTypes.HEALTH_REPORTED:
        {
          String serverId = doc.string("serverId");
          String origin = doc.string("origin");
          Status status = doc.status("status");
          String detail = doc.optionalString("detail");
          Instant observedAt = doc.instant("observedAt");
          Obj openedObj = doc.optionalObject("opened");
          Incident opened = openedObj == null ? null : incident(openedObj);
          String resolvedId = doc.optionalString("resolvedIncidentId");
          Obj resolutionObj = doc.optionalObject("resolution");
          IncidentUpdate resolution = resolutionObj == null ? null : update(resolutionObj);
          Obj vantageObj = doc.optionalObject("vantage");
          StatusEvent.VantageReport vantage = vantageObj == null ? null : vantageReport(vantageObj);
          event =
              doc.build(
                  () ->
                      new StatusEvent.HealthReported(
                          sequence, at, serverId, origin, status, detail, observedAt, opened, resolvedId, resolution, vantage));
          break;
        }
      case EventTypes.COVERAGE_REPORTED:
        {
          String origin = doc.string("origin");
          Instant until = doc.instant("until");
          com.google.common.collect.ImmutableList.Builder<io.statuskit.core.Command.ReportCoverage.Watched> watched =
              com.google.common.collect.ImmutableList.builder();
          for (Item item : doc.array("servers")) {
            Obj one = item.object();
            String id = one.string("id");
            Instant failing = one.optionalInstant("failingSince");
            one.end();
            watched.add(one.build(() -> new io.statuskit.core.Command.ReportCoverage.Watched(id, failing)));
          }
          Obj vantageObj = doc.optionalObject("vantage");
          Vantage vantage = vantageObj == null ? null : vantage(vantageObj, true);
          event = doc.build(() -> new StatusEvent.CoverageReported(sequence, at, origin, watched.build(), until, vantage));
          break;
        }
      default:
        throw new AssertionError("event type " + type);
    }
    doc.end();
    return event;
  }

  private static void checkFormat(Obj doc) {
    JsonNode format = doc.node.get("format");
    if (format == null || format.isNull()) {
      throw new StatusJsonException("format", "missing; not a StatusKit document (expected \"" + StatusJson.FORMAT + "\")");
    }
    String value = doc.string("format");
    java.util.regex.Matcher matcher = FORMAT.matcher(value);
    if (!matcher.matches()) {
      throw new StatusJsonException(
          "format", show(format) + " is not a StatusKit format (expected \"" + StatusJson.FORMAT + "\")");
    }
    int major = Integer.parseInt(matcher.group(1));
    if (major > StatusJson.MAJOR_VERSION) {
      throw new StatusJsonException(
          "format",
          show(format)
              + " is a newer major version than this reader's \""
              + StatusJson.FORMAT
              + "\"; read it with a newer StatusKit");
    }
    if (major < StatusJson.MAJOR_VERSION) {
      throw new StatusJsonException(
          "format", show(format) + " is not supported (this reader reads \"" + StatusJson.FORMAT + "\")");
    }
  }

  private static ServerStatus serverStatus(Obj obj) {
    Server server = server(obj.object("server"));
    Status observed = obj.status("observed");
    String detail = obj.optionalString("detail");
    Instant observedAt = obj.optionalInstant("observedAt");
    Instant addedAt = obj.instant("addedAt");
    Instant changedAt = obj.instant("changedAt");
    Obj coverageObj = obj.optionalObject("coverage");
    io.statuskit.core.Coverage coverage = null;
    if (coverageObj != null) {
      Instant seenAt = coverageObj.instant("seenAt");
      Instant until = coverageObj.instant("until");
      Instant failing = coverageObj.optionalInstant("failingSince");
      java.util.Map<String, VantageVerdict> vantages = new java.util.TreeMap<>();
      for (Item item : coverageObj.optionalArray("vantages")) {
        VantageVerdict verdict = vantageVerdict(item.object());
        if (vantages.put(verdict.name(), verdict) != null) {
          throw new StatusJsonException(coverageObj.path("vantages"), "vantage \"" + verdict.name() + "\" appears more than once");
        }
      }
      coverageObj.end();
      coverage =
          coverageObj.build(
              () -> new io.statuskit.core.Coverage(seenAt, until, failing, ImmutableSortedMap.copyOf(vantages)));
    }
    io.statuskit.core.Coverage kept = coverage;
    List<StatusChange> changes = new ArrayList<>();
    for (Item item : obj.array("timeline")) {
      Obj change = item.object();
      Instant at = change.instant("at");
      Status status = change.status("status");
      change.end();
      changes.add(new StatusChange(at, status));
    }
    obj.end();
    Timeline timeline =
        obj.build(() -> new Timeline(server.id(), ImmutableList.copyOf(changes)), "timeline");
    return obj.build(
        () -> new ServerStatus(server, observed, detail, observedAt, addedAt, changedAt, timeline, kept));
  }

  /** A location and its quorum: {@code {"name": "amsterdam", "quorum": 2}}, no quorum for a majority. */
  private static Vantage vantage(Obj obj, boolean end) {
    String name = obj.string("name");
    int quorum = obj.optionalInt("quorum", 0);
    if (end) {
      obj.end();
    }
    return obj.build(() -> new Vantage(name, new VantageQuorum(quorum)));
  }

  private static StatusEvent.VantageReport vantageReport(Obj obj) {
    Vantage vantage = vantage(obj, false);
    Status status = obj.status("status");
    String detail = obj.optionalString("detail");
    Instant since = obj.instant("since");
    obj.end();
    return obj.build(() -> new StatusEvent.VantageReport(vantage, status, detail, since));
  }

  private static VantageVerdict vantageVerdict(Obj obj) {
    String name = obj.string("name");
    String statusKey = obj.optionalString("status");
    Status status = statusKey == null ? null : obj.status("status");
    String detail = obj.optionalString("detail");
    Instant since = obj.optionalInstant("since");
    Instant seenAt = obj.instant("seenAt");
    Instant until = obj.instant("until");
    Instant failing = obj.optionalInstant("failingSince");
    obj.end();
    return obj.build(() -> new VantageVerdict(name, status, detail, since, seenAt, until, failing));
  }

  private static Server server(Obj obj) {
    String id = obj.string("id");
    String name = obj.string("name");
    Obj locationObj = obj.optionalObject("location");
    Location location = null;
    if (locationObj != null) {
      String city = locationObj.string("city");
      String countryCode = locationObj.string("countryCode");
      String countryName = locationObj.string("countryName");
      locationObj.end();
      location = locationObj.build(() -> new Location(city, countryCode, countryName));
    }
    String role = obj.optionalString("role");
    Visibility visibility = obj.key("visibility", "a visibility", Visibility::values, Visibility::key);
    String group = obj.optionalString("group");
    String description = obj.optionalString("description");
    String host = obj.optionalString("host");
    ImmutableSet<Tag> tags = obj.labels("tags", Tag::new);
    Obj retirementObj = obj.optionalObject("retirement");
    Retirement retirement = null;
    if (retirementObj != null) {
      Instant at = retirementObj.instant("at");
      String replacedBy = retirementObj.optionalString("replacedBy");
      retirementObj.end();
      retirement = retirementObj.build(() -> new Retirement(at, replacedBy));
    }
    obj.end();
    Location finalLocation = location;
    Retirement finalRetirement = retirement;
    return obj.build(
        () ->
            new Server(
                id, name, finalLocation, role, visibility, group, description, host, tags, finalRetirement));
  }

  private static Incident incident(Obj obj) {
    String id = obj.string("id");
    IncidentKind kind = obj.key("kind", "an incident kind", IncidentKind::values, IncidentKind::key);
    String title = obj.string("title");
    Impact impact = obj.key("impact", "an impact", Impact::values, Impact::key);
    ImmutableMap<String, Status> affected = obj.statuses("affected");
    ImmutableSet<Tag> tags = obj.labels("tags", Tag::new);
    ImmutableSet<Category> categories = obj.labels("categories", Category::new);
    Obj windowObj = obj.optionalObject("window");
    MaintenanceWindow window = windowObj == null ? null : window(windowObj);
    int revision = obj.intValue("revision");
    String origin = obj.optionalString("origin");
    List<IncidentUpdate> updates = new ArrayList<>();
    for (Item item : obj.array("updates")) {
      updates.add(update(item.object()));
    }
    obj.end();
    return obj.build(
        () ->
            new Incident(
                id,
                kind,
                title,
                impact,
                affected,
                tags,
                categories,
                ImmutableList.copyOf(updates),
                window,
                revision,
                origin));
  }

  private static IncidentUpdate update(Obj obj) {
    String id = obj.string("id");
    OffsetDateTime time = obj.offsetDateTime("time");
    IncidentState state = obj.key("state", "a state", IncidentState::values, IncidentState::key);
    Body body = body(obj.object("body"));
    ImmutableMap<String, Status> statusChanges = obj.statuses("statusChanges");
    boolean addendum = obj.bool("addendum");
    String title = obj.optionalString("title");
    boolean internal = obj.optionalBool("internal");
    obj.end();
    return obj.build(() -> new IncidentUpdate(id, time, state, body, statusChanges, addendum, title, internal));
  }

  private static Body body(Obj obj) {
    String format = obj.string("format");
    Body.Format bodyFormat;
    if (format.equals("plain")) {
      bodyFormat = Body.Format.PLAIN;
    } else if (format.equals("html")) {
      bodyFormat = Body.Format.HTML;
    } else {
      throw new StatusJsonException(obj.path("format"), show(obj.node.get("format")) + " is not a body format (one of plain, html)");
    }
    String text = obj.string("text");
    obj.end();
    return obj.build(() -> new Body(text, bodyFormat));
  }

  private static MaintenanceWindow window(Obj obj) {
    Instant start = obj.instant("start");
    Instant end = obj.instant("end");
    obj.end();
    return obj.build(() -> new MaintenanceWindow(start, end));
  }

  static String show(@Nullable JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.toString();
    if (text.length() > 60) {
      return text.substring(0, 60) + "... (" + text.length() + " chars)";
    }
    return text;
  }

  static String child(String parent, String name) {
    String part = PLAIN_KEY.matcher(name).matches() ? name : "[" + JsonNodeText.quote(name) + "]";
    if (parent.isEmpty()) {
      return part;
    }
    return part.startsWith("[") ? parent + part : parent + "." + part;
  }

  /** An array element with its path. */
  private static final class Item {
    final JsonNode node;
    final String path;

    Item(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    Obj object() {
      return Obj.of(node, path);
    }
  }

  /** A JSON object being read: its path, and the fields taken so far (the rest are unknown). */
  private static final class Obj {
    final JsonNode node;
    final String path;
    private final Set<String> taken = new LinkedHashSet<>();

    private Obj(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    static Obj root(JsonNode node) {
      return of(node, "");
    }

    static Obj of(JsonNode node, String path) {
      if (!node.isObject()) {
        throw new StatusJsonException(display(path), "must be an object, was " + show(node));
      }
      return new Obj(node, path);
    }

    String path(String name) {
      return child(path, name);
    }

    static String display(String path) {
      return path.isEmpty() ? "$" : path;
    }

    private @Nullable JsonNode optional(String name) {
      taken.add(name);
      JsonNode value = node.get(name);
      return value == null || value.isNull() ? null : value;
    }

    private JsonNode required(String name) {
      JsonNode value = optional(name);
      if (value == null) {
        throw new StatusJsonException(path(name), node.has(name) ? "must not be null" : "is required");
      }
      return value;
    }

    String string(String name) {
      JsonNode value = required(name);
      if (!value.isTextual()) {
        throw new StatusJsonException(path(name), "must be a string, was " + show(value));
      }
      return value.textValue();
    }

    @Nullable String optionalString(String name) {
      JsonNode value = optional(name);
      if (value == null) {
        return null;
      }
      if (!value.isTextual()) {
        throw new StatusJsonException(path(name), "must be a string, was " + show(value));
      }
      return value.textValue();
    }

    long longValue(String name) {
      JsonNode value = required(name);
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw new StatusJsonException(path(name), "must be a whole number, was " + show(value));
      }
      return value.longValue();
    }

    int intValue(String name) {
      JsonNode value = required(name);
      if (!value.isIntegralNumber() || !value.canConvertToInt()) {
        throw new StatusJsonException(path(name), "must be a whole number up to 2147483647, was " + show(value));
      }
      return value.intValue();
    }

    boolean bool(String name) {
      JsonNode value = required(name);
      if (!value.isBoolean()) {
        throw new StatusJsonException(path(name), "must be true or false, was " + show(value));
      }
      return value.booleanValue();
    }

    /** An optional boolean, false when absent. */
    boolean optionalBool(String name) {
      JsonNode value = optional(name);
      if (value == null) {
        return false;
      }
      if (!value.isBoolean()) {
        throw new StatusJsonException(path(name), "must be true or false, was " + show(value));
      }
      return value.booleanValue();
    }

    Obj object(String name) {
      return Obj.of(required(name), path(name));
    }

    @Nullable Obj optionalObject(String name) {
      JsonNode value = optional(name);
      return value == null ? null : Obj.of(value, path(name));
    }

    List<Item> array(String name) {
      JsonNode value = required(name);
      if (!value.isArray()) {
        throw new StatusJsonException(path(name), "must be an array, was " + show(value));
      }
      List<Item> items = new ArrayList<>(value.size());
      String arrayPath = path(name);
      for (int i = 0; i < value.size(); i++) {
        items.add(new Item(value.get(i), arrayPath + "[" + i + "]"));
      }
      return items;
    }

    /** An optional array, empty when absent. */
    List<Item> optionalArray(String name) {
      return optional(name) == null ? List.of() : array(name);
    }

    /** An optional whole number, {@code absent} when missing. */
    int optionalInt(String name, int absent) {
      return optional(name) == null ? absent : intValue(name);
    }

    Instant instant(String name) {
      return offsetDateTime(name).toInstant();
    }

    @Nullable Instant optionalInstant(String name) {
      JsonNode value = optional(name);
      return value == null ? null : offsetDateTime(name).toInstant();
    }

    OffsetDateTime offsetDateTime(String name) {
      JsonNode value = required(name);
      if (!value.isTextual()) {
        throw new StatusJsonException(path(name), "must be an RFC 3339 date-time string, was " + show(value));
      }
      try {
        return Rfc3339.parse(value.textValue());
      } catch (DateTimeParseException e) {
        throw new StatusJsonException(
            path(name), show(value) + " is not an RFC 3339 date-time such as \"2016-11-23T07:09:00+02:00\"", e);
      }
    }

    Status status(String name) {
      return key(name, "a status", Status::values, Status::key);
    }

    <E> E key(String name, String what, java.util.function.Supplier<E[]> values, Function<E, String> key) {
      JsonNode value = required(name);
      return keyOf(value, path(name), what, values, key);
    }

    static <E> E keyOf(
        JsonNode value, String path, String what, java.util.function.Supplier<E[]> values, Function<E, String> key) {
      E[] all = values.get();
      if (value.isTextual()) {
        for (E candidate : all) {
          if (key.apply(candidate).equals(value.textValue())) {
            return candidate;
          }
        }
      }
      throw new StatusJsonException(
          path,
          show(value)
              + " is not "
              + what
              + " (one of "
              + Arrays.stream(all).map(key).collect(Collectors.joining(", "))
              + ")");
    }

    ImmutableMap<String, Status> statuses(String name) {
      JsonNode value = required(name);
      String mapPath = path(name);
      if (!value.isObject()) {
        throw new StatusJsonException(mapPath, "must be an object of server id to status, was " + show(value));
      }
      Map<String, Status> statuses = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String fieldPath = child(mapPath, field.getKey());
        statuses.put(field.getKey(), keyOf(field.getValue(), fieldPath, "a status", Status::values, Status::key));
      }
      return ImmutableMap.copyOf(statuses);
    }

    <L> ImmutableSet<L> labels(String name, java.util.function.BiFunction<String, String, L> factory) {
      ImmutableSet.Builder<L> labels = ImmutableSet.builder();
      for (Item item : array(name)) {
        Obj label = item.object();
        String text = label.string("label");
        String slug = label.string("slug");
        label.end();
        labels.add(label.build(() -> factory.apply(text, slug)));
      }
      return labels.build();
    }

    /** Rejects fields this reader did not take. */
    void end() {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!taken.contains(name)) {
          throw new StatusJsonException(
              path(name),
              "unknown field (value "
                  + show(node.get(name))
                  + "); "
                  + StatusJson.FORMAT
                  + " has no such field, and unknown fields are rejected rather than dropped");
        }
      }
    }

    /** Builds a model value, turning its validation failure into an error at this path. */
    <T> T build(java.util.function.Supplier<T> factory) {
      return build(factory, null);
    }

    <T> T build(java.util.function.Supplier<T> factory, @Nullable String field) {
      try {
        return factory.get();
      } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
        String where = field == null ? display(path) : child(path, field);
        throw new StatusJsonException(where, String.valueOf(e.getMessage()), e);
      }
    }
  }
}
