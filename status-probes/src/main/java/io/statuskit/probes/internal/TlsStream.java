package io.statuskit.probes.internal;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * TLS over another {@link ByteStream} with an {@link SSLEngine}, without blocking and without
 * doing TLS work on a selector thread: the start of the handshake (which makes the key shares)
 * and the engine's delegated tasks (key exchange, certificate checks) run on {@code tasks}, and
 * the handshake resumes on {@code resume} (the connection's selector loop) when they are done.
 * Only record encryption and decryption run where the I/O completes.
 *
 * <p>One read and one write at a time, like the stream below; not otherwise thread-safe, except
 * {@link #close()}.
 */
public final class TlsStream implements ByteStream {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final ByteStream raw;
  private final SSLEngine engine;
  private final Executor tasks;
  private final Executor resume;
  private volatile boolean closed;
  // set by begin() on the pool before the stream is handed to the loop, read there after
  private boolean begun;
  private @Nullable Exception beginFailure;
  private ByteBuffer netIn; // write mode
  private ByteBuffer appIn; // read mode
  private ByteBuffer netOut;

  /**
   * @param raw the stream TLS runs over
   * @param engine a client engine whose handshake has not begun
   * @param tasks where the handshake's start and the delegated tasks run
   * @param resume where the handshake goes on after them (the connection's loop)
   */
  public TlsStream(ByteStream raw, SSLEngine engine, Executor tasks, Executor resume) {
    this.raw = raw;
    this.engine = engine;
    this.tasks = tasks;
    this.resume = resume;
    this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.appIn.flip();
    this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  public SSLEngine engine() {
    return engine;
  }

  /**
   * Begins the handshake where this is called, which must not be a selector thread: the client
   * hello and its key shares are made here. A failure is reported by {@link #handshake()}.
   */
  public void begin() {
    begun = true;
    try {
      engine.beginHandshake();
    } catch (SSLException | RuntimeException e) {
      beginFailure = e;
    }
  }

  /**
   * Performs the handshake, going on where it is called (the connection's loop); begins it on
   * {@code tasks} first unless {@link #begin()} did.
   */
  public CompletableFuture<Void> handshake() {
    if (!begun) {
      return offLoop(engine::beginHandshake).thenCompose(v -> step());
    }
    Exception failed = beginFailure;
    return failed != null ? Input.failed(failed) : step();
  }

  /** Work that must not run on a selector thread. */
  private interface TlsWork {
    void run() throws SSLException;
  }

  /**
   * Runs {@code work} on {@code tasks} and completes the returned future on {@code resume}; skips
   * the work when the stream was closed meanwhile (the attempt ended: nothing waits for it).
   */
  private CompletableFuture<Void> offLoop(TlsWork work) {
    OffLoop task = new OffLoop(work);
    try {
      tasks.execute(task);
    } catch (RejectedExecutionException e) {
      task.done.completeExceptionally(new SSLException("the probe engine is closed", e));
    }
    return task.done;
  }

  /** One piece of TLS work on the pool, completing {@link #done} on {@code resume}. */
  private final class OffLoop implements EngineServices.TlsTask {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final TlsWork work;

    OffLoop(TlsWork work) {
      this.work = work;
    }

    @Override
    public void run() {
      Throwable failure = null;
      if (closed) {
        failure = new AsynchronousCloseException();
      } else {
        try {
          work.run();
        } catch (SSLException | RuntimeException e) {
          failure = e;
        }
      }
      finish(failure);
    }

    @Override
    public void abort() {
      finish(new SSLException("the probe engine is closed"));
    }

    private void finish(@Nullable Throwable failure) {
      resume.execute(
          () -> {
            if (failure == null) {
              done.complete(null);
            } else {
              done.completeExceptionally(failure);
            }
          });
    }
  }

  private CompletableFuture<Void> step() {
    try {
      while (true) {
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        switch (hs) {
          case NEED_TASK:
            return offLoop(this::runTasks).thenCompose(v -> step());
          case NEED_WRAP:
            {
              netOut.clear();
              SSLEngineResult r = engine.wrap(EMPTY, netOut);
              netOut.flip();
              if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                break;
              }
              if (netOut.hasRemaining()) {
                return raw.write(netOut).thenCompose(v -> step());
              }
              if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                return Input.failed(new SSLException("TLS connection closed during the handshake"));
              }
              break;
            }
          case NEED_UNWRAP:
          case NEED_UNWRAP_AGAIN:
            {
              SSLEngineResult r = unwrap();
              switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                  return readRaw()
                      .thenCompose(
                          n -> {
                            if (n < 0) {
                              return Input.<Void>failed(
                                  new EOFException(
                                      "connection closed by the server during the TLS handshake"));
                            }
                            return step();
                          });
                case CLOSED:
                  return Input.failed(
                      new SSLException("TLS connection closed by the server during the handshake"));
                default:
                  break;
              }
              break;
            }
          default:
            return CompletableFuture.completedFuture(null);
        }
      }
    } catch (SSLException | RuntimeException e) {
      return Input.failed(e);
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
  }

  /** Unwraps from netIn into appIn, growing appIn on overflow. */
  private SSLEngineResult unwrap() throws SSLException {
    while (true) {
      netIn.flip();
      appIn.compact();
      SSLEngineResult r;
      try {
        r = engine.unwrap(netIn, appIn);
      } finally {
        netIn.compact();
        appIn.flip();
      }
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() * 2);
        bigger.put(appIn);
        bigger.flip();
        appIn = bigger;
        continue;
      }
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !netIn.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
        netIn.flip();
        bigger.put(netIn);
        netIn = bigger;
      }
      return r;
    }
  }

  private CompletableFuture<Integer> readRaw() {
    return raw.read(netIn);
  }

  @Override
  public CompletableFuture<Integer> read(ByteBuffer dst) {
    try {
      while (true) {
        if (appIn.hasRemaining()) {
          int n = Math.min(dst.remaining(), appIn.remaining());
          ByteBuffer slice = appIn.duplicate();
          slice.limit(slice.position() + n);
          dst.put(slice);
          appIn.position(appIn.position() + n);
          return CompletableFuture.completedFuture(n);
        }
        if (engine.isInboundDone()) {
          return CompletableFuture.completedFuture(-1);
        }
        SSLEngineResult r = unwrap();
        switch (r.getStatus()) {
          case BUFFER_UNDERFLOW:
            return readRaw().thenCompose(n -> n < 0 ? CompletableFuture.completedFuture(-1) : read(dst));
          case CLOSED:
            return CompletableFuture.completedFuture(-1);
          default:
            break;
        }
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
          return offLoop(this::runTasks).thenCompose(v -> read(dst));
        } else if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
          return step().thenCompose(v -> read(dst));
        }
      }
    } catch (SSLException | RuntimeException e) {
      return Input.failed(e);
    }
  }

  @Override
  public CompletableFuture<Void> write(ByteBuffer src) {
    try {
      netOut.clear();
      SSLEngineResult r = engine.wrap(src, netOut);
      netOut.flip();
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        return write(src);
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
        return Input.failed(new SSLException("TLS connection closed"));
      }
      return raw.write(netOut)
          .thenCompose(
              v -> src.hasRemaining() ? write(src) : CompletableFuture.<Void>completedFuture(null));
    } catch (SSLException | RuntimeException e) {
      return Input.failed(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    engine.closeOutbound();
    raw.close();
  }
}
