package io.statuskit.probes;

import com.google.common.base.Ticker;
import io.statuskit.probes.internal.IcmpEcho;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The other side of {@link IcmpDatagramSocketTest}: run in a JVM of its own, as an unprivileged
 * user inside a network namespace, it pings each address given with the {@code icmp} probe and
 * with a raw socket only, and prints one tab-separated line per attempt:
 *
 * <pre>
 * uid        &lt;real uid&gt;  &lt;effective capabilities, hex&gt;
 * probe      &lt;address&gt;   &lt;outcome&gt;  &lt;method&gt;  &lt;received&gt;  &lt;message&gt;
 * rtt        &lt;address&gt;   &lt;min / avg / max ms&gt;   (for the test's log)
 * raw        &lt;address&gt;   refused|allowed  &lt;message or method&gt;
 * </pre>
 */
final class IcmpChild {
  private IcmpChild() {}

  public static void main(String[] args) throws IOException {
    String uid = "?";
    String caps = "?";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("Uid:")) {
        uid = line.substring(4).trim().split("\\s+")[0];
      } else if (line.startsWith("CapEff:")) {
        caps = line.substring(7).trim();
      }
    }
    System.out.println("uid\t" + uid + "\t" + caps);
    try (ProbeEngine engine = ProbeEngine.create()) {
      for (String address : args) {
        ProbeResult r = ProbeTesting.run(engine, new IcmpProbe(address, Duration.ofSeconds(2), 3, Duration.ofMillis(50)));
        System.out.println(
            String.join(
                "\t",
                "probe",
                address,
                r.outcome().name(),
                r.details().attributes().getOrDefault("method", "-"),
                r.details().attributes().getOrDefault("received", "-"),
                r.message().replace('\t', ' ').replace('\n', ' ')));
        System.out.println(
            "rtt\t" + address + "\t" + r.details().attributes().getOrDefault("rttMin", "-") + " / "
                + r.details().attributes().getOrDefault("rttAvg", "-") + " / "
                + r.details().attributes().getOrDefault("rttMax", "-") + " ms");
        String raw;
        try {
          IcmpEcho.Echoes e =
              IcmpEcho.echo(
                  InetAddress.getByName(address), 1, Duration.ofMillis(50), Ticker.systemTicker(),
                  Ticker.systemTicker().read() + Duration.ofSeconds(1).toNanos(), EnumSet.of(IcmpEcho.Method.RAW));
          raw = "allowed\t" + e.method();
        } catch (IcmpEcho.Unsupported u) {
          raw = "refused\t" + u.getMessage();
        }
        System.out.println("raw\t" + address + "\t" + raw);
      }
    }
  }
}
