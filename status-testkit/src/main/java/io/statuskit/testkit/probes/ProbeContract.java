package io.statuskit.testkit.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.base.Ticker;
import io.statuskit.probes.Outcome;
import io.statuskit.probes.ProbeEngine;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.spi.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Probe} as its javadoc states it, as JUnit 5 tests (a TCK for custom
 * probes): extend this class, say how to make your probe for a target and a timeout, and every
 * test here runs against local servers on 127.0.0.1 that the contract starts itself.
 *
 * <pre>{@code
 * class PingPongProbeContractTest extends ProbeContract {
 *   @Override
 *   protected Probe probeOf(InetSocketAddress target, Duration timeout) {
 *     return new PingPongProbe(target.getHostString(), target.getPort(), timeout);
 *   }
 * }
 * }</pre>
 *
 * <p>Checked: {@code type()} and {@code target()} are not blank and {@code timeout()} is
 * positive; against a server that accepts and never speaks the result arrives by the timeout plus
 * {@link #margin()}, is not up, and has an error kind and a message, both through a {@link
 * ProbeEngine} and from the probe's own stage without the engine's deadline; against a refused
 * port the result is down within the deadline; cancelling a running attempt leaves no connection
 * open at the silent server; fifty attempts leave no thread behind once the engine is closed;
 * {@code run} never throws, not even with a closed engine. With a {@link #healthyTarget()} the
 * probe must also find it up.
 *
 * <p>A probe that succeeds as soon as it has connected cannot tell a silent server from a healthy
 * one; make {@link #probeOf} expect an answer (a banner, a reply). Not thread-safe; JUnit runs one
 * instance per test.
 */
public abstract class ProbeContract {
  private @Nullable SilentServer silent;
  private @Nullable ProbeEngine engine;

  /** Makes the probe under test for {@code target} (always on 127.0.0.1) with {@code timeout}. */
  protected abstract Probe probeOf(InetSocketAddress target, Duration timeout);

  /** The timeout of the probes the tests make; 300 ms by default. */
  protected Duration probeTimeout() {
    return Duration.ofMillis(300);
  }

  /** How much later than its timeout a result may arrive; 1 s by default. */
  protected Duration margin() {
    return Duration.ofSeconds(1);
  }

  /** A target the probe should find up, if the subclass runs one; empty (tests skipped) by default. */
  protected Optional<InetSocketAddress> healthyTarget() {
    return Optional.empty();
  }

  /** The engine the tests run probes on; {@link ProbeEngine#create()} by default. */
  protected ProbeEngine createEngine() {
    return ProbeEngine.create();
  }

  /** Starts the silent server and the engine; runs before each test. */
  @BeforeEach
  public final void startContractServers() {
    silent = new SilentServer();
    engine = createEngine();
  }

  /** Closes the engine and the silent server; runs after each test. */
  @AfterEach
  public final void stopContractServers() {
    try {
      if (engine != null) {
        engine.close();
      }
    } finally {
      engine = null;
      if (silent != null) {
        silent.close();
      }
      silent = null;
    }
  }

  /** {@code type()} and {@code target()} are not blank and {@code timeout()} is positive. */
  @Test
  public void typeTargetAndTimeoutAreDescribed() {
    Probe probe = probeOf(silent().address(), probeTimeout());
    assertThat(probe.type()).as("type()").isNotBlank();
    assertThat(probe.target()).as("target()").isNotBlank();
    assertThat(probe.timeout()).as("timeout()").isPositive();
  }

  /** Through an engine, a silent server yields a timely, not-up result with a kind and message. */
  @Test
  public void aSilentServerIsNotUpAndTheResultArrivesByTheTimeout() {
    Probe probe = probeOf(silent().address(), probeTimeout());
    ProbeResult r = awaitWithinDeadline(probe, engine().run(probe), "through the engine");
    assertNotUp(r);
  }

  /**
   * The probe's own stage, without the engine's deadline, completes by the timeout against a
   * silent server: the SPI asks every probe to keep its own deadline.
   */
  @Test
  public void theProbeKeepsItsOwnDeadlineWithoutTheEngine() {
    Probe probe = probeOf(silent().address(), probeTimeout());
    CompletableFuture<ProbeResult> f = probe.run(engine().context()).toCompletableFuture();
    try {
      ProbeResult r = awaitWithinDeadline(probe, f, "from its own stage");
      assertNotUp(r);
    } finally {
      f.cancel(true);
    }
  }

  /** A port nothing listens on is down, within the deadline. */
  @Test
  public void aRefusedPortIsDownWithinTheDeadline() {
    Probe probe = probeOf(refusedAddress(), probeTimeout());
    ProbeResult r = awaitWithinDeadline(probe, engine().run(probe), "against a refused port");
    assertThat(r.outcome()).as("outcome against a refused port: %s", r).isEqualTo(Outcome.DOWN);
    assertThat(r.message()).as("message of %s", r).isNotBlank();
  }

  /** Cancelling a running attempt completes at once and closes its connection. */
  @Test
  public void cancellingARunningAttemptClosesItsConnection() {
    SilentServer server = silent();
    Probe probe = probeOf(server.address(), Duration.ofSeconds(30));
    CompletableFuture<ProbeResult> f = engine().run(probe);
    boolean connected = waitUntil(Duration.ofSeconds(5), () -> server.accepted() >= 1);
    assertThat(connected).as("the probe connected to the silent server within 5s").isTrue();
    assertThat(f).as("the attempt is still running before the cancel").isNotDone();
    f.cancel(true);
    assertThat(f).as("the future after cancel").isCancelled();
    boolean released = waitUntil(margin().plusSeconds(1), () -> server.open() == 0);
    assertThat(released)
        .as(
            "connections still open at the silent server %s after cancelling (engine still open)",
            margin().plusSeconds(1))
        .isTrue();
  }

  /** Fifty attempts, some timing out and some refused, leave no thread once the engine is closed. */
  @Test
  public void manyRunsLeaveNoThreadsBehindOnceTheEngineIsClosed() {
    // warm up: the JDK starts a few shared threads once per JVM
    try (ProbeEngine warm = createEngine()) {
      Probe probe = probeOf(refusedAddress(), probeTimeout());
      awaitWithinDeadline(probe, warm.run(probe), "warm-up");
    }
    Set<Thread> baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
    InetSocketAddress refused = refusedAddress();
    try (ProbeEngine many = createEngine()) {
      List<CompletableFuture<ProbeResult>> runs = new ArrayList<>();
      List<Probe> probes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Probe p = probeOf(i % 2 == 0 ? silent().address() : refused, probeTimeout());
        probes.add(p);
        runs.add(many.run(p));
      }
      for (int i = 0; i < runs.size(); i++) {
        awaitWithinDeadline(probes.get(i), runs.get(i), "run " + i + " of 50");
      }
    }
    boolean settled = waitUntil(Duration.ofSeconds(5), () -> newThreads(baseline).isEmpty());
    assertThat(settled)
        .as("threads started by 50 runs still alive 5s after the engine closed: %s", newThreads(baseline))
        .isTrue();
  }

  /** {@code run} returns a stage instead of throwing, even when the engine is closed. */
  @Test
  public void runNeverThrows() {
    for (InetSocketAddress target : List.of(silent().address(), refusedAddress())) {
      Probe probe = probeOf(target, probeTimeout());
      assertThatCode(() -> cancel(probe.run(engine().context())))
          .as("run against %s", target)
          .doesNotThrowAnyException();
    }
    ProbeEngine closed = createEngine();
    closed.close();
    Probe probe = probeOf(silent().address(), probeTimeout());
    assertThatCode(() -> cancel(probe.run(closed.context())))
        .as("run with a closed engine")
        .doesNotThrowAnyException();
  }

  /** A healthy target is up within the deadline (skipped without a {@link #healthyTarget()}). */
  @Test
  public void aHealthyTargetIsUp() {
    Optional<InetSocketAddress> healthy = healthyTarget();
    assumeTrue(healthy.isPresent(), "no healthyTarget() given");
    Probe probe = probeOf(healthy.get(), Duration.ofSeconds(5));
    ProbeResult r = awaitWithinDeadline(probe, engine().run(probe), "against a healthy target");
    assertThat(r.outcome()).as("outcome against a healthy target: %s", r).isEqualTo(Outcome.UP);
  }

  /** The silent server of the running test: it accepts connections and never writes. */
  protected final SilentServer silent() {
    SilentServer s = silent;
    if (s == null) {
      throw new IllegalStateException("the contract servers are not started: call startContractServers()");
    }
    return s;
  }

  /** The engine of the running test. */
  protected final ProbeEngine engine() {
    ProbeEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("the contract servers are not started: call startContractServers()");
    }
    return e;
  }

  /** An address on 127.0.0.1 that nothing listens on (a port bound, then released). */
  protected static InetSocketAddress refusedAddress() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  private ProbeResult awaitWithinDeadline(
      Probe probe, CompletableFuture<ProbeResult> f, String how) {
    Duration deadline = probe.timeout().plus(margin());
    Ticker ticker = Ticker.systemTicker();
    long start = ticker.read();
    try {
      ProbeResult r = f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(r).as("result %s", how).isNotNull();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (Exception e) {
      f.cancel(true);
      Duration waited = Duration.ofNanos(ticker.read() - start);
      return fail(
          "no result %s within the timeout %s + margin %s (waited %s): %s",
          how, probe.timeout(), margin(), waited, e);
    }
  }

  private static void assertNotUp(ProbeResult r) {
    assertThat(r.outcome())
        .as("outcome against a silent server: %s", r)
        .isIn(Outcome.DOWN, Outcome.DEGRADED);
    assertThat(r.errorKind()).as("error kind against a silent server: %s", r).isNotNull();
    assertThat(r.message()).as("message against a silent server: %s", r).isNotBlank();
  }

  private static void cancel(CompletionStage<ProbeResult> stage) {
    assertThat(stage).as("the stage run returned").isNotNull();
    stage.toCompletableFuture().cancel(true);
  }

  private static List<String> newThreads(Set<Thread> baseline) {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      // the common pool is the JVM's, shared by everyone, and its idle workers end on their own
      if (t.isAlive() && !baseline.contains(t) && !t.getName().startsWith("ForkJoinPool.commonPool")) {
        out.add(t.getName());
      }
    }
    return out;
  }

  private static boolean waitUntil(Duration limit, BooleanSupplier condition) {
    long rounds = Math.max(1, limit.toMillis() / 20);
    for (long i = 0; i < rounds; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
    return condition.getAsBoolean();
  }

  /**
   * A server on 127.0.0.1 that accepts connections and never writes; it reads and discards what
   * clients send, so it sees when they close. Thread-safe.
   */
  protected static final class SilentServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    SilentServer() {
      try {
        listener = new ServerSocket(0, 100, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the silent server", e);
      }
      acceptor = new Thread(this::accept, "probe-contract-silent-" + listener.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void accept() {
      while (!listener.isClosed()) {
        Socket s;
        try {
          s = listener.accept();
        } catch (IOException e) {
          return;
        }
        synchronized (sockets) {
          sockets.add(s);
        }
        accepted.incrementAndGet();
        open.incrementAndGet();
        Thread reader = new Thread(() -> drain(s), "probe-contract-silent-conn");
        reader.setDaemon(true);
        reader.start();
      }
    }

    private void drain(Socket s) {
      byte[] buf = new byte[1024];
      try (InputStream in = s.getInputStream()) {
        while (in.read(buf) >= 0) {
          // discard; never answer
        }
      } catch (IOException e) {
        // reset by the client, or closed by close(): either way the connection is gone
      } finally {
        open.decrementAndGet();
        try {
          s.close();
        } catch (IOException e) {
          // already gone
        }
      }
    }

    /** {@code 127.0.0.1:port}. */
    public InetSocketAddress address() {
      return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** How many connections were accepted. */
    public int accepted() {
      return accepted.get();
    }

    /** How many accepted connections the client has not closed yet. */
    public int open() {
      return open.get();
    }

    /** Closes the listener and every connection, and waits briefly for the acceptor to end. */
    @Override
    public void close() {
      try {
        listener.close();
      } catch (IOException e) {
        // closing anyway
      }
      synchronized (sockets) {
        for (Socket s : sockets) {
          try {
            s.close();
          } catch (IOException e) {
            // closing anyway
          }
        }
        sockets.clear();
      }
      try {
        acceptor.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
