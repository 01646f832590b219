package io.statuskit.testkit.probes;

import io.statuskit.probes.TcpProbe;
import io.statuskit.probes.spi.Probe;
import io.statuskit.testkit.probes.ProbeContract;
import io.statuskit.testservers.LocalServersExtension;
import io.statuskit.testservers.SmtpTestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TcpProbe} expecting a banner honours the probe contract. */
class TcpProbeContractTest extends ProbeContract {
  @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();

  @Override
  protected Probe probeOf(InetSocketAddress target, Duration timeout) {
    return TcpProbe.builder(target.getHostString(), target.getPort()).expect("^220").timeout(timeout).build();
  }

  @Override
  protected Optional<InetSocketAddress> healthyTarget() {
    return Optional.of(servers.add(SmtpTestServer.builder().build()).address());
  }
}
