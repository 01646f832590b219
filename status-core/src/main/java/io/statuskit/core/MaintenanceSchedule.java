package io.statuskit.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every recurring maintenance definition of a site, and the two questions asked of them: is a
 * server in an occurrence at an instant (the monitor, before it opens an incident on its own;
 * uptime, to leave the time out), and which occurrences fall in a window (the page, the
 * calendar). Immutable and thread-safe.
 */
public final class MaintenanceSchedule {
  private static final MaintenanceSchedule EMPTY = new MaintenanceSchedule(ImmutableList.of());

  private final ImmutableList<RecurringMaintenance> definitions;

  private MaintenanceSchedule(ImmutableList<RecurringMaintenance> definitions) {
    this.definitions = definitions;
  }

  /** No recurring maintenance. */
  public static MaintenanceSchedule empty() {
    return EMPTY;
  }

  /** A schedule of these definitions (copied). */
  public static MaintenanceSchedule of(List<RecurringMaintenance> definitions) {
    return new MaintenanceSchedule(ImmutableList.copyOf(definitions));
  }

  /** The definitions. */
  public ImmutableList<RecurringMaintenance> definitions() {
    return definitions;
  }

  /** Whether this server is in an occurrence of any definition at this instant. */
  public boolean covers(String serverId, Instant instant) {
    requireNonNull(serverId, "serverId");
    for (RecurringMaintenance definition : definitions) {
      if (definition.covers(serverId, instant)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One occurrence of a definition.
   *
   * @param definition what recurs
   * @param window this occurrence
   */
  public record Occurrence(RecurringMaintenance definition, MaintenanceWindow window) {
    /** Checks the parts. */
    public Occurrence {
      requireNonNull(definition, "definition");
      requireNonNull(window, "window");
    }
  }

  /** The occurrences that overlap {@code [from, to)}, by start. */
  public ImmutableList<Occurrence> occurrences(Instant from, Instant to) {
    List<Occurrence> all = new ArrayList<>();
    for (RecurringMaintenance definition : definitions) {
      for (MaintenanceWindow window : definition.occurrences(from, to)) {
        all.add(new Occurrence(definition, window));
      }
    }
    all.sort(Comparator.comparing((Occurrence o) -> o.window().start()).thenComparing(o -> o.definition().id()));
    return ImmutableList.copyOf(all);
  }
}
