package io.statuskit.testkit.probes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.probes.ErrorKind;
import io.statuskit.probes.ProbeResult;
import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe contract catches broken probes: each check here is run against a probe with one defect. */
class ProbeContractSelfTest {
  /** Channels the leaky probe opened outside the engine, closed after each test. */
  private final List<AsynchronousSocketChannel> leaked = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeLeakedChannels() throws IOException {
    for (AsynchronousSocketChannel c : leaked) {
      c.close();
    }
  }

  /** A contract for the probe {@code probes} makes, with the servers started. */
  private static ProbeContract contractFor(BiFunction<InetSocketAddress, Duration, Probe> probes) {
    ProbeContract contract =
        new ProbeContract() {
          @Override
          protected Probe probeOf(InetSocketAddress target, Duration timeout) {
            return probes.apply(target, timeout);
          }
        };
    contract.startContractServers();
    return contract;
  }

  private static void assertCheckFails(ProbeContract contract, ThrowingCallable check, String expected) {
    try {
      assertThatThrownBy(check).isInstanceOf(AssertionError.class).hasMessageContaining(expected);
    } finally {
      contract.stopContractServers();
    }
  }

  @Test
  void aProbeThatIsUpAsSoonAsItConnectsFailsTheSilentServerCheck() {
    ProbeContract c =
        contractFor((t, timeout) -> TcpProbe.builder(t.getHostString(), t.getPort()).timeout(timeout).build());
    assertCheckFails(c, c::aSilentServerIsNotUpAndTheResultArrivesByTheTimeout, "outcome against a silent server");
  }

  @Test
  void aProbeThatNeverCompletesFailsTheOwnDeadlineCheck() {
    ProbeContract c = contractFor((t, timeout) -> new BrokenProbe(t, timeout, ctx -> new CompletableFuture<>()));
    assertCheckFails(c, c::theProbeKeepsItsOwnDeadlineWithoutTheEngine, "no result from its own stage");
  }

  @Test
  void aProbeThatLeaksItsSocketOnCancelFailsTheCancelCheck() {
    ProbeContract c = contractFor(this::leakyProbe);
    assertCheckFails(c, c::cancellingARunningAttemptClosesItsConnection, "still open at the silent server");
  }

  @Test
  void aProbeThatLeaksItsSocketsFailsTheThreadCheck() {
    // the silent server reads each connection on a thread until the client closes it
    ProbeContract c = contractFor(this::leakyProbe);
    assertCheckFails(c, c::manyRunsLeaveNoThreadsBehindOnceTheEngineIsClosed, "threads started by 50 runs");
  }

  @Test
  void aProbeWhoseRunThrowsFailsTheNeverThrowsCheck() {
    ProbeContract c =
        contractFor(
            (t, timeout) ->
                new BrokenProbe(
                    t,
                    timeout,
                    ctx -> {
                      throw new IllegalStateException("boom");
                    }));
    assertCheckFails(c, c::runNeverThrows, "boom");
  }

  @Test
  void aBlankTypeFailsTheDescriptionCheck() {
    ProbeContract c =
        contractFor(
            (t, timeout) ->
                new BrokenProbe(t, timeout, ctx -> CompletableFuture.completedFuture(ProbeResult.up(Duration.ZERO))) {
                  @Override
                  public String type() {
                    return " ";
                  }
                });
    assertCheckFails(c, c::typeTargetAndTimeoutAreDescribed, "type()");
  }

  /**
   * Connects outside the engine's channel group, reports a timeout at its deadline and never
   * closes the channel: neither on cancel nor at the deadline nor when the engine closes.
   */
  private Probe leakyProbe(InetSocketAddress target, Duration timeout) {
    return new BrokenProbe(
        target,
        timeout,
        ctx -> {
          CompletableFuture<ProbeResult> out = new CompletableFuture<>();
          try {
            AsynchronousSocketChannel ch = AsynchronousSocketChannel.open();
            leaked.add(ch);
            ch.connect(target);
          } catch (IOException e) {
            out.complete(ProbeResult.down(ErrorKind.REFUSED, "refused", Duration.ZERO));
            return out;
          }
          ctx.scheduler()
              .schedule(
                  () -> out.complete(ProbeResult.down(ErrorKind.TIMEOUT, "timed out", timeout)),
                  timeout.toMillis(),
                  TimeUnit.MILLISECONDS);
          return out;
        });
  }

  /** A probe whose {@code run} is given; everything else is well-behaved. */
  private static class BrokenProbe implements Probe {
    private final InetSocketAddress target;
    private final Duration timeout;
    private final java.util.function.Function<ProbeContext, CompletionStage<ProbeResult>> run;

    BrokenProbe(
        InetSocketAddress target,
        Duration timeout,
        java.util.function.Function<ProbeContext, CompletionStage<ProbeResult>> run) {
      this.target = target;
      this.timeout = timeout;
      this.run = run;
    }

    @Override
    public String type() {
      return "broken";
    }

    @Override
    public String target() {
      return target.toString();
    }

    @Override
    public Duration timeout() {
      return timeout;
    }

    @Override
    public CompletionStage<ProbeResult> run(ProbeContext context) {
      return run.apply(context);
    }
  }
}
