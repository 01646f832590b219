package io.statuskit.core.store;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link JournalStatusStore} found and did when it opened its directory: the snapshot it
 * started from, how many events it replayed after it, and every cut it made (a torn tail of the
 * last segment, or, only when {@link JournalStatusStore.Options#truncateAtCorruption()} allows it,
 * a corrupt record and everything after it). Immutable and thread-safe.
 *
 * @param directory the journal directory
 * @param snapshot the snapshot file the board was loaded from, or null when it was replayed from
 *     the first event
 * @param snapshotVersion the board version of that snapshot, 0 without one
 * @param eventsReplayed how many events were read from segments and applied after the snapshot
 * @param version the board version after recovery
 * @param truncations the cuts made, in the order they were made; empty after a clean shutdown
 * @param notes other things done: leftover temporary files removed, damaged files moved aside
 */
public record RecoveryReport(
    Path directory,
    @Nullable Path snapshot,
    long snapshotVersion,
    long eventsReplayed,
    long version,
    ImmutableList<Truncation> truncations,
    ImmutableList<String> notes) {

  /** Checks the parts. */
  public RecoveryReport {
    requireNonNull(directory, "directory");
    requireNonNull(truncations, "truncations");
    requireNonNull(notes, "notes");
  }

  /** Whether nothing had to be cut or moved aside. */
  public boolean isClean() {
    return truncations.isEmpty() && notes.stream().noneMatch(note -> note.contains("corrupt"));
  }

  /** Why bytes were cut. */
  public enum Reason {
    /** The last record of the last segment was incomplete: an append interrupted by a crash. */
    TORN_TAIL,
    /** A damaged record was found and the operator allowed cutting at it. */
    CORRUPTION
  }

  /**
   * One cut: the bytes of {@code file} from {@code offset} on were removed (for corruption they
   * are kept beside it in a {@code .corrupt} file).
   *
   * @param file the segment
   * @param offset where the cut starts
   * @param droppedBytes how many bytes were removed
   * @param reason torn tail or corruption
   * @param detail what was found there
   */
  public record Truncation(Path file, long offset, long droppedBytes, Reason reason, String detail) {
    /** Checks the parts. */
    public Truncation {
      requireNonNull(file, "file");
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
    }
  }
}
