package io.statuskit.examples;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of one command: {@code --name value} or {@code --name=value}, each at most once,
 * only those the command knows. Not thread-safe.
 */
final class Arguments {
  private final Map<String, String> values;

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses options.
   *
   * @throws IllegalArgumentException naming the option that is unknown, repeated or lacks a value
   */
  static Arguments parse(List<String> args, Set<String> known) {
    return parse(args, known, ImmutableSet.of());
  }

  /**
   * Parses options and flags ({@code --name} without a value).
   *
   * @throws IllegalArgumentException naming the option that is unknown, repeated or lacks a value
   */
  static Arguments parse(List<String> args, Set<String> known, Set<String> flags) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        problems.add("unexpected argument \"" + arg + "\"");
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (value != null) {
          problems.add("option --" + name + " takes no value");
        } else if (values.put(name, "true") != null) {
          problems.add("option --" + name + " is given twice");
        }
        continue;
      }
      if (!known.contains(name)) {
        Set<String> all = ImmutableSet.<String>builder().addAll(known).addAll(flags).build();
        problems.add("unknown option --" + name + " (known: --" + String.join(", --", all) + ")");
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          problems.add("option --" + name + " needs a value");
          continue;
        }
        value = args.get(++i);
      }
      if (values.put(name, value) != null) {
        problems.add("option --" + name + " is given twice");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Arguments(values);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  int port(String name, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
      throw new IllegalArgumentException("option --" + name + " must be a port from 0 to 65535: \"" + value + "\"");
    }
    return Integer.parseInt(value);
  }
}
