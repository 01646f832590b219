package io.statuskit.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.statuskit.core.Server;
import io.statuskit.core.Status;
import io.statuskit.core.StatusTracker;
import io.statuskit.core.store.InMemoryStatusStore;
import io.statuskit.notify.Notifier;
import io.statuskit.notify.TargetPolicy;
import io.statuskit.notify.Topics;
import io.statuskit.notify.WebhookFormat;
import io.statuskit.notify.store.InMemoryNotificationStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One status change fanned out to N webhook subscribers (Statuspage format, signed) on a local
 * receiver (the JDK's HttpServer on 127.0.0.1, 8 threads, in this JVM): {@code toLast} is the time
 * from the command to the N-th delivery answered 200 (N divided by it is notifications per
 * second), {@code toFirst} the time to the first. Each invocation is one command; the next waits
 * until every delivery of the previous one arrived.
 */
@State(Scope.Benchmark)
@SuppressWarnings("NullAway.Init") // set in setUp
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
public class NotifyFanoutBenchmark {
  @Param({"10000"})
  public int subscribers;

  @Param({"64"})
  public int concurrency;

  private HttpServer receiver;
  private ExecutorService receiverThreads;
  private StatusTracker tracker;
  private Notifier notifier;
  private final AtomicLong target = new AtomicLong();
  private volatile CountDownLatch first = new CountDownLatch(1);
  private volatile CountDownLatch all = new CountDownLatch(1);
  private boolean down;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
    receiverThreads = Executors.newFixedThreadPool(8);
    receiver.setExecutor(receiverThreads);
    receiver.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      long version = Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      if (version == target.get()) {
        first.countDown();
        all.countDown();
      }
    });
    receiver.start();
    InMemoryStatusStore store = new InMemoryStatusStore();
    tracker = StatusTracker.builder().store(store).build();
    tracker.addServer(Server.builder("NC027").name("Mail server").build());
    tracker.observe("NC027", Status.OPERATIONAL);
    notifier = Notifier.builder()
        .tracker(tracker, store)
        .store(new InMemoryNotificationStore())
        .pageUrl(URI.create("https://status.example.net/"))
        .targets(TargetPolicy.allowingLoopback())
        .maxConcurrentRequests(concurrency)
        .ioThreads(4)
        .build();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    for (int i = 0; i < subscribers; i++) {
      notifier.addWebhook(url, WebhookFormat.STATUSPAGE, Topics.everything());
    }
  }

  @Setup(Level.Invocation)
  public void arm() {
    target.set(tracker.board().version() + 1);
    first = new CountDownLatch(1);
    all = new CountDownLatch(subscribers);
  }

  /** Waits for the invocation's deliveries to end, so the next starts on an idle notifier. */
  @TearDown(Level.Invocation)
  public void drain() throws InterruptedException {
    if (!all.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("deliveries did not finish: " + all.getCount() + " left");
    }
  }

  private void change() {
    down = !down;
    tracker.observe("NC027", down ? Status.MAJOR_OUTAGE : Status.OPERATIONAL);
  }

  @Benchmark
  public long toLast() throws InterruptedException {
    change();
    if (!all.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("deliveries did not finish");
    }
    return target.get();
  }

  @Benchmark
  public long toFirst() throws InterruptedException {
    change();
    if (!first.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("no delivery");
    }
    return target.get();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    notifier.close();
    tracker.close();
    receiver.stop(0);
    receiverThreads.shutdownNow();
  }
}
