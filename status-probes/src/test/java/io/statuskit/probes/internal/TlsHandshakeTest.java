package io.statuskit.probes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import com.google.common.base.Ticker;
import io.statuskit.probes.TlsOptions;
import io.statuskit.testservers.TestCertificates;
import io.statuskit.testservers.TlsTestServer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS plumbing with services the test owns, so that it can look at what they did. */
class TlsHandshakeTest {
  @TempDir Path dir;

  private final Set<String> tlsThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tlsTasks = new AtomicInteger();
  private ProbeEngine engine;
  private IoLoops loops;
  private DeadlineTimer deadlines;
  private ExecutorService pool;
  private TlsContexts contexts;
  private RunContext context;
  private TestCertificates ca;
  private TlsTestServer server;
  private TlsOptions options;

  @BeforeEach
  void start() {
    engine = ProbeEngine.create();
    loops = new IoLoops(1, r -> new Thread(r, "test-io"));
    deadlines = new DeadlineTimer(Ticker.systemTicker(), r -> new Thread(r, "test-deadlines"));
    ExecutorService tls = EngineServices.tlsPool(1, Duration.ofSeconds(1), "test-tls");
    pool =
        new java.util.concurrent.AbstractExecutorService() {
          @Override
          public void execute(Runnable task) {
            tls.execute(
                () -> {
                  tlsThreads.add(Thread.currentThread().getName());
                  tlsTasks.incrementAndGet();
                  task.run();
                });
          }

          @Override
          public void shutdown() {
            tls.shutdown();
          }

          @Override
          public java.util.List<Runnable> shutdownNow() {
            return tls.shutdownNow();
          }

          @Override
          public boolean isShutdown() {
            return tls.isShutdown();
          }

          @Override
          public boolean isTerminated() {
            return tls.isTerminated();
          }

          @Override
          public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return tls.awaitTermination(timeout, unit);
          }
        };
    contexts = new TlsContexts();
    context = new RunContext(engine.context(), new EngineServices(loops, deadlines, pool, contexts));
    ca = TestCertificates.authority("StatusKit Test CA");
    server = TlsTestServer.presenting(ca.valid("mail.example.test"));
    options = TlsOptions.ofDefaults().withServerName("mail.example.test").withCaFile(ca.writeCaPem(dir));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    loops.close();
    deadlines.close(5_000);
    pool.shutdownNow();
    engine.close();
  }

  /** One handshake, then the server's greeting line read through TLS (tickets come with it). */
  private ProbeResult handshakeAndRead() throws Exception {
    ProbeRun run = ProbeRun.start(context, Duration.ofSeconds(10));
    TcpStream.open(run, server.host(), server.port())
        .thenCompose(tcp -> TlsSupport.upgrade(run, tcp, server.host(), server.port(), options))
        .thenCompose(tls -> tls.read(ByteBuffer.allocate(64)))
        .whenComplete((n, e) -> {
          if (e != null) {
            run.fail(e);
          } else {
            run.up();
          }
        });
    return run.result().get(15, TimeUnit.SECONDS);
  }

  @Test
  void everyHandshakeIsAFullOneThatChecksTheChain() throws Exception {
    for (int i = 0; i < 3; i++) {
      ProbeResult r = handshakeAndRead();
      assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
      assertThat(r.details().certificate()).as("certificate of %s", r).isNotNull();
    }
    // a resumed handshake would check no chain: the server offers tickets, the client keeps none
    assertThat(contexts.chainsChecked()).isEqualTo(3);
    assertThat(contexts.contextsBuilt()).isEqualTo(1);
  }

  @Test
  void theHandshakesWorkRunsOnThePoolNotOnTheSelectorThread() throws Exception {
    ProbeResult r = handshakeAndRead();
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    // set-up and start in one task, then at least one batch of delegated tasks (the server's
    // flight, the chain check): none of it on the loop thread
    assertThat(tlsTasks.get()).isGreaterThanOrEqualTo(2);
    assertThat(tlsThreads).allSatisfy(name -> assertThat(name).startsWith("test-tls"));
  }
}
