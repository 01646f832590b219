package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real ICMP echo against 127.0.0.1 and against hosts in network namespaces this test makes: one
 * answering, one whose address nobody holds (every echo lost). Never any other address.
 */
class IcmpProbeTest {
  /** A /30 of the benchmarking range (RFC 2544) per namespace, on a veth pair this test makes. */
  private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 10_000);

  private static final String ANSWERING_NS = "sk-icmp-a" + SUFFIX;
  private static final String SILENT_NS = "sk-icmp-s" + SUFFIX;
  private static final String ANSWERING_HOST = "198.18.151.2";
  private static final String SILENT_HOST = "198.18.151.6";
  private static @org.jspecify.annotations.Nullable String skipNamespaces;

  private static final List<List<String>> CLEANUP = new ArrayList<>();

  static String ip(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("ip");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IOException(command + " failed: " + out.trim());
    }
    return out;
  }

  @BeforeAll
  static void makeNamespaces() {
    if (!"root".equals(System.getProperty("user.name"))) {
      skipNamespaces = "not root: creating network namespaces needs it";
      return;
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
        && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      skipNamespaces = "the ip command (Debian package iproute2) is missing";
      return;
    }
    try {
      String hostA = "skia" + SUFFIX;
      String hostS = "skis" + SUFFIX;
      ip("netns", "add", ANSWERING_NS);
      CLEANUP.add(List.of("netns", "del", ANSWERING_NS));
      ip("link", "add", hostA, "type", "veth", "peer", "name", "eth0", "netns", ANSWERING_NS);
      CLEANUP.add(0, List.of("link", "del", hostA));
      ip("addr", "add", "198.18.151.1/30", "dev", hostA);
      ip("link", "set", hostA, "up");
      ip("-n", ANSWERING_NS, "addr", "add", ANSWERING_HOST + "/30", "dev", "eth0");
      ip("-n", ANSWERING_NS, "link", "set", "eth0", "up");
      ip("-n", ANSWERING_NS, "link", "set", "lo", "up");

      // the silent one: a namespace on the link, without the address the probe pings
      ip("netns", "add", SILENT_NS);
      CLEANUP.add(List.of("netns", "del", SILENT_NS));
      ip("link", "add", hostS, "type", "veth", "peer", "name", "eth0", "netns", SILENT_NS);
      CLEANUP.add(0, List.of("link", "del", hostS));
      ip("addr", "add", "198.18.151.5/30", "dev", hostS);
      ip("link", "set", hostS, "up");
      ip("-n", SILENT_NS, "link", "set", "eth0", "up");
    } catch (IOException | InterruptedException e) {
      skipNamespaces = "cannot make network namespaces: " + e.getMessage();
    }
  }

  @AfterAll
  static void removeNamespaces() {
    for (List<String> command : CLEANUP) {
      try {
        ip(command.toArray(new String[0]));
      } catch (IOException | InterruptedException e) {
        // already gone with its namespace
      }
    }
  }

  private static ProbeResult ping(IcmpProbe probe) {
    try (ProbeEngine engine = ProbeEngine.create()) {
      return ProbeTesting.run(engine, probe);
    }
  }

  private static void assumeIcmp(ProbeResult r) {
    assumeTrue(r.outcome() != Outcome.UNSUPPORTED, () -> "ICMP echo is not available here: " + r.message());
  }

  @Test
  void loopbackAnswersEveryEchoWithRoundTripTimes() {
    ProbeResult r = ping(new IcmpProbe("127.0.0.1", Duration.ofSeconds(3), 3, Duration.ofMillis(50)));
    assumeIcmp(r);
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().attributes())
        .containsEntry("sent", "3")
        .containsEntry("received", "3")
        .containsEntry("loss", "0%")
        .containsKeys("rttMin", "rttAvg", "rttMax", "method");
    assertThat(r.latency()).isPositive().isLessThan(Duration.ofMillis(100));
    System.out.println("icmp 127.0.0.1: " + r.details().attributes());
  }

  @Test
  void ipv6LoopbackAnswersThroughAnIcmpv6Socket() {
    assumeTrue(Files.exists(Path.of("/proc/sys/net/ipv6")), "skipped: IPv6 is off in this kernel");
    ProbeResult r = ping(new IcmpProbe("::1", Duration.ofSeconds(3), 3, Duration.ofMillis(50)));
    assumeIcmp(r);
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().attributes()).containsEntry("received", "3").containsEntry("loss", "0%");
    assertThat(r.details().attributes().get("method"))
        .as("%s", r)
        .satisfiesAnyOf(
            m -> assertThat(m).isIn("ICMPv6 datagram socket", "raw ICMPv6 socket"),
            m -> assertThat(m).startsWith("the ping command"));
    assertThat(r.details().resolvedAddress()).isInstanceOf(java.net.Inet6Address.class);
    System.out.println("icmp ::1: " + r.details().attributes());
  }

  @Test
  void aHostInANamespaceAnswers() {
    assumeTrue(skipNamespaces == null, () -> "skipped: " + skipNamespaces);
    ProbeResult r = ping(new IcmpProbe(ANSWERING_HOST, Duration.ofSeconds(3), 3, Duration.ofMillis(50)));
    assumeIcmp(r);
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.UP);
    assertThat(r.details().attributes()).containsEntry("received", "3");
    System.out.println("icmp " + ANSWERING_HOST + " (netns): " + r.details().attributes());
  }

  @Test
  void anAddressNobodyHoldsLosesEveryEchoAndIsDownWithinTheTimeout() {
    assumeTrue(skipNamespaces == null, () -> "skipped: " + skipNamespaces);
    long start = System.nanoTime();
    ProbeResult r = ping(new IcmpProbe(SILENT_HOST, Duration.ofSeconds(2), 3, Duration.ofMillis(100)));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assumeIcmp(r);
    assertThat(r.outcome()).as("%s", r).isEqualTo(Outcome.DOWN);
    assertThat(r.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(r.message()).isEqualTo("no echo reply from " + SILENT_HOST + ": 3 of 3 lost");
    assertThat(r.details().attributes()).containsEntry("loss", "100%");
    assertThat(tookMillis).isLessThan(4_000);
  }

  @Test
  void whenNothingCanSendAnEchoTheResultIsUnsupportedNamingWhatIsMissing() {
    ProbeResult r = ping(new IcmpProbe("127.0.0.1", Duration.ofSeconds(2), 1, Duration.ofMillis(50)));
    if (r.outcome() == Outcome.UNSUPPORTED) {
      assertThat(r.errorKind()).isEqualTo(ErrorKind.UNSUPPORTED);
      assertThat(r.message()).startsWith("ICMP echo is not available").contains("ping");
    } else {
      assertThat(r.outcome()).isEqualTo(Outcome.UP);
      assertThat(r.details().attributes().get("method")).isNotBlank();
    }
  }
}
