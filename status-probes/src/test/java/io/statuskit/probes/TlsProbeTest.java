package io.statuskit.probes;

import static io.statuskit.probes.ProbeTesting.assertDown;
import static io.statuskit.probes.ProbeTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.testservers.HostileServer;
import io.statuskit.testservers.HttpTestServer.Response;
import io.statuskit.testservers.HttpTestServer;
import io.statuskit.testservers.LocalServersExtension;
import io.statuskit.testservers.TestCertificate;
import io.statuskit.testservers.TestCertificates;
import io.statuskit.testservers.TlsTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TlsProbeTest {
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

  private static CertificateInfo cert(ProbeResult r) {
    assertThat(r.details().certificate()).as("certificate of %s", r).isNotNull();
    return java.util.Objects.requireNonNull(r.details().certificate());
  }

  private TlsProbe.Builder probe(TlsTestServer server) {
    return TlsProbe.builder(server.host(), server.port()).serverName("mail.example.test").caFile(caFile);
  }

  @Test
  void certificateTrustedThroughTheCaFileIsUpWithDetails() {
    TestCertificate cert = ca.valid("mail.example.test");
    TlsTestServer server = servers.add(TlsTestServer.presenting(cert));
    ProbeResult r = run(engine, probe(server).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    CertificateInfo info = cert(r);
    assertThat(info.subject()).isEqualTo("CN=mail.example.test");
    assertThat(info.issuer()).isEqualTo("CN=StatusKit Test CA");
    assertThat(info.notAfter()).isEqualTo(cert.certificate().getNotAfter().toInstant());
    assertThat(info.subjectAlternativeNames()).containsExactly("mail.example.test");
    assertThat(r.timings()).containsKeys(Phase.CONNECT, Phase.TLS);
  }

  @Test
  void expiredCertificateIsDownAndStillReported() {
    TestCertificate cert = ca.expired("mail.example.test");
    TlsTestServer server = servers.add(TlsTestServer.presenting(cert));
    ProbeResult r = run(engine, probe(server).build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).startsWith("certificate expired on ").endsWith("CN=mail.example.test");
    assertThat(r.details().certificate()).isNotNull();
    assertThat(cert(r).notAfter()).isBefore(Instant.now());
  }

  @Test
  void notYetValidCertificateIsDown() {
    TlsTestServer server = servers.add(TlsTestServer.presenting(ca.notYetValid("mail.example.test")));
    ProbeResult r = run(engine, probe(server).build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).startsWith("certificate not valid before ");
  }

  @Test
  void certificateForAnotherHostIsDown() {
    TlsTestServer server = servers.add(TlsTestServer.presenting(ca.valid("www.other.test")));
    ProbeResult r = run(engine, probe(server).build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).isEqualTo("certificate does not match host mail.example.test (it names [www.other.test])");
    assertThat(cert(r).subject()).isEqualTo("CN=www.other.test");
  }

  @Test
  void wrongHostIsAcceptedWhenVerificationIsOff() {
    TlsTestServer server = servers.add(TlsTestServer.presenting(ca.valid("www.other.test")));
    ProbeResult r = run(engine, probe(server).tls(TlsOptions.ofDefaults().withServerName("mail.example.test").withCaFile(caFile).withVerifyHostname(false)).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
  }

  @Test
  void selfSignedCertificateIsNotTrusted() {
    TlsTestServer server = servers.add(TlsTestServer.presenting(TestCertificates.selfSigned("mail.example.test")));
    ProbeResult r = run(engine, probe(server).build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).isEqualTo("certificate not trusted: self-signed certificate CN=mail.example.test");
  }

  @Test
  void certificateFromOurCaIsUntrustedWithoutTheCaFile() {
    TlsTestServer server = servers.add(TlsTestServer.presenting(ca.valid("mail.example.test")));
    ProbeResult r =
        run(engine, TlsProbe.builder(server.host(), server.port()).serverName("mail.example.test").build());
    assertDown(r, ErrorKind.TLS);
    assertThat(r.message()).isEqualTo("certificate not trusted: issued by CN=StatusKit Test CA");
  }

  @Test
  void certificateExpiringSoonIsDegraded() {
    TlsTestServer server =
        servers.add(TlsTestServer.presenting(ca.expiringIn(Duration.ofDays(5).plusHours(1), "mail.example.test")));
    ProbeResult r = run(engine, probe(server).expiryWarningDays(14).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.DEGRADED);
    assertThat(r.message()).startsWith("certificate CN=mail.example.test expires in 5 days");
    ProbeResult relaxed = run(engine, probe(server).expiryWarningDays(3).build());
    assertThat(relaxed.outcome()).isEqualTo(Outcome.UP);
  }

  @Test
  void plainTextServerFailsTheHandshake() {
    HostileServer plain = servers.add(HostileServer.sendThenClose("220 not tls at all\r\n"));
    ProbeResult r = run(engine, TlsProbe.builder(plain.host(), plain.port()).caFile(caFile).build());
    assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
    assertThat(r.errorKind()).isIn(ErrorKind.TLS, ErrorKind.RESET);
    assertThat(r.details().certificate()).isNull();
  }

  @Test
  void silentServerTimesOutInTheHandshake() {
    HostileServer tarpit = servers.add(HostileServer.silent());
    ProbeResult r =
        run(engine, TlsProbe.builder(tarpit.host(), tarpit.port()).timeout(Duration.ofMillis(400)).build());
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).contains("in the TLS handshake");
  }

  @Test
  void httpsProbeChecksTheCertificateToo() {
    HttpTestServer https =
        servers.add(HttpTestServer.builder().route("/", Response.ok("secure")).tls(ca.valid("localhost", "127.0.0.1")).build());
    ProbeResult up =
        run(engine, HttpProbe.builder(https.url("/")).tls(TlsOptions.ofDefaults().withCaFile(caFile)).bodyContains("secure").build());
    assertThat(up.outcome()).as("%s", up).isEqualTo(Outcome.UP);
    assertThat(up.timings()).containsKeys(Phase.TLS, Phase.FIRST_BYTE);
    assertThat(cert(up).subject()).isEqualTo("CN=localhost");
    ProbeResult untrusted = run(engine, HttpProbe.builder(https.url("/")).build());
    assertDown(untrusted, ErrorKind.TLS);
  }
}
