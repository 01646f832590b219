package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.probes.spi.Probe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Helpers for probe tests. */
final class ProbeTesting {
  /** How much later than its timeout a probe may answer in a test. */
  static final Duration MARGIN = Duration.ofMillis(1500);

  private ProbeTesting() {}

  /** Runs a probe and waits at most its timeout plus {@link #MARGIN} for the result. */
  static ProbeResult run(ProbeEngine engine, Probe probe) {
    CompletableFuture<ProbeResult> f = engine.run(probe);
    try {
      return f.get(probe.timeout().plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      f.cancel(true);
      throw new AssertionError(
          "probe " + probe.target() + " did not answer within " + probe.timeout() + " + " + MARGIN,
          e);
    }
  }

  /** A port on 127.0.0.1 that nothing listens on (bound, then released). */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static void assertDown(ProbeResult r, ErrorKind kind) {
    assertThat(r.outcome()).as("outcome of %s", r).isEqualTo(Outcome.DOWN);
    assertThat(r.errorKind()).as("error kind of %s", r).isEqualTo(kind);
  }
}
