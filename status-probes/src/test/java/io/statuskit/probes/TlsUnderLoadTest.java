package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.probes.spi.Probe;
import io.statuskit.testservers.TestCertificates;
import io.statuskit.testservers.TlsTestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS work never holds up other targets: with hundreds of TLS handshakes in one round and the
 * CPU deliberately kept busy, refused and fast targets are still reported promptly, because the
 * handshakes' key exchange and certificate checks run on the engine's TLS pool, not on the
 * selector threads that report the others.
 *
 * <p>The bounds are generous on purpose (this runs on two shared, loaded cores); the precise
 * figure is {@code TlsInterferenceBenchmark} in benchmarks/.
 */
class TlsUnderLoadTest {
  private static final int HANDSHAKES = 300;
  private static final int OTHERS = 20; // refused and fast each
  private static final Duration PROMPT = Duration.ofMillis(750);

  @TempDir Path dir;

  /** One probe's answer: how long it took and how many handshakes were still running then. */
  private record Timed(ProbeResult result, long millis, int handshakesRunning) {}

  @Test
  void refusedAndFastTargetsAreReportedPromptlyWhileHundredsOfHandshakesRunOnABusyMachine()
      throws Exception {
    TestCertificates ca = TestCertificates.authority("StatusKit Test CA");
    Path caFile = ca.writeCaPem(dir);
    AtomicBoolean busy = new AtomicBoolean(true);
    List<Thread> hogs = new ArrayList<>();
    try (TlsTestServer tls = TlsTestServer.presenting(ca.valid("mail.example.test"));
        ServerSocket fast = new ServerSocket(0, 2 * OTHERS, InetAddress.getByName("127.0.0.1"));
        ProbeEngine engine = ProbeEngine.create()) {
      Probe handshake =
          TlsProbe.builder(tls.host(), tls.port())
              .serverName("mail.example.test")
              .caFile(caFile)
              .timeout(Duration.ofSeconds(60))
              .build();
      Probe refused = TcpProbe.builder("127.0.0.1", ProbeTesting.closedPort()).build();
      Probe accepting = TcpProbe.builder("127.0.0.1", fast.getLocalPort()).build();
      // warm up: the first TLS context, the JIT's first compilations
      assertThat(ProbeTesting.run(engine, handshake).outcome()).isEqualTo(Outcome.UP);
      ProbeTesting.run(engine, refused);

      for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
        Thread hog = new Thread(() -> spin(busy), "tls-under-load-hog-" + i);
        hog.setDaemon(true);
        hog.start();
        hogs.add(hog);
      }
      AtomicInteger handshakesRunning = new AtomicInteger(HANDSHAKES);
      List<CompletableFuture<ProbeResult>> handshakes = new ArrayList<>();
      for (int i = 0; i < HANDSHAKES; i++) {
        CompletableFuture<ProbeResult> f = engine.run(handshake);
        f.whenComplete((r, e) -> handshakesRunning.decrementAndGet());
        handshakes.add(f);
      }
      List<CompletableFuture<Timed>> refusedRuns = new ArrayList<>();
      List<CompletableFuture<Timed>> fastRuns = new ArrayList<>();
      for (int i = 0; i < OTHERS; i++) {
        refusedRuns.add(timed(engine, refused, handshakesRunning));
        fastRuns.add(timed(engine, accepting, handshakesRunning));
        Thread.sleep(20);
      }

      List<Timed> refusedDone = await(refusedRuns);
      List<Timed> fastDone = await(fastRuns);
      List<ProbeResult> handshakeResults = new ArrayList<>();
      for (CompletableFuture<ProbeResult> f : handshakes) {
        handshakeResults.add(f.get(90, TimeUnit.SECONDS));
      }
      busy.set(false);

      System.out.printf(
          "TlsUnderLoadTest: %d handshakes on a busy machine; refused %s ms, fast %s ms%n",
          HANDSHAKES, millis(refusedDone), millis(fastDone));
      assertThat(refusedDone)
          .allSatisfy(t -> assertThat(t.result().errorKind()).isEqualTo(ErrorKind.REFUSED));
      assertThat(fastDone).allSatisfy(t -> assertThat(t.result().outcome()).isEqualTo(Outcome.UP));
      assertThat(handshakeResults)
          .as("every handshake is still judged right under load")
          .allSatisfy(r -> assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP));
      // the others really ran while handshakes did: most of them finished with many still running
      assertThat(refusedDone.stream().filter(t -> t.handshakesRunning() >= HANDSHAKES / 10).count())
          .as("refused targets answered while at least %d handshakes still ran: %s", HANDSHAKES / 10, refusedDone)
          .isGreaterThanOrEqualTo(OTHERS / 2);
      assertThat(millis(refusedDone))
          .as("refused targets' time to result (ms), %d handshakes in flight", HANDSHAKES)
          .allSatisfy(ms -> assertThat(ms).isLessThan(PROMPT.toMillis()));
      assertThat(millis(fastDone))
          .as("fast targets' time to result (ms), %d handshakes in flight", HANDSHAKES)
          .allSatisfy(ms -> assertThat(ms).isLessThan(PROMPT.toMillis()));
    } finally {
      busy.set(false);
      for (Thread hog : hogs) {
        hog.join(5_000);
      }
    }
  }

  @Test
  void closingTheEngineInTheMiddleOfHandshakesEndsEveryAttempt() throws Exception {
    TestCertificates ca = TestCertificates.authority("StatusKit Test CA");
    Path caFile = ca.writeCaPem(dir);
    List<CompletableFuture<ProbeResult>> runs = new ArrayList<>();
    try (TlsTestServer tls = TlsTestServer.presenting(ca.valid("mail.example.test"))) {
      ProbeEngine engine = ProbeEngine.create();
      Probe handshake =
          TlsProbe.builder(tls.host(), tls.port())
              .serverName("mail.example.test")
              .caFile(caFile)
              .timeout(Duration.ofSeconds(60))
              .build();
      for (int i = 0; i < 200; i++) {
        runs.add(engine.run(handshake));
      }
      Thread.sleep(50);
      engine.close();
      for (CompletableFuture<ProbeResult> f : runs) {
        // each ends (most as not up) long before its 60 s timeout: nothing waits for a TLS task
        // that the closed engine dropped
        f.exceptionally(e -> null).get(15, TimeUnit.SECONDS);
      }
    }
    assertThat(runs).allSatisfy(f -> assertThat(f).isDone());
  }

  private static CompletableFuture<Timed> timed(
      ProbeEngine engine, Probe probe, AtomicInteger handshakesRunning) {
    long start = System.nanoTime();
    return engine
        .run(probe)
        .thenApply(
            r ->
                new Timed(
                    r,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    handshakesRunning.get()));
  }

  private static List<Timed> await(List<CompletableFuture<Timed>> runs) throws Exception {
    List<Timed> out = new ArrayList<>();
    for (CompletableFuture<Timed> f : runs) {
      out.add(f.get(30, TimeUnit.SECONDS));
    }
    return out;
  }

  private static List<Long> millis(List<Timed> done) {
    List<Long> out = new ArrayList<>();
    for (Timed t : done) {
      out.add(t.millis());
    }
    Collections.sort(out);
    return out;
  }

  /** Keeps one core busy until told to stop (bounded: the test stops it in any case). */
  private static void spin(AtomicBoolean busy) {
    long x = 1;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (busy.get() && System.nanoTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    if (x == 42) {
      System.out.print("");
    }
  }
}
