package io.statuskit.core.store.internal;

import com.google.common.collect.ImmutableList;
import io.statuskit.core.StatusBoard;
import io.statuskit.core.StatusEvent;
import io.statuskit.core.json.StatusJson;
import io.statuskit.core.json.StatusJsonException;
import io.statuskit.core.spi.StoreException;
import io.statuskit.core.store.RecoveryReport;
import io.statuskit.core.store.RecoveryReport.Reason;
import io.statuskit.core.store.RecoveryReport.Truncation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal directory back into a board: the newest readable snapshot, then the events of
 * the segments after it. Cuts a torn tail of the last segment; stops at corruption unless told
 * to cut there.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);
  static final Pattern SEGMENT = Pattern.compile("journal-(\\d{20})\\.log");
  static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{20})\\.snap");
  static final String TOOL_HINT =
      "To keep what precedes it, open the store with JournalStatusStore.options().truncateAtCorruption(true)"
          + " or run `java -cp statuskit-core.jar io.statuskit.core.store.JournalTool truncate <dir>`"
          + " (the cut bytes are kept in .corrupt files); or restore a backup.";

  private final JournalConfig config;
  private final Path dir;
  private final List<Truncation> truncations = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** The outcome. */
  record Result(
      StatusBoard board,
      RecoveryReport report,
      NavigableMap<Long, Path> segments,
      @Nullable Long activeFirst,
      long activeLastEvent) {}

  Recovery(JournalConfig config) {
    this.config = config;
    this.dir = config.directory();
  }

  static String segmentName(long firstSequence) {
    return String.format(java.util.Locale.ROOT, "journal-%020d.log", firstSequence);
  }

  static String snapshotName(long version) {
    return String.format(java.util.Locale.ROOT, "snapshot-%020d.snap", version);
  }

  static NavigableMap<Long, Path> list(Path dir, Pattern pattern) throws IOException {
    NavigableMap<Long, Path> files = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Matcher matcher = pattern.matcher(entry.getFileName().toString());
        if (matcher.matches()) {
          files.put(Long.parseLong(matcher.group(1)), entry);
        }
      }
    }
    return files;
  }

  Result run() throws IOException {
    removeTemporaryFiles();
    StatusBoard board = StatusBoard.empty();
    Path snapshotFile = null;
    NavigableMap<Long, Path> snapshots = list(dir, SNAPSHOT);
    for (Map.Entry<Long, Path> snapshot : snapshots.descendingMap().entrySet()) {
      try {
        board = readSnapshot(snapshot.getValue(), snapshot.getKey());
        snapshotFile = snapshot.getValue();
        break;
      } catch (FileProblem problem) {
        if (problem.kind == FileProblem.Kind.UNSUPPORTED || !config.truncateAtCorruption()) {
          throw failure(snapshot.getValue(), problem);
        }
        Path aside = moveAside(snapshot.getValue());
        notes.add("snapshot " + snapshot.getValue().getFileName() + " is corrupt (" + problem.detail
            + "); moved aside to " + aside.getFileName() + " and an older one used");
        log.warn("journal {}: snapshot {} is corrupt at offset {}: {}; moved aside",
            dir, snapshot.getValue().getFileName(), problem.offset, problem.detail);
      }
    }
    long snapshotVersion = board.version();
    NavigableMap<Long, Path> segments = list(dir, SEGMENT);
    Map.Entry<Long, Path> start = segments.floorEntry(snapshotVersion + 1);
    if (start == null && !segments.isEmpty()) {
      throw new StoreException(
          "journal "
              + dir
              + ": events "
              + (snapshotVersion + 1)
              + " to "
              + (segments.firstKey() - 1)
              + " are missing: the newest readable snapshot is at version "
              + snapshotVersion
              + " and the oldest segment "
              + segments.firstEntry().getValue().getFileName()
              + " starts at event "
              + segments.firstKey()
              + ". Restore a backup.");
    }
    long expected = snapshotVersion + 1;
    long replayed = 0;
    Long activeFirst = null;
    long activeLast = snapshotVersion;
    List<Map.Entry<Long, Path>> toRead =
        start == null ? List.of() : new ArrayList<>(segments.tailMap(start.getKey(), true).entrySet());
    for (int i = 0; i < toRead.size(); i++) {
      long first = toRead.get(i).getKey();
      Path file = toRead.get(i).getValue();
      boolean last = i == toRead.size() - 1;
      byte[] bytes = Files.readAllBytes(file);
      int offset = 0;
      long fileLast = first - 1;
      try {
        if (i > 0 && first != expected) {
          throw FileProblem.corrupt(0, "segment starts at event " + first + " but event " + expected + " comes next");
        }
        long headerFirst = Format.readHeader(bytes, Format.SEGMENT_MAGIC, "journal segment");
        if (headerFirst != first) {
          throw FileProblem.corrupt(0, "header says the first event is " + headerFirst + ", the name says " + first);
        }
        offset = Format.HEADER_BYTES;
        while (offset < bytes.length) {
          int length = recordLength(bytes, offset, last);
          byte[] payload = java.util.Arrays.copyOfRange(bytes, offset + Format.RECORD_HEADER_BYTES,
              offset + Format.RECORD_HEADER_BYTES + length);
          int stored = ByteBuffer.wrap(bytes, offset + 4, 4).getInt();
          int computed = Format.crc(payload, 0, payload.length);
          if (stored != computed) {
            throw FileProblem.corrupt(offset, "record checksum mismatch (stored " + Format.hex(stored)
                + ", computed " + Format.hex(computed) + ")");
          }
          StatusEvent event;
          try {
            event = StatusJson.readEvent(payload);
          } catch (StatusJsonException e) {
            throw FileProblem.corrupt(offset, "record does not decode: " + e.getMessage());
          }
          if (event.sequence() <= snapshotVersion && event.sequence() == fileLast + 1) {
            fileLast = event.sequence();
            offset += Format.RECORD_HEADER_BYTES + length;
            continue;
          }
          if (event.sequence() != expected) {
            throw FileProblem.corrupt(offset, "record holds event " + event.sequence() + " where event " + expected + " comes next");
          }
          try {
            board = board.apply(event);
          } catch (IllegalArgumentException | IllegalStateException e) {
            throw FileProblem.corrupt(offset, "event " + event.sequence() + " does not apply to the board: " + e.getMessage());
          }
          fileLast = event.sequence();
          expected++;
          replayed++;
          offset += Format.RECORD_HEADER_BYTES + length;
        }
        activeFirst = first;
        activeLast = fileLast;
      } catch (FileProblem problem) {
        if (problem.kind == FileProblem.Kind.TORN) {
          cut(file, bytes, problem.offset, Reason.TORN_TAIL, problem.detail);
          activeFirst = first;
          activeLast = fileLast;
          break;
        }
        if (problem.kind == FileProblem.Kind.UNSUPPORTED || !config.truncateAtCorruption()) {
          throw failure(file, problem);
        }
        // the operator allowed cutting: keep what precedes, move the rest aside
        for (int j = i + 1; j < toRead.size(); j++) {
          Path later = toRead.get(j).getValue();
          Path aside = moveAside(later);
          segments.remove(toRead.get(j).getKey());
          notes.add("segment " + later.getFileName() + " follows a corrupt record; moved aside to " + aside.getFileName());
        }
        if (problem.offset < Format.HEADER_BYTES) {
          Path aside = moveAside(file);
          segments.remove(first);
          truncations.add(new Truncation(file, 0, bytes.length, Reason.CORRUPTION, problem.detail));
          notes.add("segment " + file.getFileName() + " has a corrupt header; moved aside to " + aside.getFileName());
          log.warn("journal {}: segment {} has a corrupt header ({}); moved aside", dir, file.getFileName(), problem.detail);
          Map.Entry<Long, Path> previous = segments.lowerEntry(first);
          activeFirst = previous != null && i > 0 ? previous.getKey() : null;
          activeLast = expected - 1;
        } else {
          cut(file, bytes, problem.offset, Reason.CORRUPTION, problem.detail);
          activeFirst = first;
          activeLast = fileLast;
        }
        break;
      }
    }
    Files2.fsyncDirectory(dir);
    RecoveryReport report =
        new RecoveryReport(
            dir,
            snapshotFile,
            snapshotVersion,
            replayed,
            board.version(),
            ImmutableList.copyOf(truncations),
            ImmutableList.copyOf(notes));
    return new Result(board, report, segments, activeFirst, activeLast);
  }

  /** The payload length of the record at {@code offset}, after checking its header fits. */
  private static int recordLength(byte[] bytes, int offset, boolean lastSegment) throws FileProblem {
    int remaining = bytes.length - offset;
    if (remaining < Format.RECORD_HEADER_BYTES) {
      if (lastSegment) {
        throw FileProblem.torn(offset, "record header is cut off: " + remaining + " of " + Format.RECORD_HEADER_BYTES + " bytes at the end of the file");
      }
      throw FileProblem.corrupt(offset, "record header is cut off (" + remaining + " bytes) in a segment that has a successor");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, offset, Format.RECORD_HEADER_BYTES);
    int length = header.getInt();
    header.getInt();
    int stored = header.getInt();
    int computed = Format.crc(bytes, offset, 8);
    if (stored != computed) {
      if (lastSegment && Format.zeroFrom(bytes, offset)) {
        throw FileProblem.torn(offset, "zero-filled tail of " + remaining + " bytes");
      }
      throw FileProblem.corrupt(offset, "record header checksum mismatch (stored " + Format.hex(stored)
          + ", computed " + Format.hex(computed) + ")");
    }
    if (length <= 0 || length > Format.MAX_PAYLOAD_BYTES) {
      throw FileProblem.corrupt(offset, "record length " + length + " is out of range");
    }
    if ((long) length > remaining - Format.RECORD_HEADER_BYTES) {
      if (lastSegment) {
        throw FileProblem.torn(offset, "record of " + length + " bytes is cut off: "
            + (remaining - Format.RECORD_HEADER_BYTES) + " bytes of it at the end of the file");
      }
      throw FileProblem.corrupt(offset, "record of " + length + " bytes runs past the end of a segment that has a successor");
    }
    return length;
  }

  private StatusBoard readSnapshot(Path file, long version) throws IOException, FileProblem {
    byte[] bytes = Files.readAllBytes(file);
    long headerVersion = Format.readHeader(bytes, Format.SNAPSHOT_MAGIC, "snapshot");
    if (headerVersion != version) {
      throw FileProblem.corrupt(0, "header says version " + headerVersion + ", the name says " + version);
    }
    int offset = Format.HEADER_BYTES;
    int remaining = bytes.length - offset;
    if (remaining < Format.RECORD_HEADER_BYTES) {
      throw FileProblem.corrupt(offset, "snapshot record is cut off: " + remaining + " bytes");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, offset, Format.RECORD_HEADER_BYTES);
    int length = header.getInt();
    int storedPayload = header.getInt();
    int storedHeader = header.getInt();
    if (storedHeader != Format.crc(bytes, offset, 8) || length <= 0 || length != remaining - Format.RECORD_HEADER_BYTES) {
      throw FileProblem.corrupt(offset, "snapshot record header is damaged or the file is cut off (length " + length
          + ", " + (remaining - Format.RECORD_HEADER_BYTES) + " bytes present)");
    }
    int computed = Format.crc(bytes, offset + Format.RECORD_HEADER_BYTES, length);
    if (computed != storedPayload) {
      throw FileProblem.corrupt(offset, "snapshot checksum mismatch (stored " + Format.hex(storedPayload)
          + ", computed " + Format.hex(computed) + ")");
    }
    StatusBoard board;
    try {
      board = StatusJson.readBoard(java.util.Arrays.copyOfRange(bytes, offset + Format.RECORD_HEADER_BYTES, bytes.length));
    } catch (StatusJsonException e) {
      throw FileProblem.corrupt(offset, "snapshot does not decode: " + e.getMessage());
    }
    if (board.version() != version) {
      throw FileProblem.corrupt(offset, "snapshot holds board version " + board.version() + ", the name says " + version);
    }
    return board;
  }

  private void cut(Path file, byte[] bytes, long offset, Reason reason, String detail) throws IOException {
    long dropped = bytes.length - offset;
    if (reason == Reason.CORRUPTION) {
      Path aside = file.resolveSibling(file.getFileName() + ".at-" + offset + ".corrupt");
      Files.write(aside, java.util.Arrays.copyOfRange(bytes, (int) offset, bytes.length));
      notes.add("the " + dropped + " bytes cut from " + file.getFileName() + " are kept in " + aside.getFileName());
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(offset);
      channel.force(true);
    }
    truncations.add(new Truncation(file, offset, dropped, reason, detail));
    if (reason == Reason.TORN_TAIL) {
      log.warn("journal {}: cut a torn tail of {} bytes from {} at offset {} ({}); it was never acknowledged",
          dir, dropped, file.getFileName(), offset, detail);
    } else {
      log.warn("journal {}: cut {} bytes from {} at offset {} because of corruption ({}), as truncateAtCorruption allows",
          dir, dropped, file.getFileName(), offset, detail);
    }
  }

  private Path moveAside(Path file) throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return aside;
  }

  private void removeTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.tmp")) {
      for (Path entry : entries) {
        Files.delete(entry);
        notes.add("removed unfinished temporary file " + entry.getFileName());
      }
    }
  }

  private StoreException failure(Path file, FileProblem problem) {
    if (problem.kind == FileProblem.Kind.UNSUPPORTED) {
      return new StoreException(file + ": " + problem.detail);
    }
    return new StoreException(
        file + ": corrupt at offset " + problem.offset + ": " + problem.detail
            + ". The journal is not opened, so nothing is lost silently. " + TOOL_HINT);
  }
}
