package io.statuskit.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a journal directory's files the way docs/storage.md describes them, for tests. */
final class JournalFiles {
  static final int HEADER = 32;
  static final int RECORD_HEADER = 12;

  private JournalFiles() {}

  static List<Path> matching(Path dir, String glob) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  static List<Path> segments(Path dir) {
    return matching(dir, "journal-*.log");
  }

  static List<Path> snapshots(Path dir) {
    return matching(dir, "snapshot-*.snap");
  }

  /** The offsets of the records of a segment, read by their length fields. */
  static List<Long> recordOffsets(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    List<Long> offsets = new ArrayList<>();
    int offset = HEADER;
    while (offset + RECORD_HEADER <= bytes.length) {
      int length = ByteBuffer.wrap(bytes, offset, 4).getInt();
      if (offset + RECORD_HEADER + length > bytes.length) {
        break;
      }
      offsets.add((long) offset);
      offset += RECORD_HEADER + length;
    }
    return offsets;
  }

  static void flipBit(Path file, long offset, int bit) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= (byte) (1 << bit);
    Files.write(file, bytes);
  }

  static void truncate(Path file, long size) throws IOException {
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }

  static void append(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
  }
}
