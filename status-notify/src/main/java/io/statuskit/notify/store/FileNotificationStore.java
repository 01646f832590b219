package io.statuskit.notify.store;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statuskit.core.spi.StoreException;
import io.statuskit.notify.DeadLetter;
import io.statuskit.notify.Subscriber;
import io.statuskit.notify.internal.Codec;
import io.statuskit.notify.internal.StateBuilder;
import io.statuskit.notify.spi.NotificationState;
import io.statuskit.notify.spi.NotificationStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A notification store in one directory: {@code notify.log}, one line per change ({@code
 * <CRC32C in hex> <JSON>}), fsync'd before each method returns, and {@code notify.lock}, held
 * while the store is open. Opening replays the log, cuts a torn last line (one without its
 * newline: never acknowledged), fails on any other damage naming file and line, and rewrites the
 * log as the state it holds (to {@code notify.log.tmp}, fsync'd, renamed); the log is rewritten
 * the same way whenever it grows to four times its size after the last rewrite. The file is made
 * readable by its owner only where the file system has POSIX permissions: it holds webhook
 * secrets and tokens. Thread-safe.
 */
public final class FileNotificationStore implements NotificationStore {
  private static final Logger log = LoggerFactory.getLogger(FileNotificationStore.class);
  private static final String LOG = "notify.log";
  private static final long MIN_REWRITE_BYTES = 1 << 20;

  private final Path dir;
  private final Path file;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final StateBuilder state = new StateBuilder(); // guarded by this
  private FileChannel channel; // guarded by this
  private long rewriteAt; // guarded by this
  private boolean closed; // guarded by this

  private FileNotificationStore(Path dir, FileChannel lockChannel, FileLock lock) throws IOException {
    this.dir = dir;
    this.file = dir.resolve(LOG);
    this.lockChannel = lockChannel;
    this.lock = lock;
    replay();
    this.channel = rewrite();
  }

  /**
   * Opens (creating it if needed) the store in a directory.
   *
   * @throws StoreException when the directory is in use by another store, or the log is damaged
   *     (the message names the file and line)
   */
  public static FileNotificationStore open(Path dir) {
    requireNonNull(dir, "dir");
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel =
          FileChannel.open(dir.resolve("notify.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StoreException(
            "notification directory " + dir + " is in use by another store: it holds the lock on "
                + dir.resolve("notify.lock"));
      }
      return new FileNotificationStore(dir, lockChannel, lock);
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new StoreException("cannot open notification store in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  private void replay() throws IOException {
    Files.deleteIfExists(dir.resolve(LOG + ".tmp"));
    if (!Files.exists(file)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    int start = 0;
    int line = 0;
    while (start < bytes.length) {
      line++;
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end == bytes.length) {
        log.warn("{}: cut a torn last line {} ({} bytes, never acknowledged)", file, line, end - start);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
          out.truncate(start);
          out.force(true);
        }
        return;
      }
      apply(new String(bytes, start, end - start, UTF_8), line);
      start = end + 1;
    }
  }

  private void apply(String text, int line) {
    String where = file + ": line " + line;
    if (text.length() < 10 || text.charAt(8) != ' ') {
      throw new StoreException(where + " is damaged: no checksum; restore a backup or remove the line");
    }
    String json = text.substring(9);
    String stored = text.substring(0, 8);
    String computed = crc(json);
    if (!stored.equals(computed)) {
      throw new StoreException(
          where + " is corrupt: checksum mismatch (stored " + stored + ", computed " + computed
              + "); restore a backup or remove the line");
    }
    try {
      JsonNode node = Codec.MAPPER.readTree(json);
      switch (node.required("op").asText()) {
        case "put" -> state.put(Codec.readSubscriber(node.required("subscriber")));
        case "remove" -> state.remove(node.required("id").asText());
        case "clear" -> state.clearDeadLetters(node.required("id").asText());
        case "record" -> {
          List<DeadLetter> letters = new java.util.ArrayList<>();
          node.required("dead").forEach(d -> letters.add(Codec.readDeadLetter(d)));
          Map<String, Long> cursors = new java.util.LinkedHashMap<>();
          node.required("cursors").fields().forEachRemaining(e -> cursors.put(e.getKey(), e.getValue().asLong()));
          state.record(letters, cursors);
        }
        default -> throw new IllegalArgumentException("unknown op " + node.get("op"));
      }
    } catch (JsonProcessingException | RuntimeException e) {
      throw new StoreException(where + " does not decode: " + e.getMessage(), e);
    }
  }

  /** Writes the state to a fresh log and opens it for appending. */
  private FileChannel rewrite() throws IOException {
    NotificationState now = state.build();
    StringBuilder text = new StringBuilder();
    for (Subscriber s : now.subscribers().values()) {
      text.append(line(op("put").set("subscriber", Codec.write(s))));
    }
    text.append(line(recordOp(now.deadLetters(), now.cursors())));
    Path tmp = dir.resolve(LOG + ".tmp");
    try (FileChannel out =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ownerOnly(tmp);
      writeFully(out, text.toString());
      out.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory();
    FileChannel appender = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    rewriteAt = Math.max(MIN_REWRITE_BYTES, 4 * appender.size());
    return appender;
  }

  private static void ownerOnly(Path path) {
    try {
      Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      log.debug("cannot restrict permissions of {}", path, e);
    }
  }

  private void forceDirectory() {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      log.warn("cannot fsync directory {}", dir, e);
    }
  }

  private static ObjectNode op(String name) {
    ObjectNode node = Codec.MAPPER.createObjectNode();
    node.put("op", name);
    return node;
  }

  private static ObjectNode recordOp(List<DeadLetter> letters, Map<String, Long> cursors) {
    ObjectNode node = op("record");
    ArrayNode dead = node.putArray("dead");
    letters.forEach(letter -> dead.add(Codec.write(letter)));
    ObjectNode c = node.putObject("cursors");
    cursors.forEach(c::put);
    return node;
  }

  private static String line(ObjectNode node) {
    String json = node.toString();
    return crc(json) + " " + json + "\n";
  }

  private static String crc(String json) {
    CRC32C crc = new CRC32C();
    crc.update(json.getBytes(UTF_8));
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  private static void writeFully(FileChannel out, String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(UTF_8));
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /** Appends one line and fsyncs; on failure the store refuses further changes. */
  private void append(ObjectNode node) {
    checkState(!closed, "the notification store in %s is closed", dir);
    try {
      long before = channel.size();
      try {
        writeFully(channel, line(node));
        channel.force(false);
      } catch (IOException e) {
        channel.truncate(before);
        throw e;
      }
      if (channel.size() > rewriteAt) {
        channel.close();
        channel = rewrite();
      }
    } catch (IOException e) {
      closed = true;
      throw new StoreException(
          "cannot write " + file + ": " + e.getMessage() + "; the store refuses changes until reopened", e);
    }
  }

  @Override
  public synchronized NotificationState load() {
    checkState(!closed, "the notification store in %s is closed", dir);
    return state.build();
  }

  @Override
  public synchronized void put(Subscriber subscriber) {
    requireNonNull(subscriber, "subscriber");
    append(op("put").set("subscriber", Codec.write(subscriber)));
    state.put(subscriber);
  }

  @Override
  public synchronized void remove(String subscriberId) {
    requireNonNull(subscriberId, "subscriberId");
    append(op("remove").put("id", subscriberId));
    state.remove(subscriberId);
  }

  @Override
  public synchronized void record(List<DeadLetter> deadLetters, Map<String, Long> cursors) {
    checkArgument(deadLetters != null && cursors != null, "deadLetters and cursors are required");
    if (deadLetters.isEmpty() && cursors.isEmpty()) {
      return;
    }
    append(recordOp(deadLetters, cursors));
    state.record(deadLetters, cursors);
  }

  @Override
  public synchronized void clearDeadLetters(String subscriberId) {
    requireNonNull(subscriberId, "subscriberId");
    append(op("clear").put("id", subscriberId));
    state.clearDeadLetters(subscriberId);
  }

  /** The directory this store keeps its files in. */
  public Path directory() {
    return dir;
  }

  @Override
  public synchronized void close() {
    if (closed && !lockChannel.isOpen()) {
      return;
    }
    closed = true;
    closeQuietly(channel);
    try {
      lock.release();
    } catch (IOException e) {
      log.debug("cannot release {}", dir.resolve("notify.lock"), e);
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(@Nullable FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        log.debug("close failed", e);
      }
    }
  }
}
