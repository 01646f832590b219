package io.statuskit.probes.internal;

import io.statuskit.probes.ErrorKind;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Buffered reading from a {@link ByteStream}: lines of bounded length and raw bytes. Not
 * thread-safe; one read at a time.
 */
public final class Input {
  private ByteStream stream;
  private final int maxLine;
  private ByteBuffer buffer; // read mode
  private @Nullable Runnable onFirstByte;
  private long received;
  private boolean bannerSeen;

  public Input(ByteStream stream, int maxLine) {
    this.stream = stream;
    this.maxLine = maxLine;
    // small at first (most banners and response heads are short); fill() doubles it when full
    this.buffer = ByteBuffer.allocate(Math.min(1024, maxLine + 2));
    buffer.flip();
  }

  /** Runs {@code action} once, when the first byte arrives. */
  public Input onFirstByte(Runnable action) {
    this.onFirstByte = action;
    return this;
  }

  /** Switches to another stream (after STARTTLS), discarding anything buffered. */
  public void switchTo(ByteStream next) {
    this.stream = next;
    buffer.clear();
    buffer.flip();
  }

  /** Whether the first line was already recorded as the banner. */
  public boolean bannerSeen() {
    return bannerSeen;
  }

  /** Marks the banner recorded. */
  public void bannerSeen(boolean seen) {
    this.bannerSeen = seen;
  }

  /** Bytes received so far. */
  public long received() {
    return received;
  }

  /** Whether bytes are buffered. */
  public boolean hasBuffered() {
    return buffer.hasRemaining();
  }

  /**
   * The next line if a whole one is buffered (without its line end, as {@link #line()}), else
   * null without reading.
   */
  public @Nullable String bufferedLine() {
    for (int i = buffer.position(); i < buffer.limit(); i++) {
      if (buffer.get(i) == '\n') {
        int len = i - buffer.position();
        byte[] bytes = new byte[len];
        buffer.get(bytes);
        buffer.get(); // LF
        int n = len > 0 && bytes[len - 1] == '\r' ? len - 1 : len;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  /**
   * The next line without its line end (LF or CRLF), decoded as ISO-8859-1; null at end of stream
   * with nothing buffered; the rest at end of stream without a line end.
   */
  public CompletableFuture<@Nullable String> line() {
    String buffered = bufferedLine();
    if (buffered != null) {
      return CompletableFuture.completedFuture(buffered);
    }
    if (buffer.remaining() > maxLine) {
      return Input.<@Nullable String>failed(
          new ProbeFailure(
              ErrorKind.PROTOCOL,
              "line longer than "
                  + maxLine
                  + " bytes: "
                  + Failures.quote(peek(Math.min(buffer.remaining(), 120)))));
    }
    return fill()
        .thenCompose(
            n -> {
              if (n < 0) {
                if (!buffer.hasRemaining()) {
                  return CompletableFuture.completedFuture(null);
                }
                byte[] rest = new byte[buffer.remaining()];
                buffer.get(rest);
                return CompletableFuture.completedFuture(
                    new String(rest, StandardCharsets.ISO_8859_1));
              }
              return line();
            });
  }

  /** Like {@link #line()}, but end of stream fails with "connection closed ... while {what}". */
  public CompletableFuture<String> requireLine(String what) {
    return line()
        .thenCompose(
            l -> {
              if (l == null) {
                return failed(new EOFException("connection closed by the server while " + what));
              }
              return CompletableFuture.completedFuture(l);
            });
  }

  /**
   * Up to {@code max} bytes (at least one), from the buffer or the stream; an empty array at end
   * of stream.
   */
  public CompletableFuture<byte[]> some(int max) {
    if (buffer.hasRemaining()) {
      byte[] bytes = new byte[Math.min(max, buffer.remaining())];
      buffer.get(bytes);
      return CompletableFuture.completedFuture(bytes);
    }
    return fill().thenCompose(n -> n < 0 ? CompletableFuture.completedFuture(new byte[0]) : some(max));
  }

  /** Reads more into the buffer; completes with the count or -1. */
  private CompletableFuture<Integer> fill() {
    buffer.compact();
    if (!buffer.hasRemaining()) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.min(buffer.capacity() * 2, maxLine + 2 + 8192));
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
    return stream
        .read(buffer)
        .whenComplete(
            (n, e) -> {
              buffer.flip();
              if (n != null && n > 0) {
                if (received == 0 && onFirstByte != null) {
                  Runnable r = onFirstByte;
                  onFirstByte = null;
                  r.run();
                }
                received += n;
              }
            });
  }

  private String peek(int n) {
    byte[] bytes = new byte[n];
    buffer.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  static <T extends @Nullable Object> CompletableFuture<T> failed(Throwable t) {
    CompletableFuture<T> f = new CompletableFuture<>();
    f.completeExceptionally(t);
    return f;
  }
}
