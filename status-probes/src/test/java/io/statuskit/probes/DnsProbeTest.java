package io.statuskit.probes;

import static io.statuskit.probes.ProbeTesting.assertDown;
import static io.statuskit.probes.ProbeTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.testservers.DnsTestServer.Mode;
import io.statuskit.testservers.DnsTestServer;
import io.statuskit.testservers.LocalServersExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DnsProbeTest {
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

  private DnsTestServer zone(Mode mode, long serial) {
    return servers.add(
        DnsTestServer.builder()
            .soa("ninernet.test", serial)
            .record("www.ninernet.test", "A", "192.0.2.41")
            .record("ninernet.test", "MX", "10 nc036.ninernet.test.")
            .mode(mode)
            .build());
  }

  private static DnsProbe.Builder ask(DnsTestServer server, String name) {
    return DnsProbe.builder(server.host(), name).port(server.port()).timeout(Duration.ofSeconds(2));
  }

  @Test
  void noErrorWithTheExpectedAnswerIsUp() {
    DnsTestServer dns = zone(Mode.ANSWER, 2016112301);
    ProbeResult r = run(engine, ask(dns, "www.ninernet.test").answerMatches("\\s192\\.0\\.2\\.41$").build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().dnsRcode()).isEqualTo("NOERROR");
    assertThat(r.details().dnsAnswers()).singleElement().asString().contains("192.0.2.41");
    assertThat(r.details().attributes()).containsEntry("transport", "udp");
    assertThat(r.timings()).containsKey(Phase.FIRST_BYTE);
  }

  @Test
  void soaQueryReportsTheSerial() {
    DnsTestServer dns = zone(Mode.ANSWER, 2016112301);
    ProbeResult r = run(engine, ask(dns, "ninernet.test").queryType("SOA").build());
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
    assertThat(r.details().soaSerial()).isEqualTo(2016112301L);
  }

  @Test
  void answerNotMatchingIsAnAssertion() {
    DnsTestServer dns = zone(Mode.ANSWER, 1);
    ProbeResult r = run(engine, ask(dns, "www.ninernet.test").answerMatches("192\\.0\\.2\\.99").build());
    assertDown(r, ErrorKind.ASSERTION);
    assertThat(r.message()).startsWith("no answer matches /192\\.0\\.2\\.99/");
  }

  @Test
  void nxdomainIsDownWithTheRcode() {
    DnsTestServer dns = zone(Mode.ANSWER, 1);
    ProbeResult r = run(engine, ask(dns, "nosuch.ninernet.test").build());
    assertDown(r, ErrorKind.DNS);
    assertThat(r.message()).isEqualTo("rcode NXDOMAIN, expected NOERROR");
    assertThat(r.details().dnsRcode()).isEqualTo("NXDOMAIN");
    assertThat(r.details().soaSerial()).isEqualTo(1L);
  }

  @Test
  void nxdomainCanBeExpected() {
    DnsTestServer dns = zone(Mode.ANSWER, 1);
    ProbeResult r = run(engine, ask(dns, "nosuch.ninernet.test").validRcode("NXDOMAIN").build());
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
  }

  @Test
  void servfailIsDown() {
    DnsTestServer dns = zone(Mode.SERVFAIL, 1);
    ProbeResult r = run(engine, ask(dns, "www.ninernet.test").build());
    assertDown(r, ErrorKind.DNS);
    assertThat(r.message()).isEqualTo("rcode SERVFAIL, expected NOERROR");
  }

  @Test
  void emptyAnswerFailsWhenAnAnswerIsRequired() {
    DnsTestServer dns = zone(Mode.ANSWER, 1);
    ProbeResult r = run(engine, ask(dns, "www.ninernet.test").queryType("AAAA").requireAnswer(true).build());
    assertDown(r, ErrorKind.ASSERTION);
    assertThat(r.message()).isEqualTo("no AAAA records for www.ninernet.test");
  }

  @Test
  void silentNameserverTimesOutWithinTheDeadline() {
    DnsTestServer dns = zone(Mode.SILENT, 1);
    ProbeResult r = run(engine, ask(dns, "www.ninernet.test").timeout(Duration.ofMillis(500)).build());
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).contains("500ms");
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcp() {
    DnsTestServer dns = zone(Mode.TRUNCATE, 1);
    ProbeResult r = run(engine, ask(dns, "www.ninernet.test").requireAnswer(true).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().attributes()).containsEntry("transport", "tcp (udp answer truncated)");
    assertThat(dns.udpQueries()).isEqualTo(1);
    assertThat(dns.tcpQueries()).isEqualTo(1);
  }

  @Test
  void primaryAndSecondaryAgreeingOnTheSerialIsUp() {
    DnsTestServer nc033 = zone(Mode.ANSWER, 2016112301);
    DnsTestServer nc035 = zone(Mode.ANSWER, 2016112301);
    ProbeResult r =
        run(engine, DnsSerialProbe.of("ninernet.test", Duration.ofSeconds(2), "127.0.0.1:" + nc033.port(), "127.0.0.1:" + nc035.port()));
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().soaSerial()).isEqualTo(2016112301L);
  }

  @Test
  void laggingSecondaryIsDegraded() {
    DnsTestServer nc033 = zone(Mode.ANSWER, 2016112302);
    DnsTestServer nc035 = zone(Mode.ANSWER, 2016112301);
    ProbeResult r =
        run(engine, DnsSerialProbe.of("ninernet.test", Duration.ofSeconds(2), "127.0.0.1:" + nc033.port(), "127.0.0.1:" + nc035.port()));
    assertThat(r.outcome()).isEqualTo(Outcome.DEGRADED);
    assertThat(r.message())
        .isEqualTo("SOA serials differ: primary 127.0.0.1:" + nc033.port() + " has 2016112302, 127.0.0.1:" + nc035.port() + " has 2016112301");
  }

  @Test
  void failingSecondaryMakesTheSerialCheckDown() {
    DnsTestServer nc033 = zone(Mode.ANSWER, 2016112301);
    DnsTestServer nc035 = zone(Mode.SERVFAIL, 2016112301);
    ProbeResult r =
        run(engine, DnsSerialProbe.of("ninernet.test", Duration.ofSeconds(2), "127.0.0.1:" + nc033.port(), "127.0.0.1:" + nc035.port()));
    assertDown(r, ErrorKind.DNS);
    assertThat(r.message()).isEqualTo("127.0.0.1:" + nc035.port() + ": no SOA for ninernet.test (rcode SERVFAIL)");
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> DnsProbe.builder("127.0.0.1", "example.net").queryType("BOGUS").build())
        .hasMessage("queryType must be a DNS type such as A or SOA: \"BOGUS\"");
    assertThatThrownBy(() -> DnsProbe.builder("127.0.0.1", "example.net").validRcode("NOPE").build())
        .hasMessage("validRcodes must be response codes such as NOERROR or NXDOMAIN: \"NOPE\"");
  }
}
