package io.statuskit.probes.internal;

import io.statuskit.probes.Phase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A TCP connection on an {@link AsynchronousSocketChannel}. */
public final class TcpStream implements ByteStream {
  private final AsynchronousSocketChannel channel;
  private final InetSocketAddress remote;

  private TcpStream(AsynchronousSocketChannel channel, InetSocketAddress remote) {
    this.channel = channel;
    this.remote = remote;
  }

  /**
   * Resolves {@code host} and connects to the first address that accepts, recording the resolve
   * and connect phases and the resolved address in {@code run}; the connection is owned by it.
   */
  public static CompletableFuture<TcpStream> open(ProbeRun run, String host, int port) {
    long resolveStart = run.now();
    run.activity("resolving " + host);
    return run.context()
        .resolve(host)
        .toCompletableFuture()
        .thenCompose(
            addresses -> {
              run.phase(Phase.RESOLVE, resolveStart);
              return connectAny(run, addresses, 0, port, null);
            });
  }

  private static CompletableFuture<TcpStream> connectAny(
      ProbeRun run,
      List<InetAddress> addresses,
      int index,
      int port,
      @org.jspecify.annotations.Nullable Throwable last) {
    if (index >= addresses.size()) {
      CompletableFuture<TcpStream> failed = new CompletableFuture<>();
      failed.completeExceptionally(
          last != null ? last : new java.net.UnknownHostException("no address"));
      return failed;
    }
    InetAddress address = addresses.get(index);
    return connect(run, new InetSocketAddress(address, port))
        .handle(
            (stream, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(stream);
              }
              if (run.isDone() || index + 1 >= addresses.size()) {
                CompletableFuture<TcpStream> f = new CompletableFuture<>();
                f.completeExceptionally(error);
                return f;
              }
              return connectAny(run, addresses, index + 1, port, error);
            })
        .thenCompose(f -> f);
  }

  /** Connects to one address. */
  public static CompletableFuture<TcpStream> connect(ProbeRun run, InetSocketAddress remote) {
    CompletableFuture<TcpStream> out = new CompletableFuture<>();
    AsynchronousSocketChannel ch;
    try {
      ch = AsynchronousSocketChannel.open(run.context().channelGroup());
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException | RuntimeException e) {
      out.completeExceptionally(e);
      return out;
    }
    TcpStream stream = run.own(new TcpStream(ch, remote));
    run.details(d -> d.resolvedAddress(remote.getAddress()));
    run.activity("connecting to " + show(remote));
    long connectStart = run.now();
    try {
      ch.connect(
          remote,
          null,
          new CompletionHandler<Void, Void>() {
            @Override
            public void completed(Void v, Void a) {
              run.phase(Phase.CONNECT, connectStart);
              out.complete(stream);
            }

            @Override
            public void failed(Throwable e, Void a) {
              stream.close();
              out.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      stream.close();
      out.completeExceptionally(e);
    }
    return out;
  }

  static String show(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return Checks.hostPort(host, a.getPort());
  }

  public InetSocketAddress remote() {
    return remote;
  }

  @Override
  public CompletableFuture<Integer> read(ByteBuffer dst) {
    CompletableFuture<Integer> out = new CompletableFuture<>();
    try {
      channel.read(
          dst,
          null,
          new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void a) {
              out.complete(n);
            }

            @Override
            public void failed(Throwable e, Void a) {
              out.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      out.completeExceptionally(e);
    }
    return out;
  }

  @Override
  public CompletableFuture<Void> write(ByteBuffer src) {
    CompletableFuture<Void> out = new CompletableFuture<>();
    writeRest(src, out);
    return out;
  }

  private void writeRest(ByteBuffer src, CompletableFuture<Void> out) {
    if (!src.hasRemaining()) {
      out.complete(null);
      return;
    }
    try {
      channel.write(
          src,
          null,
          new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void a) {
              writeRest(src, out);
            }

            @Override
            public void failed(Throwable e, Void a) {
              out.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      out.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
