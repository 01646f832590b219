package io.statuskit.history.store;

import static java.util.Objects.requireNonNull;

import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import io.statuskit.history.internal.HistoryFormat;
import io.statuskit.history.spi.HistoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable history store: one append log per resolution in a directory (the journal's directory
 * or its own), with the journal's CRC framing, and an index of every live bucket in memory. Every
 * {@link #write} appends one record and forces it to disk before returning; on open, the logs are
 * replayed and a torn or corrupt tail (a write cut short by a crash) is cut off and logged, never
 * read as data. When retention has made a log more than 1.5 times as large as its live buckets, it is
 * rewritten into a temporary file, forced, and renamed over the old one, so a crash leaves either
 * the old or the new file. Thread-safe: writes are serialized per store; reads go to the
 * in-memory index and never wait for a write.
 *
 * <p>Limits: the whole history is held in memory as well as on disk (about the size on disk times
 * four); a host with tens of thousands of series wants the PostgreSQL store.
 */
public final class FileHistoryStore implements HistoryStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileHistoryStore.class);
  private static final int BUCKETS_PER_RECORD = 50_000;

  private final Path directory;
  private final InMemoryHistoryStore index = new InMemoryHistoryStore();
  private final Map<Resolution, FileChannel> logs = new EnumMap<>(Resolution.class);
  private final Map<Resolution, Long> bytesAfterRewrite = new EnumMap<>(Resolution.class);
  private final Map<Resolution, Long> cutTails = new EnumMap<>(Resolution.class);
  private boolean closed;

  private FileHistoryStore(Path directory) {
    this.directory = directory;
  }

  /** Opens (creating if needed) the history in this directory and reads it back. */
  public static FileHistoryStore open(Path directory) throws IOException {
    requireNonNull(directory, "directory");
    Files.createDirectories(directory);
    FileHistoryStore store = new FileHistoryStore(directory);
    try {
      for (Resolution resolution : Resolution.values()) {
        store.recover(resolution);
      }
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** The file of a resolution's log. */
  public Path file(Resolution resolution) {
    return directory.resolve(resolution.name().toLowerCase(Locale.ROOT) + ".log");
  }

  /** The bytes cut off a log's tail when it was opened (a write torn by a crash), per resolution. */
  public Map<Resolution, Long> cutTails() {
    return Map.copyOf(cutTails);
  }

  /** The bytes of all logs on disk. */
  public long bytesOnDisk() throws IOException {
    long bytes = 0;
    for (Resolution resolution : Resolution.values()) {
      bytes += Files.size(file(resolution));
    }
    return bytes;
  }

  private void recover(Resolution resolution) throws IOException {
    Path file = file(resolution);
    if (!Files.exists(file)) {
      writeFresh(resolution, List.of(), Instant.EPOCH);
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    String problem = HistoryFormat.checkHeader(bytes, resolution);
    if (!problem.isEmpty()) {
      throw new IOException(file + ": " + problem);
    }
    int offset = HistoryFormat.HEADER_BYTES;
    while (offset < bytes.length) {
      byte[] payload = HistoryFormat.readRecord(bytes, offset);
      if (payload == null) {
        break;
      }
      HistoryFormat.Entry entry;
      try {
        entry = HistoryFormat.decode(resolution, payload);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": record at byte " + offset + " passed its checksum but does not parse: " + e.getMessage(), e);
      }
      apply(resolution, entry);
      offset += HistoryFormat.RECORD_HEADER_BYTES + payload.length;
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    if (offset < bytes.length) {
      LOG.warn("{}: cut off {} bytes of a torn or corrupt tail at byte {}", file, bytes.length - offset, offset);
      cutTails.put(resolution, (long) (bytes.length - offset));
      channel.truncate(offset);
      channel.force(true);
    }
    channel.position(offset);
    logs.put(resolution, channel);
    bytesAfterRewrite.put(resolution, (long) offset);
  }

  private void apply(Resolution resolution, HistoryFormat.Entry entry) {
    if (entry.deleteBefore().isAfter(Instant.EPOCH)) {
      index.deleteBefore(resolution, entry.deleteBefore());
    }
    index.write(resolution, entry.rollups(), entry.watermark());
  }

  @Override
  public synchronized void write(Resolution resolution, List<Rollup> rollups, Instant compactedThrough) {
    append(resolution, compactedThrough, Instant.EPOCH, rollups);
    index.write(resolution, rollups, compactedThrough);
  }

  @Override
  public List<Rollup> read(Resolution resolution, SeriesKey series, Instant from, Instant to) {
    return index.read(resolution, series, from, to);
  }

  @Override
  public void forEach(Resolution resolution, SeriesKey series, Instant from, Instant to, java.util.function.Consumer<Rollup> sink) {
    index.forEach(resolution, series, from, to, sink);
  }

  @Override
  public Set<SeriesKey> series() {
    return index.series();
  }

  @Override
  public Set<SeriesKey> series(String serverId) {
    return index.series(serverId);
  }

  @Override
  public Instant watermark(Resolution resolution) {
    return index.watermark(resolution);
  }

  @Override
  public synchronized void deleteBefore(Resolution resolution, Instant cutoff) {
    if (!index.anyBefore(resolution, cutoff)) {
      return; // nothing to drop: no record, no fsync (compaction asks every minute)
    }
    Instant watermark = index.watermark(resolution);
    append(resolution, watermark, cutoff, List.of());
    index.deleteBefore(resolution, cutoff);
    try {
      long size = channel(resolution).position();
      if (2 * size > 3 * Math.max(bytesAfterRewrite.getOrDefault(resolution, 0L), 64 * 1024)) {
        rewrite(resolution, watermark);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("history: rewriting " + file(resolution) + " failed", e);
    }
  }

  /** Rewrites every log to hold only its live buckets (also done on its own as retention drops buckets). */
  public synchronized void rewriteAll() throws IOException {
    for (Resolution resolution : Resolution.values()) {
      rewrite(resolution, index.watermark(resolution));
    }
  }

  private void rewrite(Resolution resolution, Instant watermark) throws IOException {
    channel(resolution).close();
    logs.remove(resolution);
    writeFresh(resolution, index.all(resolution), watermark);
  }

  /** Writes a log holding these buckets to a temporary file, forces it, renames it into place. */
  private void writeFresh(Resolution resolution, List<Rollup> rollups, Instant watermark) throws IOException {
    Path file = file(resolution);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      writeFully(out, HistoryFormat.header(resolution));
      int from = 0;
      do {
        List<Rollup> chunk = rollups.subList(from, Math.min(rollups.size(), from + BUCKETS_PER_RECORD));
        writeFully(out, HistoryFormat.record(HistoryFormat.encode(resolution, watermark, Instant.EPOCH, new ArrayList<>(chunk))));
        from += BUCKETS_PER_RECORD;
      } while (from < rollups.size());
      out.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory();
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    channel.position(channel.size());
    logs.put(resolution, channel);
    bytesAfterRewrite.put(resolution, channel.size());
  }

  private void append(Resolution resolution, Instant watermark, Instant deleteBefore, List<Rollup> rollups) {
    if (closed) {
      throw new IllegalStateException("history store is closed: " + directory);
    }
    try {
      FileChannel channel = channel(resolution);
      int from = 0;
      do {
        List<Rollup> chunk = new ArrayList<>(rollups.subList(from, Math.min(rollups.size(), from + BUCKETS_PER_RECORD)));
        writeFully(channel, HistoryFormat.record(HistoryFormat.encode(resolution, watermark, deleteBefore, chunk)));
        from += BUCKETS_PER_RECORD;
      } while (from < rollups.size());
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("history: appending to " + file(resolution) + " failed", e);
    }
  }

  private FileChannel channel(Resolution resolution) {
    FileChannel channel = logs.get(resolution);
    if (channel == null) {
      throw new IllegalStateException("history store is closed: " + directory);
    }
    return channel;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void fsyncDirectory() throws IOException {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return;
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (FileChannel channel : logs.values()) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("history: closing a log in {} failed", directory, e);
      }
    }
    logs.clear();
  }
}
