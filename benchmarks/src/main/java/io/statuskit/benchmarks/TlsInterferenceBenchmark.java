package io.statuskit.benchmarks;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.TlsOptions;
import io.statuskit.probes.TlsProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
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
 * The latency a refused connect gets while {@code handshakes} TLS handshakes run in the same
 * engine. A pump keeps {@code handshakes} TLS probes in flight for the whole trial against a TLS
 * server in a child process (EC P-256, full TLS 1.3 handshakes, no resumption): each one that
 * ends is replaced by a new one (from the pump's own thread, not the engine's). The measured call
 * runs one TCP probe of a closed port on 127.0.0.1 to its result (refused). {@code handshakes =
 * 0} is the same refused connect on an idle engine; the difference is the latency the TLS work
 * adds. Before TLS work left the selector threads, a refused connect waited for the handshakes'
 * key exchange and certificate checks queued on its selector thread.
 *
 * <p>Sample time, so the percentiles show the tail. A handshake that is not up fails the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
public class TlsInterferenceBenchmark {
  /** TLS handshakes in flight while the refused connect is measured. */
  @Param({"0", "100", "1000"})
  public int handshakes;

  private static @Nullable KeyMaterial keys;
  private static ListenerFarm.@Nullable Handle server;

  @SuppressWarnings("NullAway.Init") // set in setUp
  private ProbeEngine engine;
  @SuppressWarnings("NullAway.Init")
  private TlsProbe tls;
  @SuppressWarnings("NullAway.Init")
  private TcpProbe refused;
  private final Set<CompletableFuture<ProbeResult>> running = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean pumping = new AtomicBoolean();
  private final AtomicReference<@Nullable ProbeResult> notUp = new AtomicReference<>();
  @SuppressWarnings("NullAway.Init")
  private ExecutorService pump;

  private static synchronized ListenerFarm.Handle server(KeyMaterial k) throws IOException {
    ListenerFarm.Handle s = server;
    if (s == null) {
      s = ListenerFarm.start(List.of(), "tls", k.keyStore.toString(), KeyMaterial.PASSWORD);
      server = s;
      ListenerFarm.Handle started = s;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                      k.delete();
                    } catch (IOException | InterruptedException e) {
                      // the JVM is going; the server goes with it
                    }
                  },
                  "bench-tls-server-stop"));
    }
    return s;
  }

  private static synchronized KeyMaterial keys()
      throws IOException, InterruptedException, GeneralSecurityException {
    KeyMaterial k = keys;
    if (k == null) {
      k = KeyMaterial.create();
      keys = k;
    }
    return k;
  }

  /**
   * Starts (or reuses) the TLS server, starts an engine, checks both probes once and starts
   * keeping {@code handshakes} TLS probes in flight.
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, InterruptedException, GeneralSecurityException {
    KeyMaterial k = keys();
    ListenerFarm.Handle s = server(k);
    engine = ProbeEngine.create();
    tls =
        TlsProbe.builder("127.0.0.1", s.port())
            .tls(TlsOptions.ofDefaults().withServerName("localhost").withCaFile(k.certificatePem))
            .timeout(Duration.ofSeconds(60))
            .build();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    refused = TcpProbe.builder("127.0.0.1", closedPort).timeout(Duration.ofSeconds(10)).build();
    check(engine.run(tls).join(), Outcome.UP, null);
    check(engine.run(refused).join(), Outcome.DOWN, ErrorKind.REFUSED);
    pump = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-tls-pump"));
    pumping.set(true);
    for (int i = 0; i < handshakes; i++) {
      pump.execute(this::startHandshake);
    }
  }

  /** Starts one handshake that, when it ends, starts the next (on the pump thread). */
  private void startHandshake() {
    if (!pumping.get()) {
      return;
    }
    CompletableFuture<ProbeResult> f = engine.run(tls);
    running.add(f);
    f.whenCompleteAsync(
        (r, e) -> {
          running.remove(f);
          if (r == null || r.outcome() != Outcome.UP) {
            ProbeResult shown =
                r != null ? r : ProbeResult.down(ErrorKind.INTERNAL, String.valueOf(e), Duration.ZERO);
            notUp.compareAndSet(null, shown);
          }
          startHandshake();
        },
        pump);
  }

  /** Stops the pump, waits for the handshakes in flight, and fails if any was not up. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    pumping.set(false);
    pump.shutdown();
    pump.awaitTermination(10, TimeUnit.SECONDS);
    // the last ones to end are not checked: the pump, which checks, has stopped
    for (CompletableFuture<ProbeResult> f : List.copyOf(running)) {
      f.exceptionally(e -> null).join();
    }
    engine.close();
    ProbeResult bad = notUp.get();
    if (bad != null) {
      throw new IllegalStateException("a TLS handshake was not up: " + bad);
    }
  }

  private static ProbeResult check(ProbeResult r, Outcome outcome, @Nullable ErrorKind kind) {
    if (r.outcome() != outcome || (kind != null && r.errorKind() != kind)) {
      throw new IllegalStateException("expected " + outcome + " " + kind + ", got " + r);
    }
    return r;
  }

  /** One refused connect, to its result, while the handshakes run. */
  @Benchmark
  public ProbeResult refusedConnect() {
    return check(engine.run(refused).join(), Outcome.DOWN, ErrorKind.REFUSED);
  }
}
