package io.statuskit.probes;

import static io.statuskit.probes.ProbeTesting.assertDown;
import static io.statuskit.probes.ProbeTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.testservers.HostileServer;
import io.statuskit.testservers.LocalServersExtension;
import io.statuskit.testservers.SmtpTestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TcpProbeTest {
  static ProbeEngine engine;

  @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();

  @BeforeAll
  static void startEngine() {
    engine = ProbeEngine.create();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void connectingToAListeningPortIsUpWithConnectTiming() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().build());
    ProbeResult r = run(engine, TcpProbe.builder(smtp.host(), smtp.port()).build());
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
    assertThat(r.timing(Phase.CONNECT)).isPresent();
    assertThat(r.timing(Phase.RESOLVE)).isPresent();
    assertThat(r.details().resolvedAddress()).hasToString("/127.0.0.1");
  }

  @Test
  void smtpBannerPresetReadsTheBanner() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().build());
    ProbeResult r = run(engine, TcpProbe.builder(smtp.host(), smtp.port()).expect("^220[ -]").build());
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
    assertThat(r.details().banner()).isEqualTo("220 mail.test ESMTP StatusKit test server");
    assertThat(r.timing(Phase.FIRST_BYTE)).isPresent();
  }

  @Test
  void sendAndExpectStepsHoldAConversation() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().build());
    ProbeResult r =
        run(
            engine,
            TcpProbe.builder(smtp.host(), smtp.port())
                .expect("^220 ")
                .send("NOOP\r\n")
                .expect("^250 ")
                .send("QUIT\r\n")
                .expect("^221 ")
                .build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(smtp.commands()).containsExactly("NOOP", "QUIT");
  }

  @Test
  void refusedPortIsDownRefused() {
    ProbeResult r = run(engine, TcpProbe.builder("127.0.0.1", ProbeTesting.closedPort()).build());
    assertDown(r, ErrorKind.REFUSED);
    assertThat(r.message()).contains("refused");
  }

  @Test
  void tarpitServerTimesOutWithinDeadline() {
    HostileServer tarpit = servers.add(HostileServer.silent());
    TcpProbe probe =
        TcpProbe.builder(tarpit.host(), tarpit.port())
            .timeout(Duration.ofMillis(400))
            .expect("^220")
            .build();
    ProbeResult r = run(engine, probe);
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).contains("timed out after 400ms while waiting for a line matching /^220/");
    assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void resetConnectionIsDownReset() {
    HostileServer reset = servers.add(HostileServer.resetting());
    ProbeResult r = run(engine, TcpProbe.builder(reset.host(), reset.port()).expect("^220").build());
    assertDown(r, ErrorKind.RESET);
  }

  @Test
  void serverClosingWithoutAWordIsDownReset() {
    HostileServer closing = servers.add(HostileServer.closing());
    ProbeResult r = run(engine, TcpProbe.builder(closing.host(), closing.port()).expect("^220").build());
    assertDown(r, ErrorKind.RESET);
    assertThat(r.message()).contains("without sending anything");
  }

  @Test
  void garbageBannerFailsTheExpectation() {
    HostileServer garbage = servers.add(HostileServer.sendThenClose("SSH-2.0-OpenSSH_9.6\r\n"));
    ProbeResult r = run(engine, TcpProbe.smtpBannerProbe(garbage.host(), garbage.port()));
    assertDown(r, ErrorKind.ASSERTION);
    assertThat(r.message()).contains("\"SSH-2.0-OpenSSH_9.6\"");
    assertThat(r.details().banner()).isEqualTo("SSH-2.0-OpenSSH_9.6");
  }

  @Test
  void cancellingARunCompletesItAsCancelled() {
    HostileServer tarpit = servers.add(HostileServer.silent());
    CompletableFuture<ProbeResult> f =
        engine.run(TcpProbe.builder(tarpit.host(), tarpit.port()).expect("x").build());
    assertThat(f.cancel(true)).isTrue();
    assertThat(f).isCancelled();
  }

  @Test
  void badSettingsAreRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> TcpProbe.builder("example.net", 70000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 1 to 65535: 70000");
    assertThatThrownBy(() -> TcpProbe.builder("example.net", 25).timeout(Duration.ofSeconds(-1)).build())
        .hasMessage("timeout must be positive and at most 1h: PT-1S");
    assertThatThrownBy(() -> TcpProbe.builder("example.net", 25).expect("(unclosed").build())
        .hasMessageStartingWith("expect must be a regular expression: \"(unclosed\"");
  }
}
