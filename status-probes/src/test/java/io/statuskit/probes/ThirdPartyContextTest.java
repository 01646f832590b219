package io.statuskit.probes;

import com.google.common.base.Ticker;
import static io.statuskit.probes.ProbeTesting.assertDown;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.probes.spi.Probe;
import io.statuskit.probes.spi.ProbeContext;
import io.statuskit.testservers.HostileServer;
import io.statuskit.testservers.HttpTestServer;
import io.statuskit.testservers.HttpTestServer.Response;
import io.statuskit.testservers.LocalServersExtension;
import io.statuskit.testservers.TestCertificates;
import io.statuskit.testservers.TlsTestServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Built-in probes keep working with a {@link ProbeContext} that no engine made: a host's own
 * implementation of the public interface, with its own timer and resolver. Nothing in the probes
 * may depend on the context being the engine's.
 */
class ThirdPartyContextTest {
  @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();
  @TempDir Path dir;

  private final HostContext context = new HostContext();

  @AfterEach
  void close() {
    context.close();
  }

  /** A context as a host might write it: nothing of StatusKit's engine behind it. */
  private static final class HostContext implements ProbeContext, AutoCloseable {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService lookups = Executors.newSingleThreadExecutor();
    final Clock clock = Clock.systemUTC();

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Ticker ticker() {
      return Ticker.systemTicker();
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return timer;
    }

    @Override
    public Executor executor() {
      return timer;
    }

    @Override
    public AsynchronousChannelGroup channelGroup() {
      throw new UnsupportedOperationException("no channel group in this host");
    }

    @Override
    public CompletionStage<List<InetAddress>> resolve(String host) {
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              return Arrays.asList(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
              throw new CompletionException(e);
            }
          },
          lookups);
    }

    @Override
    public void close() {
      timer.shutdownNow();
      lookups.shutdownNow();
    }
  }

  private ProbeResult runWith(Probe probe) throws Exception {
    return probe
        .run(context)
        .toCompletableFuture()
        .get(probe.timeout().plus(ProbeTesting.MARGIN).toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void anHttpTargetIsUpThroughAHostsOwnContext() throws Exception {
    HttpTestServer http = servers.add(HttpTestServer.serving("/", Response.ok("ok")));
    ProbeResult r = runWith(HttpProbe.builder(http.url("/")).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.timings()).containsKeys(Phase.CONNECT, Phase.FIRST_BYTE);
  }

  @Test
  void aRefusedPortIsDownThroughAHostsOwnContext() throws Exception {
    ProbeResult r = runWith(TcpProbe.builder("127.0.0.1", ProbeTesting.closedPort()).build());
    assertDown(r, ErrorKind.REFUSED);
  }

  @Test
  void theDeadlineHoldsAfterTheHostShutsItsTimerDown() throws Exception {
    HostileServer silent = servers.add(HostileServer.silent());
    context.timer.shutdownNow();
    ProbeResult r =
        runWith(
            TcpProbe.builder(silent.host(), silent.port())
                .expect("^220")
                .timeout(Duration.ofMillis(300))
                .build());
    assertDown(r, ErrorKind.TIMEOUT);
  }

  @Test
  void aSilentServerTimesOutByTheProbesOwnDeadline() throws Exception {
    HostileServer silent = servers.add(HostileServer.silent());
    ProbeResult r =
        runWith(
            TcpProbe.builder(silent.host(), silent.port())
                .expect("^220")
                .timeout(Duration.ofMillis(300))
                .build());
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).contains("timed out after 300ms");
  }

  @Test
  void aTlsHandshakeIsCheckedThroughAHostsOwnContext() throws Exception {
    TestCertificates ca = TestCertificates.authority("StatusKit Test CA");
    Path caFile = ca.writeCaPem(dir);
    TlsTestServer tls = servers.add(TlsTestServer.presenting(ca.valid("mail.example.test")));
    TlsProbe probe =
        TlsProbe.builder(tls.host(), tls.port()).serverName("mail.example.test").caFile(caFile).build();

    ProbeResult first = runWith(probe);
    ProbeResult second = runWith(probe);

    for (ProbeResult r : List.of(first, second)) {
      assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
      assertThat(r.details().certificate()).as("certificate of %s", r).isNotNull();
      assertThat(r.timings()).containsKey(Phase.TLS);
    }
  }

  @Test
  void anUntrustedCertificateIsDownThroughAHostsOwnContext() throws Exception {
    TlsTestServer tls =
        servers.add(TlsTestServer.presenting(TestCertificates.selfSigned("mail.example.test")));
    ProbeResult r =
        runWith(TlsProbe.builder(tls.host(), tls.port()).serverName("mail.example.test").build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).startsWith("certificate not trusted");
  }
}
