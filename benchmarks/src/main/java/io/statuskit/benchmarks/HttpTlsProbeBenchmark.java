package io.statuskit.benchmarks;

import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.TlsOptions;
import io.statuskit.probes.TlsProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HTTP and TLS probes, one at a time, against local servers in a child process (the JDK's HTTP
 * server answering 200, and a TLS server with an EC P-256 certificate that refuses resumption,
 * so every handshake is a full TLS 1.3 one), beside the raw JDK floors: a bare blocking HTTP/1.1
 * GET on a {@code Socket}, and a bare {@code SSLSocket} handshake with SNI and host name
 * verification. A probe that is not up fails the benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
public class HttpTlsProbeBenchmark {
  /**
   * The certificate and the two server processes, made once per JVM and shared by the
   * benchmark methods (each JMH fork is its own JVM; the smoke test runs them all in one). The
   * servers exit when this JVM does: they watch their standard input.
   */
  private static final class Servers {
    final KeyMaterial keys;
    final ListenerFarm.Handle http;
    final ListenerFarm.Handle tls;

    Servers() throws IOException, InterruptedException, GeneralSecurityException {
      keys = KeyMaterial.create();
      http = ListenerFarm.start(List.of(), "http");
      tls = ListenerFarm.start(List.of(), "tls", keys.keyStore.toString(), KeyMaterial.PASSWORD);
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-servers-stop"));
    }

    void close() {
      try {
        http.close();
        tls.close();
        keys.delete();
      } catch (IOException | InterruptedException e) {
        // the JVM is going; the servers go with it
      }
    }
  }

  private static @Nullable Servers shared;

  private static synchronized Servers servers() throws IOException, InterruptedException, GeneralSecurityException {
    Servers servers = shared;
    if (servers == null) {
      servers = new Servers();
      shared = servers;
    }
    return servers;
  }

  @SuppressWarnings("NullAway.Init") // set in setUp
  private SSLContext floorContext;
  @SuppressWarnings("NullAway.Init")
  private ProbeEngine engine;
  @SuppressWarnings("NullAway.Init")
  private HttpProbe http;
  @SuppressWarnings("NullAway.Init")
  private TlsProbe tls;
  private InetSocketAddress httpAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private InetSocketAddress tlsAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  /** Starts (or reuses) the servers, starts an engine and builds the probes. */
  @Setup
  public void setUp() throws IOException, InterruptedException, GeneralSecurityException {
    Servers servers = servers();
    httpAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), servers.http.port());
    tlsAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), servers.tls.port());
    floorContext = servers.keys.clientContext();
    engine = ProbeEngine.create();
    http = HttpProbe.builder("http://127.0.0.1:" + httpAddress.getPort() + "/health").timeout(Duration.ofSeconds(5)).build();
    tls =
        TlsProbe.builder("127.0.0.1", tlsAddress.getPort())
            .tls(TlsOptions.ofDefaults().withServerName("localhost").withCaFile(servers.keys.certificatePem))
            .timeout(Duration.ofSeconds(5))
            .build();
  }

  /** Stops the engine; the servers stay for the next benchmark in this JVM. */
  @TearDown
  public void tearDown() {
    engine.close();
  }

  private static ProbeResult up(ProbeResult result) {
    if (result.outcome() != Outcome.UP) {
      throw new IllegalStateException("probe not up: " + result.outcome() + " " + result.message());
    }
    return result;
  }

  /** StatusKit's HTTP probe: GET, status 200 expected. */
  @Benchmark
  public ProbeResult statuskitHttp() {
    return up(engine.run(http).join());
  }

  /** The floor: a bare blocking HTTP/1.1 GET. */
  @Benchmark
  public int floorHttp() throws IOException {
    int status = Floors.httpGet(httpAddress, "/health");
    if (status != 200) {
      throw new IllegalStateException("status " + status);
    }
    return status;
  }

  /**
   * StatusKit's TLS probe: full handshake, chain and host name checks, certificate details. At
   * 50 to 80 handshakes a second the class's 30 s of warm-up is too little for the JIT to finish
   * compiling the JDK's TLS and elliptic-curve code, so both TLS benchmarks warm up for 80 s.
   */
  @Benchmark
  @Warmup(iterations = 8, time = 10)
  @Measurement(iterations = 5, time = 4)
  public ProbeResult statuskitTls() {
    return up(engine.run(tls).join());
  }

  /** The floor: a bare SSLSocket handshake with SNI and host name verification. */
  @Benchmark
  @Warmup(iterations = 8, time = 10)
  @Measurement(iterations = 5, time = 4)
  public String floorTls() throws IOException {
    return Floors.tlsHandshake(floorContext, tlsAddress, "localhost");
  }
}
