package io.statuskit.probes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.base.Ticker;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Each way of sending an echo on its own, against 127.0.0.1. */
class IcmpEchoTest {
  private static Inet4Address loopback() throws Exception {
    return (Inet4Address) InetAddress.getByName("127.0.0.1");
  }

  private static long deadline(Duration d) {
    return Ticker.systemTicker().read() + d.toNanos();
  }

  @Test
  void theSystemPingCommandGivesRoundTripTimes() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/ping")) || Files.isExecutable(Path.of("/bin/ping")),
        "skipped: no ping command (Debian package iputils-ping; .ci/run installs it)");
    IcmpEcho.Echoes e =
        IcmpEcho.echo(
            loopback(), 3, Duration.ofMillis(200), Ticker.systemTicker(), deadline(Duration.ofSeconds(5)),
            EnumSet.of(IcmpEcho.Method.COMMAND));
    assertThat(e.method()).startsWith("the ping command");
    assertThat(e.sent()).isEqualTo(3);
    assertThat(e.roundTrips()).hasSize(3).allSatisfy(d -> assertThat(d).isPositive());
    System.out.println("icmp 127.0.0.1 via ping: " + e);
  }

  @Test
  void aRefusedDatagramSocketIsNamedWithTheSysctl() throws Exception {
    try {
      IcmpEcho.Echoes e =
          IcmpEcho.echo(
              loopback(), 1, Duration.ofMillis(50), Ticker.systemTicker(), deadline(Duration.ofSeconds(2)),
              EnumSet.of(IcmpEcho.Method.DATAGRAM));
      assertThat(e.method()).isEqualTo("ICMP datagram socket");
      assertThat(e.roundTrips()).hasSize(1);
    } catch (IcmpEcho.Unsupported u) {
      assertThat(u.getMessage())
          .startsWith("ICMP echo is not available: ")
          .contains("net.ipv4.ping_group_range is " + IcmpEcho.pingGroupRange())
          .endsWith("the ping command was not tried");
    }
  }

  @Test
  void withNoMethodTheEchoIsUnsupported() {
    assertThatThrownBy(
            () ->
                IcmpEcho.echo(
                    loopback(), 1, Duration.ofMillis(50), Ticker.systemTicker(), deadline(Duration.ofSeconds(1)),
                    EnumSet.noneOf(IcmpEcho.Method.class)))
        .isInstanceOf(IcmpEcho.Unsupported.class)
        .hasMessage("ICMP echo is not available: the ping command was not tried");
  }

  @Test
  void echoRequestsCarryAValidChecksum() {
    byte[] p = IcmpEcho.request(0x1234, 7);
    int sum = 0;
    for (int i = 0; i < p.length; i += 2) {
      sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    assertThat(sum).isEqualTo(0xffff);
    assertThat(p[0]).isEqualTo((byte) 8);
  }
}
