package io.statuskit.monitor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statuskit.probes.spi.ProbeSettings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** {@link ProbeSettings} over a Jackson object node; problems go to a shared list. */
public final class JsonSettings implements ProbeSettings {
  private final String path;
  private final ObjectNode node;
  private final List<String> problems;
  private final Map<String, String> fallbacks;
  private final @Nullable Path baseDirectory;
  private final Set<String> read = new HashSet<>();

  public JsonSettings(String path, ObjectNode node, List<String> problems, Map<String, String> fallbacks) {
    this(path, node, problems, fallbacks, null);
  }

  /**
   * Settings whose relative file paths resolve against {@code baseDirectory} (the configuration
   * file's directory), or against the working directory when null.
   */
  public JsonSettings(
      String path,
      ObjectNode node,
      List<String> problems,
      Map<String, String> fallbacks,
      @Nullable Path baseDirectory) {
    this.path = path;
    this.node = node;
    this.problems = problems;
    this.fallbacks = fallbacks;
    this.baseDirectory = baseDirectory;
  }

  /** Nested settings that share this one's problems and base directory. */
  private JsonSettings nested(String nestedPath, ObjectNode nestedNode, Map<String, String> nestedFallbacks) {
    return new JsonSettings(nestedPath, nestedNode, problems, nestedFallbacks, baseDirectory);
  }

  @Override
  public Optional<Path> file(String name) {
    Optional<String> text = string(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String written = text.get();
    Path file;
    try {
      file = Path.of(written);
    } catch (InvalidPathException e) {
      problem(name, "\"" + written + "\" is not a file path (" + e.getReason() + ")");
      return Optional.empty();
    }
    if (!file.isAbsolute() && baseDirectory != null) {
      file = baseDirectory.resolve(file);
    }
    String where = file.toString().equals(written) ? "" : " (" + file.toAbsolutePath().normalize() + ")";
    if (!Files.exists(file)) {
      problem(name, "\"" + written + "\" does not exist" + where);
      return Optional.empty();
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      problem(name, "\"" + written + "\" is not a readable file" + where);
      return Optional.empty();
    }
    return Optional.of(file);
  }

  @Override
  public <T> Optional<T> check(String name, Optional<T> value, Consumer<? super T> rule) {
    if (value.isEmpty()) {
      return value;
    }
    T v = value.get();
    try {
      rule.accept(v);
      return value;
    } catch (IllegalArgumentException e) {
      problem(name, written(name, v) + " " + reason(name, String.valueOf(e.getMessage()), v));
      return Optional.empty();
    }
  }

  /** The value as the file has it: {@code "0s"}, not {@code PT0S}; list elements as {@code name[i]}. */
  private String written(String name, Object value) {
    int bracket = name.indexOf('[');
    JsonNode v = node.get(bracket < 0 ? name : name.substring(0, bracket));
    if (v != null && bracket >= 0 && v.isArray() && name.endsWith("]")) {
      try {
        v = v.get(Integer.parseInt(name.substring(bracket + 1, name.length() - 1)));
      } catch (NumberFormatException e) {
        v = null;
      }
    }
    if (v != null && v.isValueNode() && !v.isNull()) {
      return show(v);
    }
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  /**
   * A rule's message without the setting's name in front and without the value as Java prints it
   * ({@code timeout must be positive: PT0S} becomes {@code must be positive}): the problem shows
   * the value as written instead.
   */
  static String reason(String name, String message, Object value) {
    int bracket = name.indexOf('[');
    String base = bracket < 0 ? name : name.substring(0, bracket);
    String m = message;
    int space = m.indexOf(' ');
    // the rule's own name for the setting (timeout, ehloName for ehlo, server.role for role) goes:
    // the path names it
    String first = space > 0 ? m.substring(0, space) : "";
    if (first.endsWith(":")) {
      first = first.substring(0, first.length() - 1);
    }
    if (space > 0 && (first.startsWith(base) || first.endsWith("." + base))) {
      m = m.substring(space + 1);
    }
    for (String shown : List.of(": \"" + value + "\"", ": " + value)) {
      int at = m.indexOf(shown);
      if (at >= 0) {
        m = m.substring(0, at) + m.substring(at + shown.length());
        break;
      }
    }
    return m.isEmpty() ? "is not valid" : m;
  }

  @Override
  public String path() {
    return path;
  }

  private String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String show(JsonNode value) {
    return value.isTextual() ? "\"" + value.asText() + "\"" : value.toString();
  }

  @Override
  public void problem(String name, String message) {
    problems.add(at(name) + ": " + message);
  }

  private @Nullable JsonNode get(String name) {
    read.add(name);
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  /** Whether the object has a setting of this name (null counts as absent); does not mark it read. */
  public boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  /** Marks a setting read without reading it (handled by the caller). */
  public void markRead(String name) {
    read.add(name);
  }

  /** Reports settings nobody read as unknown. */
  public void reportUnknown() {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!read.contains(n)) {
        problems.add(at(n) + ": unknown setting");
      }
    }
  }

  @Override
  public Optional<String> string(String name) {
    JsonNode v = get(name);
    if (v == null) {
      String fb = fallbacks.get(name);
      return Optional.ofNullable(fb);
    }
    if (!v.isValueNode()) {
      problem(name, show(v) + " is not a string");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  @Override
  public String requireString(String name) {
    Optional<String> s = string(name);
    if (s.isEmpty()) {
      if (node.get(name) == null) {
        problem(name, "is required");
      }
      return "";
    }
    return s.get();
  }

  @Override
  public Optional<Integer> integer(String name, int min, int max) {
    JsonNode v = get(name);
    if (v == null) {
      String fb = fallbacks.get(name);
      if (fb == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(Integer.parseInt(fb));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    long n;
    if (v.isIntegralNumber()) {
      n = v.asLong();
    } else if (v.isTextual() && v.asText().trim().matches("-?\\d{1,10}")) {
      n = Long.parseLong(v.asText().trim());
    } else {
      problem(name, show(v) + " is not a whole number");
      return Optional.empty();
    }
    if (n < min || n > max) {
      problem(name, show(v) + " is not between " + min + " and " + max);
      return Optional.empty();
    }
    return Optional.of((int) n);
  }

  @Override
  public int requireInteger(String name, int min, int max) {
    Optional<Integer> n = integer(name, min, max);
    if (n.isEmpty() && node.get(name) == null && !fallbacks.containsKey(name)) {
      problem(name, "is required");
    }
    return n.orElse(min);
  }

  @Override
  public Optional<Boolean> bool(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isBoolean()) {
      return Optional.of(v.asBoolean());
    }
    if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
      return Optional.of(Boolean.parseBoolean(v.asText()));
    }
    problem(name, show(v) + " is not true or false");
    return Optional.empty();
  }

  @Override
  public Optional<Duration> duration(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return Optional.empty();
    }
    Optional<Duration> d = v.isValueNode() ? Durations.parse(v.asText()) : Optional.empty();
    if (d.isEmpty()) {
      problem(name, show(v) + " is not a duration (such as 250ms, 5s, 2m, 1h, 14d)");
    }
    return d;
  }

  @Override
  public List<String> strings(String name) {
    JsonNode v = get(name);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (v.isValueNode()) {
      out.add(v.asText());
      return out;
    }
    if (!v.isArray()) {
      problem(name, show(v) + " is not a list of strings");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isValueNode() || e.isNull()) {
        problems.add(at(name) + "[" + i + "]: " + show(e) + " is not a string");
      } else {
        out.add(e.asText());
      }
    }
    return out;
  }

  @Override
  public Map<String, String> stringMap(String name) {
    JsonNode v = get(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      problem(name, show(v) + " is not a map");
      return out;
    }
    v.fields().forEachRemaining(
        e -> {
          if (e.getValue().isValueNode() && !e.getValue().isNull()) {
            out.put(e.getKey(), e.getValue().asText());
          } else {
            problems.add(at(name) + "." + e.getKey() + ": " + show(e.getValue()) + " is not a string");
          }
        });
    return out;
  }

  @Override
  public List<ProbeSettings> objects(String name) {
    return objectList(name, Map.of());
  }

  /** The nested objects of a list, with fallbacks for string settings. */
  public List<ProbeSettings> objectList(String name, Map<String, String> nestedFallbacks) {
    JsonNode v = get(name);
    List<ProbeSettings> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      problem(name, show(v) + " is not a list");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String p = at(name) + "[" + i + "]";
      if (!e.isObject()) {
        problems.add(p + ": " + show(e) + " is not an object");
      } else {
        out.add(nested(p, (ObjectNode) e, nestedFallbacks));
      }
    }
    return out;
  }

  /** A nested object, or empty. */
  public Optional<JsonSettings> object(String name) {
    JsonNode v = get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isObject()) {
      problem(name, show(v) + " is not an object");
      return Optional.empty();
    }
    return Optional.of(nested(at(name), (ObjectNode) v, Map.of()));
  }
}
