package io.statuskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The summary benchmark compares like with like: Jackson's document is the same JSON tree as
 * StatusKit's. A correctness check of the benchmark, not a speed check.
 */
class SummaryPeerTest {
  @Test
  void jacksonSummaryIsTheSameDocumentAsStatuskitSummary() throws Exception {
    SummaryBenchmark bench = new SummaryBenchmark();
    bench.servers = 40;
    bench.setUp();
    ByteArrayOutputStream ours = new ByteArrayOutputStream();
    bench.writer.summary(bench.board).writeTo(ours);
    JsonNode statuskit = FeedPeers.MAPPER.readTree(ours.toByteArray());
    JsonNode jackson =
        FeedPeers.MAPPER.readTree(FeedPeers.MAPPER.writeValueAsBytes(SummaryPeer.summary(bench.board)));

    assertThat(statuskit.get("components")).hasSize(40 + 5);
    assertThat(statuskit.get("incidents")).hasSize(10);
    assertThat(statuskit.get("scheduled_maintenances")).hasSize(3);
    assertThat(statuskit.at("/status/indicator").asText()).isEqualTo("minor");
    assertThat(jackson).isEqualTo(statuskit);
  }
}
