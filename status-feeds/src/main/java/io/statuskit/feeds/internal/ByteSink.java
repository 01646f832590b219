package io.statuskit.feeds.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link Sink} that encodes UTF-8 by hand into its own buffer and hands full buffers to an
 * output stream. Not thread-safe.
 */
public final class ByteSink extends Sink {
  private static final int SIZE = 16 * 1024;

  private final OutputStream out;
  private final byte[] buf = new byte[SIZE];
  private int pos;

  /** A sink writing to {@code out}; the caller closes {@code out}. */
  public ByteSink(OutputStream out) {
    this.out = out;
  }

  @Override
  public Sink raw(String ascii) {
    int n = ascii.length();
    if (pos + n > SIZE) {
      drain();
      if (n > SIZE) {
        run(ascii, 0, n);
        return this;
      }
    }
    for (int i = 0; i < n; i++) {
      buf[pos++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  @Override
  public Sink raw(char ascii) {
    if (pos == SIZE) {
      drain();
    }
    buf[pos++] = (byte) ascii;
    return this;
  }

  @Override
  void run(String s, int from, int to) {
    int i = from;
    while (i < to) {
      // Each char takes at most 3 bytes; a surrogate pair (2 chars) takes 4.
      int room = (SIZE - pos) / 3 - 1;
      if (room <= 0) {
        drain();
        continue;
      }
      int end = Math.min(to, i + room);
      byte[] b = buf;
      int p = pos;
      while (i < end) {
        char c = s.charAt(i++);
        if (c < 0x80) {
          b[p++] = (byte) c;
        } else if (c < 0x800) {
          b[p++] = (byte) (0xC0 | (c >> 6));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
          int cp = Character.toCodePoint(c, s.charAt(i++));
          b[p++] = (byte) (0xF0 | (cp >> 18));
          b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          b[p++] = (byte) (0xE0 | (c >> 12));
          b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[p++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      pos = p;
    }
  }

  private void drain() {
    try {
      out.write(buf, 0, pos);
    } catch (IOException e) {
      throw unchecked(e);
    }
    pos = 0;
  }

  @Override
  public void flush() {
    drain();
    try {
      out.flush();
    } catch (IOException e) {
      throw unchecked(e);
    }
  }
}
