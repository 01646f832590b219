package io.statuskit.probes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IoLoopsTest {
  private static IoLoops loops(int n) {
    return new IoLoops(n, r -> new Thread(r, "test-io"));
  }

  @Test
  void tasksHandedOverRunOnTheLoopThreadInOrder() throws Exception {
    try (IoLoops loops = loops(1)) {
      IoLoops.Loop loop = loops.next();
      StringBuffer seen = new StringBuffer();
      CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        loop.execute(() -> seen.append(n).append(','));
      }
      loop.execute(() -> onLoop.complete(loop.inLoop()));
      assertThat(onLoop.get(5, TimeUnit.SECONDS)).isTrue();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        expected.append(i).append(',');
      }
      assertThat(seen.toString()).isEqualTo(expected.toString());
    }
  }

  @Test
  void aReadPendingWhenTheLoopsCloseFailsAsClosedAndTheThreadEnds() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      IoLoops loops = loops(1);
      IoLoops.Loop loop = loops.next();
      SocketChannel client = SocketChannel.open((InetSocketAddress) server.getLocalAddress());
      client.configureBlocking(false);
      CompletableFuture<Integer> read = new CompletableFuture<>();
      loop.execute(
          () -> {
            try {
              client.register(
                  loop.selector(),
                  java.nio.channels.SelectionKey.OP_READ,
                  new IoLoops.Handler() {
                    @Override
                    public void ready(int readyOps) {}

                    @Override
                    public void abort() {
                      read.completeExceptionally(new AsynchronousCloseException());
                    }
                  });
            } catch (IOException e) {
              read.completeExceptionally(e);
            }
          });
      Thread.sleep(50);
      loops.close();
      assertThat(read).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(AsynchronousCloseException.class);
      assertThat(client.isOpen()).isFalse();
      assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-io"));
      // a task handed over after closing still runs (and must see the loop closed)
      CompletableFuture<Boolean> late = new CompletableFuture<>();
      loop.execute(() -> late.complete(loop.isClosed()));
      assertThat(late.get(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void loopsSpreadChannelsRoundRobin() {
    try (IoLoops loops = loops(2)) {
      IoLoops.Loop a = loops.next();
      IoLoops.Loop b = loops.next();
      assertThat(a).isNotSameAs(b);
      assertThat(loops.next()).isSameAs(a);
    }
  }

  @Test
  void tasksFromManyThreadsAllRunOnTheLoopThread() throws Exception {
    // TcpStream on the loops (connect, write, read, close) is exercised end to end by the probe tests
    try (IoLoops loops = loops(1)) {
      IoLoops.Loop loop = loops.next();
      int producers = 4;
      int each = 10_000;
      java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger offLoop = new java.util.concurrent.atomic.AtomicInteger();
      Thread[] threads = new Thread[producers];
      for (int t = 0; t < producers; t++) {
        threads[t] =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i++) {
                    loop.execute(
                        () -> {
                          if (!loop.inLoop()) {
                            offLoop.incrementAndGet();
                          }
                          ran.incrementAndGet();
                        });
                  }
                });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      CompletableFuture<Integer> total = new CompletableFuture<>();
      loop.execute(() -> total.complete(ran.get()));
      assertThat(total.get(5, TimeUnit.SECONDS)).isEqualTo(producers * each);
      assertThat(offLoop).hasValue(0);
    }
  }
}
