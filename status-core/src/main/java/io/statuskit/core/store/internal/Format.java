package io.statuskit.core.store.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte layout of journal files. Every file starts with a 32-byte header; then come records.
 *
 * <pre>
 * header:  0  8 bytes  magic "SKJOURNL" (segment) or "SKSNAPSH" (snapshot)
 *          8  int32    format version, 1
 *         12  int32    0 (reserved)
 *         16  int64    segment: sequence of its first event; snapshot: board version
 *         24  int32    0 (reserved)
 *         28  int32    CRC32C of bytes 0..27
 * record:  0  int32    payload length L, 1 .. 64 MiB
 *          4  int32    CRC32C of the payload
 *          8  int32    CRC32C of bytes 0..7 of this record
 *         12  L bytes  payload: one statuskit/1 JSON document, UTF-8
 * </pre>
 *
 * All integers are big-endian.
 */
final class Format {
  static final int VERSION = 1;
  static final int HEADER_BYTES = 32;
  static final int RECORD_HEADER_BYTES = 12;
  static final int MAX_PAYLOAD_BYTES = 64 << 20;
  static final byte[] SEGMENT_MAGIC = "SKJOURNL".getBytes(StandardCharsets.US_ASCII);
  static final byte[] SNAPSHOT_MAGIC = "SKSNAPSH".getBytes(StandardCharsets.US_ASCII);

  private Format() {}

  static ByteBuffer header(byte[] magic, long number) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(magic).putInt(VERSION).putInt(0).putLong(number).putInt(0);
    header.putInt(crc(header.array(), 0, 28));
    header.flip();
    return header;
  }

  static ByteBuffer record(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "record payload must be 1 to " + MAX_PAYLOAD_BYTES + " bytes, was " + payload.length);
    }
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length);
    record.putInt(payload.length).putInt(crc(payload, 0, payload.length));
    record.putInt(crc(record.array(), 0, 8));
    record.put(payload);
    record.flip();
    return record;
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** The header of a file, checked; problems are {@link FileProblem}s. */
  static long readHeader(byte[] file, byte[] magic, String what) throws FileProblem {
    if (file.length < HEADER_BYTES) {
      throw FileProblem.corrupt(0, "header is truncated: " + file.length + " of " + HEADER_BYTES + " bytes");
    }
    ByteBuffer header = ByteBuffer.wrap(file, 0, HEADER_BYTES);
    byte[] found = new byte[8];
    header.get(found);
    if (!java.util.Arrays.equals(found, magic)) {
      throw FileProblem.corrupt(
          0,
          "not a StatusKit " + what + ": magic is " + printable(found) + ", expected " + printable(magic));
    }
    int version = header.getInt();
    header.getInt();
    long number = header.getLong();
    header.getInt();
    int stored = header.getInt();
    int computed = crc(file, 0, 28);
    if (stored != computed) {
      throw FileProblem.corrupt(0, "header checksum mismatch (stored " + hex(stored) + ", computed " + hex(computed) + ")");
    }
    if (version != VERSION) {
      throw FileProblem.unsupported(
          "format version "
              + version
              + " is not supported; this StatusKit reads journal format version "
              + VERSION
              + (version > VERSION ? " (the files were written by a newer StatusKit; use it, or its export)" : ""));
    }
    return number;
  }

  static String hex(int value) {
    return String.format(java.util.Locale.ROOT, "0x%08x", value);
  }

  private static String printable(byte[] bytes) {
    StringBuilder text = new StringBuilder("\"");
    for (byte b : bytes) {
      text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format(java.util.Locale.ROOT, "\\x%02x", b & 0xff));
    }
    return text.append('"').toString();
  }

  /** Whether every byte from {@code from} to the end is zero (a zero-filled tail). */
  static boolean zeroFrom(byte[] file, int from) {
    for (int i = from; i < file.length; i++) {
      if (file[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
