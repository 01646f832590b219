package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.probes.spi.Probe;
import io.statuskit.testservers.DnsTestServer;
import io.statuskit.testservers.HostileServer;
import io.statuskit.testservers.HttpTestServer.Response;
import io.statuskit.testservers.HttpTestServer;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Thousands of probes, some timing out, leave no socket and no thread behind. */
@EnabledOnOs(OS.LINUX)
class ProbeLeakTest {
  /** The servers the probes talk to, and a mix of probes: up, timing out, refused. */
  private static final class Fixture implements AutoCloseable {
    final HttpTestServer http = HttpTestServer.serving("/", Response.ok("ok"));
    final HostileServer tarpit = HostileServer.silent();
    final DnsTestServer silentDns = DnsTestServer.builder().mode(DnsTestServer.Mode.SILENT).build();
    final List<Probe> mix = new ArrayList<>();

    Fixture() {
      mix.add(HttpProbe.builder(http.url("/")).timeout(Duration.ofSeconds(5)).build());
      mix.add(TcpProbe.builder(http.host(), http.port()).build());
      mix.add(TcpProbe.builder(tarpit.host(), tarpit.port()).expect("^220").timeout(Duration.ofMillis(200)).build());
      mix.add(TcpProbe.builder("127.0.0.1", ProbeTesting.closedPort()).build());
      mix.add(DnsProbe.builder(silentDns.host(), "x.test").port(silentDns.port()).timeout(Duration.ofMillis(200)).build());
    }

    @Override
    public void close() {
      silentDns.close();
      tarpit.close();
      http.close();
    }
  }

  private static int openFds() {
    return Objects.requireNonNull(new File("/proc/self/fd").list()).length;
  }

  private static int liveThreads() {
    return Thread.getAllStackTraces().size();
  }

  /** Waits (at most 10s) until {@code value} is at most {@code limit}; returns the last value. */
  private static int settle(int limit, IntSupplier value) throws InterruptedException {
    int v = value.getAsInt();
    for (int i = 0; i < 200 && v > limit; i++) {
      Thread.sleep(50);
      v = value.getAsInt();
    }
    return v;
  }

  @Test
  void thousandsOfProbesLeaveNoSocketsOrThreadsBehind() throws Exception {
    // warm up: the JDK and dnsjava open their own shared resources once per JVM
    try (Fixture warm = new Fixture();
        ProbeEngine engine = ProbeEngine.create()) {
      for (Probe p : warm.mix) {
        ProbeTesting.run(engine, p);
      }
    }
    Thread.sleep(500);
    int fdBaseline = openFds();
    int threadBaseline = liveThreads();

    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    try (Fixture fixture = new Fixture()) {
      int withServers = openFds();
      try (ProbeEngine engine = ProbeEngine.create()) {
        int withEngine = openFds();
        Semaphore inFlight = new Semaphore(100);
        List<CompletableFuture<ProbeResult>> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
          Probe p = fixture.mix.get(i % fixture.mix.size());
          assertThat(inFlight.tryAcquire(10, TimeUnit.SECONDS)).as("a probe slot frees up").isTrue();
          CompletableFuture<ProbeResult> f = engine.run(p);
          f.whenComplete((r, e) -> inFlight.release());
          all.add(f);
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
        for (CompletableFuture<ProbeResult> f : all) {
          outcomes.merge(f.join().outcome(), 1, Integer::sum);
        }
        // every attempt closed its own sockets: only the servers' and the engine's remain
        assertThat(settle(withEngine, ProbeLeakTest::openFds))
            .as("open fds after 3000 probes with the engine still open (servers alone: %s)", withServers)
            .isLessThanOrEqualTo(withEngine);
      }
    }
    assertThat(outcomes).containsEntry(Outcome.UP, 1200).containsEntry(Outcome.DOWN, 1800);
    assertThat(settle(fdBaseline, ProbeLeakTest::openFds)).as("open fds after closing").isLessThanOrEqualTo(fdBaseline);
    assertThat(settle(threadBaseline, ProbeLeakTest::liveThreads)).as("live threads after closing").isLessThanOrEqualTo(threadBaseline);
  }
}
