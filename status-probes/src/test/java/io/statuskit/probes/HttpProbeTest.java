package io.statuskit.probes;

import static io.statuskit.probes.ProbeTesting.assertDown;
import static io.statuskit.probes.ProbeTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statuskit.testservers.HostileServer;
import io.statuskit.testservers.HttpTestServer.Response;
import io.statuskit.testservers.HttpTestServer;
import io.statuskit.testservers.LocalServersExtension;
import io.statuskit.testservers.SmtpTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpProbeTest {
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
  void okResponseWithExpectedBodyIsUpWithTimings() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/", Response.ok("<h1>NinerNet status</h1>")));
    ProbeResult r =
        run(engine, HttpProbe.builder(http.url("/")).bodyContains("NinerNet").bodyMatches("<h1>.*</h1>").build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().httpStatus()).isEqualTo(200);
    assertThat(r.timings()).containsKeys(Phase.RESOLVE, Phase.CONNECT, Phase.FIRST_BYTE);
  }

  @Test
  void methodAndHeadersAreSent() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/health", Response.ok("ok")));
    ProbeResult r =
        run(engine, HttpProbe.builder(http.url("/health?x=1")).method("HEAD").header("X-Probe", "statuskit").build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(http.requests()).hasSize(1);
    HttpTestServer.Request req = http.requests().get(0);
    assertThat(req.method()).isEqualTo("HEAD");
    assertThat(req.target()).isEqualTo("/health?x=1");
    assertThat(req.headers()).containsEntry("x-probe", "statuskit").containsEntry("host", "127.0.0.1:" + http.port());
  }

  @Test
  void serverErrorIsDownWithTheStatus() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/", Response.status(500).body("boom")));
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/")).build());
    assertDown(r, ErrorKind.ASSERTION);
    assertThat(r.message()).isEqualTo("status 500 Internal Server Error, expected 200-299");
    assertThat(r.details().httpStatus()).isEqualTo(500);
  }

  @Test
  void expectedStatusSetIsHonoured() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/gone", Response.status(404)));
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/gone")).expectStatus("2xx", "404").build());
    assertThat(r.outcome()).isEqualTo(Outcome.UP);
  }

  @Test
  void redirectsAreFollowedToTheFinalResponse() {
    HttpTestServer http =
        servers.add(
            HttpTestServer.builder()
                .route("/old", Response.redirect("/new"))
                .route("/new", Response.ok("moved here"))
                .build());
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/old")).bodyContains("moved here").build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().attributes()).containsEntry("redirects", "1").containsEntry("url", http.url("/new"));
  }

  @Test
  void aRedirectToItselfIsALoopAtTheFirstRepeat() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/loop", Response.redirect("/loop")));
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/loop")).maxRedirects(10).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message())
        .isEqualTo(
            "redirect loop: " + http.url("/loop") + " -> " + http.url("/loop") + " (302 back to a URL already requested)");
    assertThat(http.requests()).hasSize(1);
  }

  @Test
  void aLoopThroughSeveralUrlsIsReportedWhenTheFirstOneRepeats() {
    HttpTestServer http =
        servers.add(
            HttpTestServer.builder()
                .route("/start", Response.redirect("/a"))
                .route("/a", Response.redirect("/b"))
                .route("/b", Response.redirect(http0url("/a")))
                .build());
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/start")).maxRedirects(30).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message())
        .isEqualTo(
            "redirect loop: "
                + http.url("/a")
                + " -> "
                + http.url("/b")
                + " -> "
                + http.url("/a")
                + " (302 back to a URL already requested)");
    assertThat(http.requests()).extracting(HttpTestServer.Request::target).containsExactly("/start", "/a", "/b");
  }

  /** A relative Location: the loop is found on the resolved URL, not on the header's text. */
  private static String http0url(String path) {
    return "." + path.substring(path.lastIndexOf('/'));
  }

  @Test
  void moreRedirectsThanTheLimitWithoutALoopIsDown() {
    HttpTestServer http =
        servers.add(
            HttpTestServer.builder()
                .route("/1", Response.redirect("/2"))
                .route("/2", Response.redirect("/3"))
                .route("/3", Response.redirect("/4"))
                .route("/4", Response.ok("end"))
                .build());
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/1")).maxRedirects(2).build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message()).isEqualTo("more than 2 redirects; the last one was 302 to /4");
    assertThat(http.requests()).hasSize(3);
  }

  @Test
  void notFollowingRedirectsChecksTheRedirectItself() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/old", Response.redirect("/new")));
    ProbeResult down = run(engine, HttpProbe.builder(http.url("/old")).maxRedirects(0).build());
    assertDown(down, ErrorKind.ASSERTION);
    assertThat(down.message()).startsWith("status 302");
    ProbeResult up = run(engine, HttpProbe.builder(http.url("/old")).maxRedirects(0).expectStatus("302").build());
    assertThat(up.outcome()).isEqualTo(Outcome.UP);
  }

  @Test
  void slowBodyIsCutByTheDeadline() {
    HttpTestServer http =
        servers.add(HttpTestServer.serving("/drip", Response.ok("0123456789").dripped(Duration.ofSeconds(1))));
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/drip")).timeout(Duration.ofMillis(1500)).build());
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).startsWith("timed out after 1500ms while reading the body of");
    assertThat(r.details().httpStatus()).isEqualTo(200);
  }

  @Test
  void statusLineThenStallTimesOut() {
    HostileServer stall = servers.add(HostileServer.sendThenStall("HTTP/1.1 200 OK\r\n"));
    ProbeResult r =
        run(engine, HttpProbe.builder("http://127.0.0.1:" + stall.port() + "/").timeout(Duration.ofMillis(500)).build());
    assertDown(r, ErrorKind.TIMEOUT);
    assertThat(r.message()).contains("while waiting for the response");
  }

  @Test
  void acceptAndNeverSpeakTimesOut() {
    HostileServer tarpit = servers.add(HostileServer.silent());
    ProbeResult r =
        run(engine, HttpProbe.builder("http://127.0.0.1:" + tarpit.port() + "/").timeout(Duration.ofMillis(400)).build());
    assertDown(r, ErrorKind.TIMEOUT);
  }

  @Test
  void connectionResetIsDownReset() {
    HostileServer reset = servers.add(HostileServer.resetting());
    ProbeResult r = run(engine, HttpProbe.builder("http://127.0.0.1:" + reset.port() + "/").build());
    assertDown(r, ErrorKind.RESET);
  }

  @Test
  void refusedPortIsDownRefused() {
    ProbeResult r = run(engine, HttpProbe.builder("http://127.0.0.1:" + ProbeTesting.closedPort() + "/").build());
    assertDown(r, ErrorKind.REFUSED);
  }

  @Test
  void hugeBodyIsReadOnlyUpToTheLimit() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/huge", Response.status(200).huge(200_000_000L)));
    ProbeResult r =
        run(engine, HttpProbe.builder(http.url("/huge")).maxBodyBytes(64 * 1024).bodyContains("xxxx").build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().attributes())
        .containsEntry("bodyBytes", Integer.toString(64 * 1024))
        .containsEntry("bodyTruncated", "true");
  }

  @Test
  void bodyCheckFailingIsAnAssertion() {
    HttpTestServer http = servers.add(HttpTestServer.serving("/", Response.ok("maintenance page")));
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/")).bodyMatches("All systems (go|operational)").build());
    assertDown(r, ErrorKind.ASSERTION);
    assertThat(r.message()).isEqualTo("body does not match /All systems (go|operational)/");
  }

  @Test
  void nonHttpServiceIsAProtocolError() {
    SmtpTestServer smtp = servers.add(SmtpTestServer.builder().build());
    ProbeResult r = run(engine, HttpProbe.builder("http://127.0.0.1:" + smtp.port() + "/").build());
    assertDown(r, ErrorKind.PROTOCOL);
    assertThat(r.message()).isEqualTo("not an HTTP response: \"220 mail.test ESMTP StatusKit test server\"");
  }

  @Test
  void slowAnswerAboveTheThresholdIsDegraded() {
    HttpTestServer http =
        servers.add(HttpTestServer.serving("/", Response.ok("fine").delayed(Duration.ofMillis(300))));
    ProbeResult r = run(engine, HttpProbe.builder(http.url("/")).degradedAbove(Duration.ofMillis(100)).build());
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.DEGRADED);
    assertThat(r.errorKind()).isNull();
    assertThat(r.message()).startsWith("slow: ").endsWith("above 100ms");
  }

  @Test
  void badSettingsAreRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> HttpProbe.builder("ftp://example.net/").build())
        .hasMessage("url must be an absolute http or https URL: \"ftp://example.net/\"");
    assertThatThrownBy(() -> HttpProbe.builder("http://example.net/").expectStatus("2xy").build())
        .hasMessage("expected status must be like 200, 2xx or 200-299: \"2xy\"");
    assertThatThrownBy(() -> HttpProbe.builder("http://example.net/").maxRedirects(-1).build())
        .hasMessage("maxRedirects must be 0 to 30: -1");
    assertThatThrownBy(() -> HttpProbe.builder("http://example.net/").header("X-A", "a\r\nb").build())
        .hasMessage("headers.X-A must be one line: \"a\r\nb\"");
  }
}
