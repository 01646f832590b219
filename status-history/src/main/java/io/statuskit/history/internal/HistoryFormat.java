package io.statuskit.history.internal;

import io.statuskit.history.FailureKind;
import io.statuskit.history.LatencyHistogram;
import io.statuskit.history.Resolution;
import io.statuskit.history.Rollup;
import io.statuskit.history.SeriesKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The byte layout of history files, one append log per resolution ({@code minute.log},
 * {@code hour.log}, {@code day.log}). Framing follows the journal's (status-core {@code
 * store/internal/Format}): a 32-byte header, then CRC-framed records.
 *
 * <pre>
 * header:  0  8 bytes  magic "SKHISTRY"
 *          8  int32    format version, 1
 *         12  int32    resolution (0 minute, 1 hour, 2 day)
 *         16  int64    0 (reserved)
 *         24  int32    0 (reserved)
 *         28  int32    CRC32C of bytes 0..27
 * record:  0  int32    payload length L, 1 .. 64 MiB
 *          4  int32    CRC32C of the payload
 *          8  int32    CRC32C of bytes 0..7 of this record
 *         12  L bytes  payload
 * payload: 1 byte  tag: bit 0 set, the body follows compressed with DEFLATE (zlib), else as is;
 *                  bit 1 set, the buckets carry maintenance counts (format 2, written since
 *                  rollups know maintenance); tags 0 and 1 are format 1, still read
 * body:    varint64 watermark (epoch second), varint64 delete-before (epoch second + 1; 0 none),
 *          varint series count, per series: string server id, string location, varint bucket
 *          count, per bucket: varint start delta in buckets (from the previous, the first from 0),
 *          varint count, varint degraded, varint failure-kind bit set, varint per set kind,
 *          [format 2: varint maintenance count, and if it is not 0, varint maintenance degraded,
 *          varint maintenance failed,]
 *          varint histogram bucket count, per histogram bucket: varint index delta, varint count.
 * </pre>
 *
 * Integers in the header and framing are big-endian; varints are unsigned LEB128; strings are a
 * varint length and UTF-8. A later record replaces buckets with the same key. The file header's
 * version stays 1: a log holds records of either format (an old log is appended to), each saying
 * its own in the tag byte.
 */
public final class HistoryFormat {
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 32;
  public static final int RECORD_HEADER_BYTES = 12;
  public static final int MAX_PAYLOAD_BYTES = 64 << 20;
  static final byte[] MAGIC = "SKHISTRY".getBytes(StandardCharsets.US_ASCII);
  /** Tag bit: the body is DEFLATE-compressed. */
  static final int COMPRESSED = 1;
  /** Tag bit: the buckets carry maintenance counts (format 2). */
  static final int WITH_MAINTENANCE = 2;

  private HistoryFormat() {}

  /** A decoded record. */
  public record Entry(Instant watermark, Instant deleteBefore, List<Rollup> rollups) {}

  public static ByteBuffer header(Resolution resolution) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putInt(VERSION).putInt(resolution.ordinal()).putLong(0).putInt(0);
    header.putInt(crc(header.array(), 0, 28));
    header.flip();
    return header;
  }

  /** Checks a file's header; returns a message saying what is wrong, or the empty string. */
  public static String checkHeader(byte[] file, Resolution resolution) {
    if (file.length < HEADER_BYTES) {
      return "header is truncated: " + file.length + " of " + HEADER_BYTES + " bytes";
    }
    if (!Arrays.equals(Arrays.copyOf(file, 8), MAGIC)) {
      return "not a StatusKit history file (magic)";
    }
    ByteBuffer header = ByteBuffer.wrap(file);
    int stored = header.getInt(28);
    if (stored != crc(file, 0, 28)) {
      return "header checksum mismatch";
    }
    if (header.getInt(8) != VERSION) {
      return "history format version " + header.getInt(8) + " is not supported; this StatusKit reads " + VERSION;
    }
    if (header.getInt(12) != resolution.ordinal()) {
      return "file holds resolution " + header.getInt(12) + ", expected " + resolution.ordinal();
    }
    return "";
  }

  public static ByteBuffer record(byte[] payload) {
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length);
    record.putInt(payload.length).putInt(crc(payload, 0, payload.length));
    record.putInt(crc(record.array(), 0, 8));
    record.put(payload);
    record.flip();
    return record;
  }

  /**
   * The payload of the record at {@code offset}, or null if the bytes from there are not a whole,
   * intact record (a torn or corrupt tail).
   */
  public static byte @Nullable [] readRecord(byte[] file, int offset) {
    if (file.length - offset < RECORD_HEADER_BYTES) {
      return null;
    }
    ByteBuffer head = ByteBuffer.wrap(file, offset, RECORD_HEADER_BYTES);
    int length = head.getInt();
    int payloadCrc = head.getInt();
    int headerCrc = head.getInt();
    if (headerCrc != crc(file, offset, 8) || length <= 0 || length > MAX_PAYLOAD_BYTES
        || file.length - offset - RECORD_HEADER_BYTES < length) {
      return null;
    }
    if (crc(file, offset + RECORD_HEADER_BYTES, length) != payloadCrc) {
      return null;
    }
    return Arrays.copyOfRange(file, offset + RECORD_HEADER_BYTES, offset + RECORD_HEADER_BYTES + length);
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** The payload of one record. */
  public static byte[] encode(Resolution resolution, Instant watermark, Instant deleteBefore, List<Rollup> rollups) {
    Sink out = new Sink(64 + rollups.size() * 16);
    out.varint(watermark.getEpochSecond());
    out.varint(deleteBefore.equals(Instant.EPOCH) ? 0 : deleteBefore.getEpochSecond() + 1);
    Map<SeriesKey, List<Rollup>> bySeries = new LinkedHashMap<>();
    for (Rollup rollup : rollups) {
      bySeries.computeIfAbsent(rollup.series(), s -> new ArrayList<>()).add(rollup);
    }
    out.varint(bySeries.size());
    for (Map.Entry<SeriesKey, List<Rollup>> series : bySeries.entrySet()) {
      out.string(series.getKey().serverId());
      out.string(series.getKey().location());
      List<Rollup> buckets = series.getValue();
      buckets.sort((a, b) -> Long.compare(a.startSecond(), b.startSecond()));
      writeBuckets(out, resolution, buckets);
    }
    return pack(out.bytes());
  }

  /**
   * The body behind a one-byte tag (format 2, {@link #WITH_MAINTENANCE}): DEFLATE-compressed when
   * that is smaller (it is, by about 2.6 times, for hour and day buckets, whose histograms repeat
   * the same shapes).
   */
  static byte[] pack(byte[] body) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(body);
      deflater.finish();
      byte[] out = new byte[body.length + 64];
      int n = 1;
      while (!deflater.finished() && n < out.length) {
        n += deflater.deflate(out, n, out.length - n);
      }
      if (deflater.finished() && n < body.length + 1) {
        out[0] = WITH_MAINTENANCE | COMPRESSED;
        return Arrays.copyOf(out, n);
      }
    } finally {
      deflater.end();
    }
    byte[] raw = new byte[body.length + 1];
    raw[0] = WITH_MAINTENANCE;
    System.arraycopy(body, 0, raw, 1, body.length);
    return raw;
  }

  /** Whether a payload's buckets carry maintenance counts (format 2); call after {@link #unpack} accepted it. */
  static boolean withMaintenance(byte[] payload) {
    return (payload[0] & WITH_MAINTENANCE) != 0;
  }

  static byte[] unpack(byte[] payload) {
    if (payload.length == 0 || payload[0] > (WITH_MAINTENANCE | COMPRESSED) || payload[0] < 0) {
      throw new IllegalArgumentException("history record has an unknown body tag: " + (payload.length == 0 ? "none" : payload[0]));
    }
    if ((payload[0] & COMPRESSED) == 0) {
      return Arrays.copyOfRange(payload, 1, payload.length);
    }
    java.util.zip.Inflater inflater = new java.util.zip.Inflater();
    try {
      inflater.setInput(payload, 1, payload.length - 1);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(payload.length * 4);
      byte[] buffer = new byte[64 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("history record's compressed body is truncated");
        }
        out.write(buffer, 0, n);
        if (out.size() > MAX_PAYLOAD_BYTES * 8L) {
          throw new IllegalArgumentException("history record's body inflates beyond " + (MAX_PAYLOAD_BYTES * 8L) + " bytes");
        }
      }
      return out.toByteArray();
    } catch (java.util.zip.DataFormatException e) {
      throw new IllegalArgumentException("history record's compressed body is corrupt: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /** Decodes one payload; throws IllegalArgumentException if it does not parse. */
  public static Entry decode(Resolution resolution, byte[] payload) {
    Source in = new Source(unpack(payload));
    boolean maintenance = withMaintenance(payload);
    Instant watermark = Instant.ofEpochSecond(in.varint());
    long delete = in.varint();
    Instant deleteBefore = delete == 0 ? Instant.EPOCH : Instant.ofEpochSecond(delete - 1);
    long seriesCount = in.varint();
    List<Rollup> rollups = new ArrayList<>();
    for (long s = 0; s < seriesCount; s++) {
      SeriesKey series = SeriesKey.of(in.string(), in.string());
      readBuckets(in, series, resolution, maintenance, rollups);
    }
    if (!in.done()) {
      throw new IllegalArgumentException("history record has " + in.remaining() + " bytes left over");
    }
    return new Entry(watermark, deleteBefore, rollups);
  }

  /** A run of buckets of one series, sorted by start: varint count, then the buckets as in a record. */
  private static void writeBuckets(Sink out, Resolution resolution, List<Rollup> buckets) {
    out.varint(buckets.size());
    long previous = 0;
    for (Rollup rollup : buckets) {
      long index = rollup.startSecond() / resolution.seconds();
      out.varint(index - previous);
      previous = index;
      out.varint(rollup.count());
      out.varint(rollup.degraded());
      int kinds = 0;
      for (FailureKind kind : FailureKind.values()) {
        if (rollup.failures(kind) > 0) {
          kinds |= 1 << kind.ordinal();
        }
      }
      out.varint(kinds);
      for (FailureKind kind : FailureKind.values()) {
        if (rollup.failures(kind) > 0) {
          out.varint(rollup.failures(kind));
        }
      }
      out.varint(rollup.maintenanceCount());
      if (rollup.maintenanceCount() > 0) {
        out.varint(rollup.maintenanceDegraded());
        out.varint(rollup.maintenanceFailed());
      }
      LatencyHistogram latency = rollup.latency();
      out.varint(latency.bucketCount());
      int previousIndex = 0;
      for (int i = 0; i < latency.bucketCount(); i++) {
        out.varint(latency.bucketIndex(i) - previousIndex);
        previousIndex = latency.bucketIndex(i);
        out.varint(latency.bucketValueCount(i));
      }
    }
  }

  private static void readBuckets(Source in, SeriesKey series, Resolution resolution, boolean withMaintenance, List<Rollup> rollups) {
    long buckets = in.varint();
    long index = 0;
    for (long b = 0; b < buckets; b++) {
      index += in.varint();
      long count = in.varint();
      long degraded = in.varint();
      long kinds = in.varint();
      long[] failures = new long[FailureKind.COUNT];
      for (int k = 0; k < FailureKind.COUNT; k++) {
        if ((kinds & (1L << k)) != 0) {
          failures[k] = in.varint();
        }
      }
      long maintenanceCount = withMaintenance ? in.varint() : 0;
      long maintenanceDegraded = maintenanceCount > 0 ? in.varint() : 0;
      long maintenanceFailed = maintenanceCount > 0 ? in.varint() : 0;
      int histogramBuckets = Math.toIntExact(in.varint());
      int[] indexes = new int[histogramBuckets];
      long[] counts = new long[histogramBuckets];
      int previousIndex = 0;
      for (int i = 0; i < histogramBuckets; i++) {
        previousIndex += Math.toIntExact(in.varint());
        indexes[i] = previousIndex;
        counts[i] = in.varint();
      }
      rollups.add(Rollup.of(series, resolution, Instant.ofEpochSecond(index * resolution.seconds()), count, degraded, failures,
          LatencyHistogram.fromSparse(indexes, counts), maintenanceCount, maintenanceDegraded, maintenanceFailed));
    }
  }

  /**
   * The buckets of one series as one blob (what the PostgreSQL store keeps per row): the tag byte
   * and body of a record's payload, the body holding a varint bucket count and the buckets, sorted
   * by start, as in a record.
   */
  public static byte[] encodeSeries(Resolution resolution, List<Rollup> rollups) {
    List<Rollup> buckets = new ArrayList<>(rollups);
    buckets.sort((a, b) -> Long.compare(a.startSecond(), b.startSecond()));
    for (int i = 1; i < buckets.size(); i++) {
      if (buckets.get(i).startSecond() == buckets.get(i - 1).startSecond()) {
        throw new IllegalArgumentException("two buckets with the same start in one blob: " + buckets.get(i));
      }
    }
    Sink out = new Sink(8 + buckets.size() * 16);
    writeBuckets(out, resolution, buckets);
    return pack(out.bytes());
  }

  /** The buckets of a blob from {@link #encodeSeries}; throws IllegalArgumentException if it does not parse. */
  public static List<Rollup> decodeSeries(SeriesKey series, Resolution resolution, byte[] blob) {
    Source in = new Source(unpack(blob));
    List<Rollup> rollups = new ArrayList<>();
    readBuckets(in, series, resolution, withMaintenance(blob), rollups);
    if (!in.done()) {
      throw new IllegalArgumentException("history blob has " + in.remaining() + " bytes left over");
    }
    return rollups;
  }

  private static final class Sink {
    private byte[] bytes;
    private int size;

    Sink(int capacity) {
      bytes = new byte[capacity];
    }

    void varint(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("varint must not be negative: " + value);
      }
      long v = value;
      while (true) {
        ensure(1);
        if ((v & ~0x7FL) == 0) {
          bytes[size++] = (byte) v;
          return;
        }
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
    }

    void string(String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      ensure(utf8.length);
      System.arraycopy(utf8, 0, bytes, size, utf8.length);
      size += utf8.length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(bytes, size);
    }
  }

  private static final class Source {
    private final byte[] bytes;
    private int position;

    Source(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= bytes.length) {
          throw new IllegalArgumentException("history record ends inside a number");
        }
        byte b = bytes[position++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("history record has a number longer than 64 bits");
    }

    String string() {
      int length = Math.toIntExact(varint());
      if (length > bytes.length - position) {
        throw new IllegalArgumentException("history record ends inside a string");
      }
      String text = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return text;
    }

    boolean done() {
      return position == bytes.length;
    }

    int remaining() {
      return bytes.length - position;
    }
  }
}
