package io.statuskit.probes.internal;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/** TLS over another {@link ByteStream} with an {@link SSLEngine}, without blocking. */
public final class TlsStream implements ByteStream {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final ByteStream raw;
  private final SSLEngine engine;
  private ByteBuffer netIn; // write mode
  private ByteBuffer appIn; // read mode
  private ByteBuffer netOut;

  public TlsStream(ByteStream raw, SSLEngine engine) {
    this.raw = raw;
    this.engine = engine;
    this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.appIn.flip();
    this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  public SSLEngine engine() {
    return engine;
  }

  /** Performs the handshake. */
  public CompletableFuture<Void> handshake() {
    try {
      engine.beginHandshake();
      return step();
    } catch (SSLException | RuntimeException e) {
      return Input.failed(e);
    }
  }

  private CompletableFuture<Void> step() {
    try {
      while (true) {
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        switch (hs) {
          case NEED_TASK:
            runTasks();
            break;
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
          runTasks();
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
    engine.closeOutbound();
    raw.close();
  }
}
