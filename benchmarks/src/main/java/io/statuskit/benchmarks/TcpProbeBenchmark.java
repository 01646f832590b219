package io.statuskit.benchmarks;

import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.TcpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * One round of TCP probes against {@code targets} local listeners (127.77.x.y:7777, in a child
 * process), all launched at once and awaited: StatusKit's connect and banner probes on one
 * {@link ProbeEngine}, and the raw JDK floor (non-blocking {@code SocketChannel}s on one
 * selector) doing the same. One operation is a whole round; CPU per probe is {@code cpu.us/op}
 * divided by {@code targets}. A round in which any target is not up fails the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TcpProbeBenchmark {
  /** Listeners probed in one round. */
  @Param({"100", "1000", "10000"})
  public int targets;

  private final Floors floors = new Floors();
  @SuppressWarnings("NullAway.Init") // set in setUp
  private ListenerFarm.Handle farm;
  @SuppressWarnings("NullAway.Init")
  private ProbeEngine engine;
  private InetSocketAddress[] addresses = new InetSocketAddress[0];
  private TcpProbe[] connect = new TcpProbe[0];
  private TcpProbe[] banner = new TcpProbe[0];

  /** Starts the listeners and the engine and builds the probes. */
  @Setup
  public void setUp() throws IOException {
    farm = ListenerFarm.start(List.of(), "tcp", Integer.toString(targets), "0", "true");
    engine = ProbeEngine.create();
    addresses = new InetSocketAddress[targets];
    connect = new TcpProbe[targets];
    banner = new TcpProbe[targets];
    for (int i = 0; i < targets; i++) {
      addresses[i] = ListenerFarm.address(i);
      String host = addresses[i].getAddress().getHostAddress();
      connect[i] = TcpProbe.builder(host, ListenerFarm.PORT).timeout(Duration.ofSeconds(5)).build();
      banner[i] =
          TcpProbe.builder(host, ListenerFarm.PORT).expect("^220[ -]").timeout(Duration.ofSeconds(5)).build();
    }
  }

  /** Stops the engine and the listeners. */
  @TearDown
  public void tearDown() throws InterruptedException {
    engine.close();
    farm.close();
  }

  private int round(TcpProbe[] probes) {
    @SuppressWarnings("unchecked")
    CompletableFuture<ProbeResult>[] results = new CompletableFuture[probes.length];
    for (int i = 0; i < probes.length; i++) {
      results[i] = engine.run(probes[i]);
    }
    int up = 0;
    for (CompletableFuture<ProbeResult> result : results) {
      ProbeResult r = result.join();
      if (r.outcome() == Outcome.UP) {
        up++;
      } else if (up == 0) {
        // keep going; the count below fails the round with the first reason
        firstFailure = r.message();
      }
    }
    return checkAllUp(up);
  }

  private String firstFailure = "";

  private int checkAllUp(int up) {
    if (up != targets) {
      throw new IllegalStateException(up + " of " + targets + " targets up; first failure: " + firstFailure);
    }
    return up;
  }

  /** StatusKit: connect, then close. */
  @Benchmark
  public int statuskitConnect() {
    return round(connect);
  }

  /** StatusKit: connect, read the first line, check it starts with 220, close. */
  @Benchmark
  public int statuskitBanner() {
    return round(banner);
  }

  /** The floor: bare non-blocking connects on one selector, each closed once connected. */
  @Benchmark
  public int floorConnect() throws IOException {
    return checkAllUp(floors.connectAll(addresses, false, 5_000));
  }

  /**
   * A second, lower floor for CPU per probe: bare blocking connects one after the other (no
   * selector, no concurrency), each closed at once.
   */
  @Benchmark
  public int floorBlockingConnect() {
    return checkAllUp(Floors.connectEachBlocking(addresses));
  }

  /** The floor: bare non-blocking connects, each closed once its first line arrived. */
  @Benchmark
  public int floorBanner() throws IOException {
    return checkAllUp(floors.connectAll(addresses, true, 5_000));
  }
}
