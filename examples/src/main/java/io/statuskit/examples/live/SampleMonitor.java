package io.statuskit.examples.live;

import static java.util.Objects.requireNonNull;

import io.statuskit.core.StatusTracker;
import io.statuskit.monitor.Monitor;
import io.statuskit.monitor.TargetConfig;
import io.statuskit.probes.DnsProbe;
import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.SmtpProbe;
import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.spi.Probe;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor of the NinerNet sample: each server of the glance table is checked against the
 * local {@link DemoServices} by the probe its role calls for (name servers by DNS, mail and relay
 * servers by SMTP, web servers by HTTP, the phone server by TCP), every 10 seconds. Thread-safe.
 */
public final class SampleMonitor {
  private static final Logger log = LoggerFactory.getLogger(SampleMonitor.class);
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private SampleMonitor() {}

  /** Builds and starts the monitor. */
  public static Monitor start(StatusTracker tracker, DemoServices demo, LivePings pings, Clock clock) {
    requireNonNull(demo, "demo");
    String web = "http://127.0.0.1:" + demo.httpPort() + "/";
    Monitor.Builder builder = Monitor.builder(tracker).clock(clock);
    target(builder, "NC023", "Relay server", smtp(demo));
    target(builder, "NC028", "Monitoring server", http(web));
    target(builder, "NC031", "Web server", http(web));
    target(builder, "NC033", "Primary nameserver", dns(demo, "nc033.ninernet.net"));
    target(builder, "NC034", "Phone server", TcpProbe.builder("127.0.0.1", demo.httpPort()).timeout(TIMEOUT).build());
    target(builder, "NC035", "Secondary nameserver", dns(demo, "nc035.ninernet.net"));
    target(builder, "NC036", "Mail server", smtp(demo));
    target(builder, "NC040", "Web server", http(web));
    target(builder, "NC041", "Web server", http(web));
    target(builder, "NC042", "Status website", http(web));
    Monitor monitor = builder.build();
    monitor.subscribe(pings);
    // Each server's first round comes at a random point of its first interval. (No checkNow here:
    // in this version of Monitor a scheduled round that joins a checkNow round is not rescheduled.)
    monitor.start();
    log.info("probing {} servers every {} s", monitor.serverIds().size(), INTERVAL.toSeconds());
    return monitor;
  }

  private static void target(Monitor.Builder builder, String id, String name, Probe probe) {
    builder.target(
        TargetConfig.builder(id).name(name).interval(INTERVAL).probe(probe).build());
  }

  private static Probe http(String url) {
    return HttpProbe.builder(url).timeout(TIMEOUT).degradedAbove(Duration.ofSeconds(1)).build();
  }

  private static Probe smtp(DemoServices demo) {
    return SmtpProbe.builder("127.0.0.1", "monitor.example.net").port(demo.smtpPort()).timeout(TIMEOUT).build();
  }

  private static Probe dns(DemoServices demo, String name) {
    return DnsProbe.builder("127.0.0.1", name).port(demo.dnsPort()).timeout(TIMEOUT).build();
  }
}
