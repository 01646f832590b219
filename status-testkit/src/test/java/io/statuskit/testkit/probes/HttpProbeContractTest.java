package io.statuskit.testkit.probes;

import io.statuskit.probes.HttpProbe;
import io.statuskit.probes.spi.Probe;
import io.statuskit.testkit.probes.ProbeContract;
import io.statuskit.testservers.HttpTestServer.Response;
import io.statuskit.testservers.HttpTestServer;
import io.statuskit.testservers.LocalServersExtension;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HttpProbe} honours the probe contract. */
class HttpProbeContractTest extends ProbeContract {
  @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();

  @Override
  protected Probe probeOf(InetSocketAddress target, Duration timeout) {
    return HttpProbe.builder("http://" + target.getHostString() + ":" + target.getPort() + "/health")
        .timeout(timeout)
        .build();
  }

  @Override
  protected Optional<InetSocketAddress> healthyTarget() {
    return Optional.of(servers.add(HttpTestServer.serving("/health", Response.ok("ok"))).address());
  }
}
