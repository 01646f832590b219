package io.statuskit.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a property's tries covered: how often each label held, or how often each value of a label
 * came up, printed as a table and checked against minimum shares. A property calls {@link
 * #collect} once per try and {@link #check} after the run. Counts include re-runs while
 * QuickTheories shrinks a failure; a failing run reports the failure, not the coverage. Not
 * thread-safe.
 */
final class Coverage {
  private final String property;
  private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
  private final Map<String, Integer> tries = new LinkedHashMap<>();

  Coverage(String property) {
    this.property = property;
  }

  /** Counts whether {@code label} held in this try. */
  void collect(String label, boolean held) {
    collect(label, String.valueOf(held));
  }

  /** Counts that {@code label} had {@code value} in this try. */
  void collect(String label, String value) {
    counts.computeIfAbsent(label, l -> new TreeMap<>()).merge(value, 1, Integer::sum);
    tries.merge(label, 1, Integer::sum);
  }

  /** The share of tries, in percent, in which {@code label} held. */
  double percent(String label) {
    int total = tries.getOrDefault(label, 0);
    int held = counts.getOrDefault(label, Map.of()).getOrDefault("true", 0);
    return total == 0 ? 0 : 100.0 * held / total;
  }

  /** Prints the table (to the test's output) and checks each label held in at least its share. */
  void check(Map<String, Double> minimumPercent) {
    StringBuilder table = new StringBuilder("coverage of ").append(property).append(':');
    counts.forEach((label, values) -> {
      table.append("\n  ").append(label).append(':');
      values.forEach((value, n) -> table.append(String.format(" %s %.1f%%", value, 100.0 * n / tries.getOrDefault(label, 1))));
    });
    System.out.println(table);
    minimumPercent.forEach((label, minimum) ->
        assertThat(percent(label)).as("%s: share of tries where \"%s\" held%n%s", property, label, table).isGreaterThanOrEqualTo(minimum));
  }
}
