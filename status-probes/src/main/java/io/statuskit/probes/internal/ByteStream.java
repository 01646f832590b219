package io.statuskit.probes.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** An asynchronous byte stream: a TCP connection, or TLS over one. One read and one write at a time. */
public interface ByteStream extends AutoCloseable {
  /** Reads some bytes into {@code dst}; completes with the count, or -1 at end of stream. */
  CompletableFuture<Integer> read(ByteBuffer dst);

  /** Writes all of {@code src}. */
  CompletableFuture<Void> write(ByteBuffer src);

  @Override
  void close();
}
