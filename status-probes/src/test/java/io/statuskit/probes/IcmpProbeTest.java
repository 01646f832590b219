package io.statuskit.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.statuskit.testservers.LocalServersExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IcmpProbeTest {
  @RegisterExtension final LocalServersExtension servers = new LocalServersExtension();

  @Test
  void icmpIsReportedUnsupportedNeverAsUpOrDown() {
    try (ProbeEngine engine = ProbeEngine.create()) {
      ProbeResult r = ProbeTesting.run(engine, IcmpProbe.of("127.0.0.1"));
      assertThat(r.outcome()).isEqualTo(Outcome.UNSUPPORTED);
      assertThat(r.errorKind()).isEqualTo(ErrorKind.UNSUPPORTED);
      assertThat(r.message()).contains("ICMP echo is not available").contains("port 7");
      assertThat(r.outcome().isFailure()).isFalse();
    }
  }
}
