package io.statuskit.probes.internal;

import io.statuskit.probes.Phase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A TCP connection on a non-blocking {@link SocketChannel} driven by one of the engine's {@link
 * IoLoops}. Futures complete on the loop thread. One read and one write at a time; thread-safe
 * otherwise (operations may start on any thread).
 */
public final class TcpStream implements ByteStream, IoLoops.Handler {
  private final SocketChannel channel;
  private final IoLoops.Loop loop;
  private final InetSocketAddress remote;
  // pending operations: set by the starting thread before it hands over to the loop, taken on the
  // loop thread
  private volatile @Nullable CompletableFuture<TcpStream> connecting;
  private volatile @Nullable CompletableFuture<Integer> reading;
  private volatile @Nullable ByteBuffer readInto;
  private volatile @Nullable CompletableFuture<Void> writing;
  private volatile @Nullable ByteBuffer writeFrom;
  private @Nullable SelectionKey key; // loop thread only
  private @Nullable ProbeRun connectRun; // set before connecting is handed over
  private long connectStart;
  private volatile boolean noDelay; // TCP_NODELAY is set on the first write: most probes never write
  private final Runnable sync = this::sync;

  private TcpStream(SocketChannel channel, IoLoops.Loop loop, InetSocketAddress remote) {
    this.channel = channel;
    this.loop = loop;
    this.remote = remote;
  }

  /**
   * Resolves {@code host} and connects to the first address that accepts, recording the resolve
   * and connect phases and the resolved address in {@code run}; the connection is owned by it.
   */
  public static CompletableFuture<TcpStream> open(ProbeRun run, String host, int port) {
    long resolveStart = run.now();
    run.activity("resolving ", host, "");
    CompletableFuture<List<InetAddress>> resolved = run.context().resolve(host).toCompletableFuture();
    List<InetAddress> now = resolved.getNow(null);
    if (now != null) {
      run.phase(Phase.RESOLVE, resolveStart);
      return connectAny(run, now, port);
    }
    return resolved.thenCompose(
        addresses -> {
          run.phase(Phase.RESOLVE, resolveStart);
          return connectAny(run, addresses, port);
        });
  }

  private static CompletableFuture<TcpStream> connectAny(
      ProbeRun run, List<InetAddress> addresses, int port) {
    if (addresses.isEmpty()) {
      return Input.failed(new java.net.UnknownHostException("no address"));
    }
    CompletableFuture<TcpStream> first = connect(run, new InetSocketAddress(addresses.get(0), port));
    if (addresses.size() == 1) {
      return first;
    }
    CompletableFuture<TcpStream> out = new CompletableFuture<>();
    tryNext(run, addresses, 0, port, first, out);
    return out;
  }

  private static void tryNext(
      ProbeRun run,
      List<InetAddress> addresses,
      int index,
      int port,
      CompletableFuture<TcpStream> attempt,
      CompletableFuture<TcpStream> out) {
    attempt.whenComplete(
        (stream, error) -> {
          if (error == null) {
            out.complete(stream);
          } else if (run.isDone() || index + 1 >= addresses.size()) {
            out.completeExceptionally(error);
          } else {
            InetSocketAddress a = new InetSocketAddress(addresses.get(index + 1), port);
            tryNext(run, addresses, index + 1, port, connect(run, a), out);
          }
        });
  }

  /** Connects to one address. */
  public static CompletableFuture<TcpStream> connect(ProbeRun run, InetSocketAddress remote) {
    CompletableFuture<TcpStream> out = new CompletableFuture<>();
    IoLoops.Loop loop = run.loops().next();
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
    } catch (IOException | RuntimeException e) {
      out.completeExceptionally(e);
      return out;
    }
    TcpStream stream = run.own(new TcpStream(ch, loop, remote));
    run.resolvedAddress(remote.getAddress());
    run.activity("connecting to ", remote, "");
    long connectStart = run.now();
    try {
      ch.configureBlocking(false);
      if (ch.connect(remote)) {
        run.phase(Phase.CONNECT, connectStart);
        out.complete(stream);
        return out;
      }
    } catch (IOException | RuntimeException e) {
      stream.close();
      out.completeExceptionally(e);
      return out;
    }
    stream.connectRun = run;
    stream.connectStart = connectStart;
    stream.connecting = out;
    loop.execute(stream.sync);
    return out;
  }

  static String show(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return Checks.hostPort(host, a.getPort());
  }

  /** The selector loop this connection runs on. */
  public IoLoops.Loop loop() {
    return loop;
  }

  public InetSocketAddress remote() {
    return remote;
  }

  @Override
  public CompletableFuture<Integer> read(ByteBuffer dst) {
    CompletableFuture<Integer> out = new CompletableFuture<>();
    readInto = dst;
    reading = out;
    loop.execute(sync);
    return out;
  }

  @Override
  public CompletableFuture<Void> write(ByteBuffer src) {
    CompletableFuture<Void> out = new CompletableFuture<>();
    try {
      if (!noDelay) {
        noDelay = true;
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      while (src.hasRemaining()) {
        if (channel.write(src) == 0) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      out.completeExceptionally(e);
      return out;
    }
    if (!src.hasRemaining()) {
      out.complete(null);
      return out;
    }
    writeFrom = src;
    writing = out;
    loop.execute(sync);
    return out;
  }

  /**
   * On the loop thread: registers or updates interest to match the pending operations. Runs after
   * an operation's future completed, so a probe that closed the channel in its callback costs no
   * interest update.
   */
  private void sync() {
    if (loop.isClosed() || !channel.isOpen()) {
      failClosed();
      return;
    }
    int ops = interest();
    try {
      SelectionKey k = key;
      if (k == null) {
        if (ops != 0) {
          key = channel.register(loop.selector(), ops, this);
        }
      } else if (k.interestOps() != ops) {
        k.interestOps(ops);
      }
    } catch (IOException | RuntimeException e) {
      fail(e instanceof ClosedChannelException ? new AsynchronousCloseException() : e);
    }
  }

  private int interest() {
    return (connecting != null ? SelectionKey.OP_CONNECT : 0)
        | (reading != null ? SelectionKey.OP_READ : 0)
        | (writing != null ? SelectionKey.OP_WRITE : 0);
  }

  @Override
  public void ready(int readyOps) {
    if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
      CompletableFuture<TcpStream> c = connecting;
      if (c != null) {
        connecting = null;
        try {
          channel.finishConnect();
        } catch (IOException | RuntimeException e) {
          close();
          c.completeExceptionally(e);
          return;
        }
        ProbeRun run = connectRun;
        if (run != null) {
          run.phase(Phase.CONNECT, connectStart);
        }
        c.complete(this);
        sync();
      }
    }
    if ((readyOps & SelectionKey.OP_WRITE) != 0) {
      CompletableFuture<Void> w = writing;
      ByteBuffer src = writeFrom;
      if (w != null && src != null) {
        try {
          channel.write(src);
        } catch (IOException | RuntimeException e) {
          writing = null;
          writeFrom = null;
          w.completeExceptionally(e);
          sync();
          return;
        }
        if (!src.hasRemaining()) {
          writing = null;
          writeFrom = null;
          w.complete(null);
          sync();
        }
      }
    }
    if ((readyOps & SelectionKey.OP_READ) != 0) {
      CompletableFuture<Integer> r = reading;
      ByteBuffer dst = readInto;
      if (r != null && dst != null) {
        int n;
        try {
          n = channel.read(dst);
        } catch (IOException | RuntimeException e) {
          reading = null;
          readInto = null;
          r.completeExceptionally(e);
          sync();
          return;
        }
        if (n != 0) {
          reading = null;
          readInto = null;
          r.complete(n);
          sync();
        }
      }
    }
  }

  @Override
  public void abort() {
    failClosed();
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  /** Fails pending operations as closed; creates the exception only when one is pending. */
  private void failClosed() {
    if (connecting != null || reading != null || writing != null) {
      fail(new AsynchronousCloseException());
    }
  }

  private void fail(Throwable e) {
    CompletableFuture<TcpStream> c = connecting;
    CompletableFuture<Integer> r = reading;
    CompletableFuture<Void> w = writing;
    connecting = null;
    reading = null;
    readInto = null;
    writing = null;
    writeFrom = null;
    if (c != null) {
      c.completeExceptionally(e);
    }
    if (r != null) {
      r.completeExceptionally(e);
    }
    if (w != null) {
      w.completeExceptionally(e);
    }
  }

  /**
   * Closes the connection; operations still pending fail with {@link AsynchronousCloseException}.
   */
  @Override
  public void close() {
    boolean wasOpen = channel.isOpen();
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
    if (wasOpen && !loop.inLoop()) {
      // the selector releases a registered channel's descriptor on its next select: wake it
      loop.execute(sync);
    } else if (wasOpen) {
      failClosed();
    }
  }
}
