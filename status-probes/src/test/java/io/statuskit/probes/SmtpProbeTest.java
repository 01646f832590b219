package io.statuskit.probes;

import static io.statuskit.probes.ProbeTesting.assertDown;
import static io.statuskit.probes.ProbeTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.testservers.HostileServer;
import io.statuskit.testservers.LocalServersExtension;
import io.statuskit.testservers.SmtpTestServer;
import io.statuskit.testservers.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SmtpProbeTest {
  static ProbeEngine engine;
  static TestCertificates ca;
  static Path caFile;

  @TempDir static Path dir;

  @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();

  @BeforeAll
  static void start() {
    engine = ProbeEngine.create();
    ca = TestCertificates.authority("StatusKit Test CA");
    caFile = ca.writeCaPem(dir);
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static SmtpProbe.Builder probe(SmtpTestServer server) {
    return SmtpProbe.builder(server.host(), "monitor.ninernet.net")
        .port(server.port())
        .tls(TlsOptions.ofDefaults().withServerName("nc036.ninernet.test").withCaFile(caFile));
  }

  @Test
  void goodServerIsUpAfterBannerEhloAndQuit() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().build());
    ProbeResult r = run(engine, probe(smtp).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().banner()).isEqualTo("220 mail.test ESMTP StatusKit test server");
    assertThat(smtp.commands()).containsExactly("EHLO monitor.ninernet.net", "QUIT");
    assertThat(r.timings()).containsKeys(Phase.CONNECT, Phase.FIRST_BYTE);
  }

  @Test
  void multiLineBannerIsRead() {
    SmtpTestServer smtp =
        servers.add(SmtpTestServer.builder().banner("220-mail.test ESMTP\r\n220-no UCE\r\n220 welcome").build());
    ProbeResult r = run(engine, probe(smtp).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().banner()).isEqualTo("220 mail.test ESMTP no UCE welcome");
  }

  @Test
  void rejectingBannerIsDownWithTheReply() {
    SmtpTestServer smtp =
        servers.add(SmtpTestServer.builder().banner("554 5.3.2 mail.test service unavailable").build());
    ProbeResult r = run(engine, probe(smtp).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message()).isEqualTo("banner: 554 5.3.2 mail.test service unavailable");
  }

  @Test
  void garbageBannerIsAProtocolError() {
    HostileServer garbage = servers.add(HostileServer.sendThenStall("HTTP/1.1 400 Bad Request\r\n"));
    ProbeResult r =
        run(engine, SmtpProbe.builder(garbage.host(), "monitor.ninernet.net").port(garbage.port()).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message()).isEqualTo("not an SMTP reply in the banner: \"HTTP/1.1 400 Bad Request\"");
  }

  @Test
  void heloRejectionIsDownWithTheReplyText() {
    SmtpTestServer smtp =
        servers.add(
            SmtpTestServer.builder()
                .rejectHelo("554 5.7.1 <monitor.ninernet.net>: Helo command rejected: Go away, bad guy")
                .build());
    ProbeResult r = run(engine, probe(smtp).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message())
        .isEqualTo(
            "EHLO monitor.ninernet.net rejected: 554 5.7.1 <monitor.ninernet.net>: Helo command rejected: Go away, bad guy");
  }

  @Test
  void startTlsWithAGoodCertificateIsUp() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().startTls(ca.valid("nc036.ninernet.test")).build());
    ProbeResult r = run(engine, probe(smtp).startTls(true).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(smtp.commands())
        .containsExactly("EHLO monitor.ninernet.net", "STARTTLS", "EHLO monitor.ninernet.net", "QUIT");
    assertThat(Objects.requireNonNull(r.details().certificate()).subject()).isEqualTo("CN=nc036.ninernet.test");
    assertThat(r.timings()).containsKey(Phase.TLS);
  }

  @Test
  void startTlsNotOfferedIsDown() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().build());
    ProbeResult r = run(engine, probe(smtp).startTls(true).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message()).isEqualTo("STARTTLS not offered (EHLO listed PIPELINING, SIZE 10240000, 8BITMIME)");
  }

  @Test
  void tlsFailingAfterStartTlsIsDownTls() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().brokenStartTls().build());
    ProbeResult r = run(engine, probe(smtp).startTls(true).timeout(Duration.ofSeconds(3)).build());
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.errorKind()).as("%s", r).isIn(ErrorKind.TLS, ErrorKind.RESET);
    assertThat(r.message()).containsIgnoringCase("TLS");
  }

  @Test
  void startTlsWithAnExpiredCertificateIsDownWithCertificateDetails() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().startTls(ca.expired("nc036.ninernet.test")).build());
    ProbeResult r = run(engine, probe(smtp).startTls(true).build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).startsWith("certificate expired on");
    assertThat(r.details().certificate()).isNotNull();
  }

  @Test
  void silentServerTimesOutWaitingForTheBanner() {
    HostileServer tarpit = servers.add(HostileServer.silent());
    ProbeResult r =
        run(
            engine,
            SmtpProbe.builder(tarpit.host(), "monitor.ninernet.net").port(tarpit.port()).timeout(Duration.ofMillis(400)).build());
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).isEqualTo("timed out after 400ms while waiting for the banner");
  }

  @Test
  void ehloNamesThatDoNotResolveAreRefused() {
    assertThatThrownBy(() -> SmtpProbe.builder("mail.example.net", "senderdomain.local").build())
        .hasMessage("ehloName must be a name that resolves; mail servers reject it: \"senderdomain.local\"");
    assertThatThrownBy(() -> SmtpProbe.builder("mail.example.net", "localhost").build())
        .hasMessage("ehloName must be a fully-qualified domain name or an address literal: \"localhost\"");
    assertThat(SmtpProbe.builder("mail.example.net", "[192.0.2.1]").build().ehloName()).isEqualTo("[192.0.2.1]");
  }
}
