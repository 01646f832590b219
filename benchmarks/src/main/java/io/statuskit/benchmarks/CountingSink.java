package io.statuskit.benchmarks;

import java.io.OutputStream;

/** An output stream that keeps nothing and counts the bytes written to it. Not thread-safe. */
final class CountingSink extends OutputStream {
  private long count;

  @Override
  public void write(int b) {
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    count += len;
  }

  /** Bytes written so far. */
  long count() {
    return count;
  }

  /** Starts counting again from zero and returns this. */
  CountingSink reset() {
    count = 0;
    return this;
  }
}
