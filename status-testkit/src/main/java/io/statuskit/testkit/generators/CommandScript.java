package io.statuskit.testkit.generators;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.Command;
import io.statuskit.testkit.internal.Describe;

/**
 * A generated sequence of commands, each with what a correct tracker must do with it: accept it,
 * or reject it and change nothing (and why: "unknown server", "backwards transition", ...). Its
 * {@link #toString()} is a numbered listing, one command a line, so a shrunk counterexample reads
 * as a short story. Immutable and thread-safe.
 */
public final class CommandScript {
  /**
   * One command of the script.
   *
   * @param command the command
   * @param accepted whether a correct tracker accepts it
   * @param note why it must be rejected, or "" when it must be accepted
   */
  public record Entry(Command command, boolean accepted, String note) {
    /** Checks the parts are present. */
    public Entry {
      requireNonNull(command, "command");
      requireNonNull(note, "note");
    }

    @Override
    public String toString() {
      return Describe.command(command) + (accepted ? "" : "  -> rejected: " + note);
    }
  }

  private final ImmutableList<Entry> entries;

  CommandScript(ImmutableList<Entry> entries) {
    this.entries = entries;
  }

  /** The entries, in order. */
  public ImmutableList<Entry> entries() {
    return entries;
  }

  /** The commands, in order. */
  public ImmutableList<Command> commands() {
    return entries.stream().map(Entry::command).collect(ImmutableList.toImmutableList());
  }

  /** How many commands the script holds. */
  public int size() {
    return entries.size();
  }

  /** How many commands a correct tracker must reject. */
  public long rejectedCount() {
    return entries.stream().filter(e -> !e.accepted()).count();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CommandScript[").append(entries.size()).append(" commands]");
    for (int i = 0; i < entries.size(); i++) {
      text.append("\n  ").append(i + 1).append(". ").append(entries.get(i));
    }
    return text.toString();
  }
}
