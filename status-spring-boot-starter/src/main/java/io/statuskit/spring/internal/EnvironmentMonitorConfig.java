package io.statuskit.spring.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import io.statuskit.monitor.ConfigException;
import io.statuskit.monitor.MonitorConfig;
import io.statuskit.monitor.MonitorConfigLoader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Reads {@code statuskit.defaults}, {@code statuskit.servers} and {@code statuskit.incidents} from a Spring environment into
 * the JSON tree a config file would give (the same keys, as written), and hands it to
 * status-monitor's {@link MonitorConfigLoader}, so the rules, defaults and messages are the config
 * file's. Problems name the full property ({@code statuskit.servers[0].probes[0].timeout}) and,
 * where Spring knows it, where it was set ({@code class path resource [application.yml] - 12:18}).
 *
 * <p>Property sources are read in Spring's order of precedence: a key set in a higher source wins,
 * and a list (such as {@code servers} or a server's {@code probes}) comes whole from the highest
 * source that sets any of it, as when Spring binds a list. Placeholders ({@code ${HOST}}) are
 * resolved. Values keep the types YAML gave them; text from {@code .properties} or the
 * environment is read as the config file reads quoted text (numbers and booleans in text are
 * accepted). Stateless and thread-safe.
 */
public final class EnvironmentMonitorConfig {
  /** The prefix of every key this reads. */
  public static final String PREFIX = "statuskit";
  /** The sections of the config file this reads, under {@link #PREFIX}. */
  public static final ImmutableList<String> SECTIONS = ImmutableList.of("defaults", "servers", "incidents");

  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvironmentMonitorConfig() {}

  /** Whether the environment sets anything under {@code statuskit.defaults} or {@code statuskit.servers}. */
  public static boolean isConfigured(Environment environment) {
    return !entries(environment).isEmpty();
  }

  /**
   * The monitor config of the environment.
   *
   * @throws ConfigException listing every problem, each starting with its full property name
   */
  public static MonitorConfig load(Environment environment, MonitorConfigLoader loader) {
    requireNonNull(environment, "environment");
    requireNonNull(loader, "loader");
    List<Entry> entries = entries(environment);
    Map<String, Origin> origins = new HashMap<>();
    List<String> problems = new ArrayList<>();
    ObjectNode tree = tree(entries, origins, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(source(), ImmutableList.copyOf(problems));
    }
    String json;
    try {
      json = JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the monitor settings as JSON", e);
    }
    try {
      return loader.fromJson(json);
    } catch (ConfigException e) {
      List<String> named = new ArrayList<>();
      for (String problem : e.problems()) {
        named.add(name(problem, origins));
      }
      throw new ConfigException(source(), ImmutableList.copyOf(named));
    }
  }

  private static String source() {
    return "the Spring environment (" + PREFIX + ".defaults, " + PREFIX + ".servers, " + PREFIX + ".incidents)";
  }

  /** Prefixes a loader problem's path with {@code statuskit.} and adds where it was set. */
  private static String name(String problem, Map<String, Origin> origins) {
    int colon = problem.indexOf(": ");
    String path = colon < 0 ? "" : problem.substring(0, colon);
    if (path.isEmpty() || path.contains(" ")) {
      return PREFIX + ": " + problem;
    }
    Origin origin = null;
    for (String p = path; origin == null && !p.isEmpty(); p = parent(p)) {
      origin = origins.get(p);
    }
    return PREFIX + "." + problem + (origin == null ? "" : " (set in " + origin + ")");
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** One property under a section: its elements after {@code statuskit}, value, origin and rank. */
  private record Entry(List<Element> elements, @Nullable Object value, @Nullable Origin origin, int rank) {
    String path(int length) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        Element e = elements.get(i);
        if (e.index >= 0) {
          s.append('[').append(e.index).append(']');
        } else {
          if (s.length() > 0) {
            s.append('.');
          }
          s.append(e.key);
        }
      }
      return s.toString();
    }
  }

  /** A key, or a list index (then {@code index >= 0}). */
  private record Element(String key, int index) {}

  /** Every property under the sections, highest precedence first, each name once. */
  private static List<Entry> entries(Environment environment) {
    Map<ConfigurationPropertyName, Entry> byName = new LinkedHashMap<>();
    int rank = 0;
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      rank++;
      if (!(source instanceof IterableConfigurationPropertySource iterable)) {
        continue;
      }
      for (ConfigurationPropertyName name : iterable) {
        if (!ROOT.isAncestorOf(name) || !SECTIONS.contains(name.getElement(1, Form.ORIGINAL))) {
          continue;
        }
        if (byName.containsKey(name)) {
          continue;
        }
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property == null) {
          continue;
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 1; i < name.getNumberOfElements(); i++) {
          String element = name.getElement(i, Form.ORIGINAL);
          elements.add(
              name.isNumericIndex(i) ? new Element(element, Integer.parseInt(name.getElement(i, Form.UNIFORM))) : new Element(element, -1));
        }
        Object value = property.getValue();
        if (value instanceof String text) {
          value = environment.resolvePlaceholders(text);
        }
        byName.put(name, new Entry(elements, value, property.getOrigin(), rank));
      }
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * The tree of the entries. A list comes whole from the highest-precedence source that sets any
   * of its elements, as Spring binds lists; entries of lower sources inside it are dropped.
   */
  private static ObjectNode tree(List<Entry> entries, Map<String, Origin> origins, List<String> problems) {
    Map<String, Integer> listOwner = new HashMap<>();
    for (Entry e : entries) {
      for (int i = 0; i < e.elements.size(); i++) {
        if (e.elements.get(i).index >= 0) {
          listOwner.merge(e.path(i), e.rank, Math::min);
        }
      }
    }
    Map<String, Object> root = new LinkedHashMap<>();
    for (Entry e : entries) {
      boolean owned = true;
      for (int i = 0; i < e.elements.size() && owned; i++) {
        Integer owner = listOwner.get(e.path(i));
        owned = e.elements.get(i).index < 0 || owner == null || owner == e.rank;
      }
      if (owned) {
        insert(root, e, origins, problems);
      }
    }
    return (ObjectNode) toJson(root);
  }

  @SuppressWarnings("unchecked")
  private static void insert(Map<String, Object> root, Entry e, Map<String, Origin> origins, List<String> problems) {
    Object node = root;
    int last = e.elements.size() - 1;
    for (int i = 0; i <= last; i++) {
      Element element = e.elements.get(i);
      Object key = element.index >= 0 ? (Object) element.index : element.key;
      boolean nextIsIndex = i < last && e.elements.get(i + 1).index >= 0;
      Map<Object, Object> container;
      if (node instanceof Map<?, ?> map && (element.index >= 0) == (map instanceof TreeMap<?, ?>)) {
        container = (Map<Object, Object>) map;
      } else {
        problems.add(PREFIX + "." + e.path(i + 1) + ": is set both as a value and as a list or section"
            + (e.origin == null ? "" : " (set in " + e.origin + ")"));
        return;
      }
      if (i == last) {
        if (!container.containsKey(key)) {
          container.put(key, new Leaf(e.value));
          if (e.origin != null) {
            origins.put(e.path(i + 1), e.origin);
          }
        }
        return;
      }
      Object child = container.get(key);
      if (child == null) {
        child = nextIsIndex ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
        container.put(key, child);
        if (e.origin != null) {
          origins.putIfAbsent(e.path(i + 1), e.origin);
        }
      }
      node = child;
    }
  }

  /** A value in the tree. */
  private record Leaf(@Nullable Object value) {}

  private static JsonNode toJson(Object node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof TreeMap<?, ?> list) {
      ArrayNode array = f.arrayNode();
      for (Map.Entry<?, ?> item : list.entrySet()) {
        int index = (Integer) item.getKey();
        while (array.size() < index) {
          array.add(NullNode.getInstance());
        }
        array.add(toJson(item.getValue()));
      }
      return array;
    }
    if (node instanceof Map<?, ?> map) {
      ObjectNode object = f.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toJson(v)));
      return object;
    }
    Object value = ((Leaf) node).value;
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return f.numberNode(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return f.numberNode(big);
    }
    if (value instanceof Double || value instanceof Float) {
      return f.numberNode(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal decimal) {
      return f.numberNode(decimal);
    }
    return f.textNode(value.toString());
  }
}
