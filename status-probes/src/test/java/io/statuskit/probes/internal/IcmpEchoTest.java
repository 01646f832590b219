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
  void theSysctlIsReadWhole() {
    assumeTrue(Files.isReadable(Path.of("/proc/sys/net/ipv4/ping_group_range")), "skipped: no ping_group_range (not Linux)");
    // /proc reports size 0; a reader that reads one byte first gets "1" of "1 0"
    assertThat(IcmpEcho.pingGroupRange()).matches("\"\\d+ \\d+\"");
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
  void icmpv6RequestsLeaveTheChecksumToTheKernelAndAddressesAreSockaddrIn6() throws Exception {
    byte[] p = IcmpEcho.requestV6(0x1234, 7);
    assertThat(p[0]).isEqualTo((byte) 128);
    assertThat(p[2]).isZero();
    assertThat(p[3]).isZero();
    assertThat(p[4]).isEqualTo((byte) 0x12);
    assertThat(p[7]).isEqualTo((byte) 7);

    byte[] v6 = IcmpEcho.sockaddr(InetAddress.getByName("::1"));
    assertThat(v6).hasSize(28);
    assertThat(java.nio.ByteBuffer.wrap(v6).order(java.nio.ByteOrder.nativeOrder()).getShort(0)).isEqualTo((short) 10);
    assertThat(v6[23]).as("the last byte of ::1").isEqualTo((byte) 1);
    byte[] v4 = IcmpEcho.sockaddr(loopback());
    assertThat(v4).hasSize(16);
    assertThat(java.nio.ByteBuffer.wrap(v4).order(java.nio.ByteOrder.nativeOrder()).getShort(0)).isEqualTo((short) 2);
    assertThat(java.util.Arrays.copyOfRange(v4, 4, 8)).containsExactly(127, 0, 0, 1);
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
