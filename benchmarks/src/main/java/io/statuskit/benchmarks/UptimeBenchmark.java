package io.statuskit.benchmarks;

import io.statuskit.core.ServerStatus;
import io.statuskit.core.StatusBoard;
import java.time.Duration;
import java.time.Instant;
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
 * 90-day uptime of every server on a board, from their timelines: the figure a status page shows
 * beside each server. Target: 1,000 servers in under 10 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class UptimeBenchmark {
  /** Servers on the board. */
  @Param({"1000"})
  public int servers;

  /** Outages per server in the 90 days (each comes with a spell of degraded performance). */
  @Param({"20"})
  public int outages;

  private StatusBoard board = StatusBoard.empty();
  private final Instant to = Fixtures.END;
  private final Instant from = Fixtures.END.minus(Duration.ofDays(90));

  /** Builds the board. */
  @Setup
  public void setUp() {
    board = Fixtures.timelines(servers, 90, outages);
  }

  /** The 90-day uptime of every server, summed so none of it is dead code. */
  @Benchmark
  public double uptimeOfEveryServer() {
    double sum = 0;
    for (ServerStatus server : board.servers()) {
      sum += board.uptimePercent(server.id(), from, to);
    }
    return sum;
  }

  /** The 90-day outages of every server (what a page lists under the uptime bar). */
  @Benchmark
  public int outagesOfEveryServer() {
    int count = 0;
    for (ServerStatus server : board.servers()) {
      count += server.timeline().outages(from, to).size();
    }
    return count;
  }
}
