package io.statuskit.benchmarks;

import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.TlsOptions;
import io.statuskit.probes.TlsProbe;
import io.statuskit.probes.spi.Probe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * One round of {@code targets} mixed probes, all launched at once and awaited: 80% TCP connects to
 * local listeners (127.77.x.y:7777), 10% HTTP GETs to the JDK's HTTP server and 10% full TLS 1.3
 * handshakes (EC P-256, no resumption) to a TLS server, each kind in a child process so the
 * benchmark JVM's CPU time is the probing side's alone. StatusKit runs them on one {@link
 * ProbeEngine}; the bare-JDK floor does the same round with the TCP connects on one selector in
 * the benchmark thread and the HTTP GETs and TLS handshakes as blocking sockets on a pool of
 * {@value #FLOOR_THREADS} threads, at the same time. One operation is a whole round; CPU per probe
 * is {@code cpu.us/op} divided by {@code targets}. A round in which any target is not up fails
 * the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class MixedRoundBenchmark {
  /** Threads of the floor's blocking HTTP and TLS clients. */
  static final int FLOOR_THREADS = 32;

  /** Targets in one round: 80% TCP, 10% HTTP, 10% TLS. */
  @Param({"10000"})
  public int targets;

  private final Floors floors = new Floors();
  private final List<AutoCloseable> farms = new ArrayList<>();
  @SuppressWarnings("NullAway.Init") // set in setUp
  private KeyMaterial keys;
  @SuppressWarnings("NullAway.Init")
  private ProbeEngine engine;
  @SuppressWarnings("NullAway.Init")
  private SSLContext floorContext;
  @SuppressWarnings("NullAway.Init")
  private ExecutorService floorPool;
  private InetSocketAddress[] tcpAddresses = new InetSocketAddress[0];
  private InetSocketAddress httpAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private InetSocketAddress tlsAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private int httpCount;
  private int tlsCount;
  private List<Probe> probes = List.of();

  /** Starts the three farms and the engine, and builds the probes. */
  @Setup
  public void setUp() throws IOException, InterruptedException, GeneralSecurityException {
    tlsCount = targets / 10;
    httpCount = targets / 10;
    int tcpCount = targets - tlsCount - httpCount;
    keys = KeyMaterial.create();
    ListenerFarm.Handle tcp = ListenerFarm.start(List.of(), "tcp", Integer.toString(tcpCount), "0", "false");
    farms.add(tcp);
    ListenerFarm.Handle http = ListenerFarm.start(List.of(), "http");
    farms.add(http);
    ListenerFarm.Handle tls = ListenerFarm.start(List.of(), "tls", keys.keyStore.toString(), KeyMaterial.PASSWORD);
    farms.add(tls);
    httpAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), http.port());
    tlsAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), tls.port());
    floorContext = keys.clientContext();
    floorPool = Executors.newFixedThreadPool(FLOOR_THREADS);
    engine = ProbeEngine.create();
    // generous: at a load average of 20 and more, 1,000 full handshakes at once took longer than 30 s
    Duration timeout = Duration.ofSeconds(120);
    tcpAddresses = new InetSocketAddress[tcpCount];
    List<Probe> all = new ArrayList<>(targets);
    TlsOptions tlsOptions = TlsOptions.ofDefaults().withServerName("localhost").withCaFile(keys.certificatePem);
    // interleaved, as a config's servers would be: every tenth a TLS probe, every tenth an HTTP one
    int t = 0;
    for (int i = 0; i < targets; i++) {
      if (i % 10 == 0) {
        all.add(TlsProbe.builder("127.0.0.1", tlsAddress.getPort()).tls(tlsOptions).timeout(timeout).build());
      } else if (i % 10 == 5) {
        all.add(HttpProbe.builder("http://127.0.0.1:" + httpAddress.getPort() + "/health").timeout(timeout).build());
      } else {
        tcpAddresses[t] = ListenerFarm.address(t);
        all.add(
            TcpProbe.builder(tcpAddresses[t].getAddress().getHostAddress(), ListenerFarm.PORT).timeout(timeout).build());
        t++;
      }
    }
    probes = List.copyOf(all);
  }

  /** Stops the engine, the pool and the farms. */
  @TearDown
  public void tearDown() throws Exception {
    engine.close();
    floorPool.shutdownNow();
    for (AutoCloseable farm : farms) {
      farm.close();
    }
    keys.delete();
  }

  /** StatusKit: every probe of the round on one engine, then every result awaited. */
  @Benchmark
  public int statuskit() {
    @SuppressWarnings("unchecked")
    CompletableFuture<ProbeResult>[] results = new CompletableFuture[probes.size()];
    for (int i = 0; i < results.length; i++) {
      results[i] = engine.run(probes.get(i));
    }
    int up = 0;
    String firstFailure = "";
    for (CompletableFuture<ProbeResult> result : results) {
      ProbeResult r = result.join();
      if (r.outcome() == Outcome.UP) {
        up++;
      } else if (firstFailure.isEmpty()) {
        firstFailure = r.outcome() + " " + r.message();
      }
    }
    return checkAllUp(up, firstFailure);
  }

  /**
   * The floor: the HTTP GETs and TLS handshakes as blocking sockets on the pool while the
   * benchmark thread connects to every TCP listener through one selector.
   */
  @Benchmark
  public int floor() throws IOException, InterruptedException {
    List<Future<Boolean>> blocking = new ArrayList<>(httpCount + tlsCount);
    for (int i = 0; i < httpCount; i++) {
      blocking.add(floorPool.submit(() -> Floors.httpGet(httpAddress, "/health") == 200));
    }
    for (int i = 0; i < tlsCount; i++) {
      blocking.add(floorPool.submit(() -> !Floors.tlsHandshake(floorContext, tlsAddress, "localhost").isEmpty()));
    }
    int up = floors.connectAll(tcpAddresses, false, 120_000);
    String firstFailure = "";
    for (Future<Boolean> f : blocking) {
      try {
        if (f.get()) {
          up++;
        }
      } catch (ExecutionException e) {
        if (firstFailure.isEmpty()) {
          firstFailure = String.valueOf(e.getCause());
        }
      }
    }
    return checkAllUp(up, firstFailure);
  }

  private int checkAllUp(int up, String firstFailure) {
    if (up != targets) {
      throw new IllegalStateException(up + " of " + targets + " targets up; first failure: " + firstFailure);
    }
    return up;
  }
}
