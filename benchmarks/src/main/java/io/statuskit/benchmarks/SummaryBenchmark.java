package io.statuskit.benchmarks;

import io.statuskit.core.StatusBoard;
import io.statuskit.feeds.statuspage.PageInfo;
import io.statuskit.feeds.statuspage.StatuspageWriter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing a Statuspage-compatible {@code summary.json} of a board ({@code servers} public servers
 * in five groups, 10 open incidents, three maintenances, 200 resolved incidents of history):
 * StatusKit's {@link StatuspageWriter} against Jackson databind writing plain records built from
 * the same board ({@link SummaryPeer}). Bytes go to a sink that counts them. Allocation per
 * document is {@code gc.alloc.rate.norm} (from {@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SummaryBenchmark {
  /** Public servers on the board, each a Statuspage component. */
  @Param({"50", "1000"})
  public int servers;

  StatusBoard board = StatusBoard.empty();
  final StatuspageWriter writer =
      StatuspageWriter.of(
          PageInfo.of(SummaryPeer.PAGE_ID, SummaryPeer.PAGE_NAME, SummaryPeer.PAGE_URL, SummaryPeer.TIME_ZONE));
  private final CountingSink sink = new CountingSink();

  /** Builds the board. */
  @Setup
  public void setUp() {
    board = Fixtures.summaryBoard(servers, 10);
  }

  /** StatusKit: the streaming Statuspage writer. */
  @Benchmark
  public long summaryStatuskit() throws IOException {
    writer.summary(board).writeTo(sink.reset());
    return sink.count();
  }

  /** Jackson databind over plain records built from the same board. */
  @Benchmark
  public long summaryJackson() throws IOException {
    FeedPeers.MAPPER.writeValue(sink.reset(), SummaryPeer.summary(board));
    return sink.count();
  }
}
