package io.statuskit.feeds.internal;

import java.io.IOException;
import java.io.Writer;

/** A {@link Sink} that buffers characters and hands them to a {@link Writer}. Not thread-safe. */
public final class CharSink extends Sink {
  private static final int SIZE = 8 * 1024;

  private final Writer out;
  private final char[] buf = new char[SIZE];
  private int pos;

  /** A sink writing to {@code out}; the caller closes {@code out}. */
  public CharSink(Writer out) {
    this.out = out;
  }

  @Override
  public Sink raw(String ascii) {
    run(ascii, 0, ascii.length());
    return this;
  }

  @Override
  public Sink raw(char ascii) {
    if (pos == SIZE) {
      drain();
    }
    buf[pos++] = ascii;
    return this;
  }

  @Override
  void run(String s, int from, int to) {
    int i = from;
    while (i < to) {
      if (pos == SIZE) {
        drain();
      }
      int n = Math.min(to - i, SIZE - pos);
      s.getChars(i, i + n, buf, pos);
      pos += n;
      i += n;
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
